/** Builders of Keras model configs for tests, in the shapes Keras 2 and Keras 3 serialize. */

type Json = Record<string, unknown>;

/** A layer entry of a Sequential model. */
export function layer(className: string, name: string, config: Json = {}): Json {
  return { class_name: className, config: { name, trainable: true, ...config } };
}

/** A Keras 2 Sequential model (`{"config": {"name", "layers"}}`). */
export function sequential(layers: Json[], name = 'sequential'): Json {
  return { class_name: 'Sequential', config: { name, layers }, keras_version: '2.11.0', backend: 'tensorflow' };
}

/** A layer of a Keras 2 functional model, with `inbound_nodes` in the list form. */
export function node(className: string, name: string, config: Json, inputs: string[]): Json {
  return { class_name: className, name, config: { name, ...config }, inbound_nodes: inputs.length ? [inputs.map((i) => [i, 0, 0, {}])] : [] };
}

/** A Keras 2 functional model. */
export function functional(layers: Json[], name = 'model'): Json {
  return { class_name: 'Functional', config: { name, layers, input_layers: [], output_layers: [] }, keras_version: '2.11.0' };
}

function kerasTensor(name: string): Json {
  return { class_name: '__keras_tensor__', config: { shape: [null], dtype: 'float32', keras_history: [name, 0, 0] } };
}

/** A layer of a Keras 3 functional model; several inputs are passed as one list argument, as merges take them. */
export function node3(className: string, name: string, config: Json, inputs: string[], buildInputShape?: unknown): Json {
  const args = inputs.length === 1 ? [kerasTensor(inputs[0]!)] : [inputs.map(kerasTensor)];
  return {
    module: 'keras.layers',
    class_name: className,
    config: { name, ...config },
    registered_name: null,
    ...(buildInputShape ? { build_config: { input_shape: buildInputShape } } : {}),
    name,
    inbound_nodes: inputs.length ? [{ args, kwargs: {} }] : [],
  };
}

/** A Keras 3 functional model as in a `.keras` archive's config.json. */
export function functional3(layers: Json[], name = 'functional'): Json {
  return { module: 'keras.src.models.functional', class_name: 'Functional', config: { name, trainable: true, layers, input_layers: [], output_layers: [] } };
}

/**
 * A model with layers objectives decline (BatchNormalization: no FLOPs, no DSPs) and a class hwcost
 * does not know (`MyCustomHead`), for reports that must show `n/a` and unsupported layers.
 */
export function modelWithDeclinedAndUnknownLayers(): Json {
  return functional([
    node('InputLayer', 'in', { batch_input_shape: [null, 8, 8, 3] }, []),
    node('Conv2D', 'conv', { filters: 4, kernel_size: [3, 3], padding: 'same' }, ['in']),
    node('BatchNormalization', 'bn', { axis: -1 }, ['conv']),
    node('Flatten', 'flat', {}, ['bn']),
    node('Dense', 'fc', { units: 3 }, ['flat']),
    node('MyCustomHead', 'head', {}, ['fc']),
  ]);
}
