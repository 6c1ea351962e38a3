import { isDataObject, type DataObject, type DataValue } from '../io/data.js';

/**
 * Keras' `to_snake_case` of a class name, which names a layer's group in the weights file:
 * `Conv1D` → `conv1d`, `QConv2DBatchnorm` → `q_conv2d_batchnorm`, `GlobalMaxPooling1D` → `global_max_pooling1d`.
 */
export function kerasSnakeCase(className: string): string {
  const snake = className
    .replace(/(.)([A-Z][a-z0-9]+)/g, '$1_$2')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase();
  return snake.startsWith('_') ? `private${snake}` : snake;
}

/** A model config's layer list: `config.layers`, or the bare list of Keras 2's first Sequential configs. */
function layerList(model: DataObject): DataValue[] | undefined {
  const config = model.config;
  if (Array.isArray(config)) return config;
  const layers = isDataObject(config) ? config.layers : undefined;
  return Array.isArray(layers) ? layers : undefined;
}

/**
 * The layer names behind the groups of a weights file written by Keras' saving library (Keras 3's
 * `model.weights.h5` under `layers/`, and the `.keras` files of tf.keras 2.13–2.15 under
 * `_layer_checkpoint_dependencies/`). That library does not use layer names: it names each group
 * after the layer's class in snake case, numbered per class in layer order (`dense`, `dense_1`, …),
 * and a nested model's layers under the model's group. Returned as a map from the group path
 * (`dense_1`, `functional/conv2d`) to the layer's name in the model config.
 */
export function savedLayerNames(modelConfig: DataValue): Map<string, string> {
  const names = new Map<string, string>();
  // The parsed config is bounded in depth (MAX_NESTING), so the recursion is too.
  const walk = (model: DataObject, prefix: string) => {
    const counts = new Map<string, number>();
    for (const entry of layerList(model) ?? []) {
      if (!isDataObject(entry) || typeof entry.class_name !== 'string') continue;
      const base = kerasSnakeCase(entry.class_name);
      const n = counts.get(base) ?? 0;
      counts.set(base, n + 1);
      const key = `${prefix}${n === 0 ? base : `${base}_${n}`}`;
      const name = isDataObject(entry.config) ? entry.config.name : entry.name;
      if (typeof name === 'string') names.set(key, name);
      if (layerList(entry)) walk(entry, `${key}/`);
    }
  };
  if (isDataObject(modelConfig)) walk(modelConfig, '');
  return names;
}
