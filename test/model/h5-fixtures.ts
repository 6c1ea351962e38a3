import h5wasm from 'h5wasm';

type Group = InstanceType<typeof h5wasm.Group>;

/** A kernel to store: its shape and values (C order). */
export interface Kernel {
  shape: number[];
  data?: number[];
}

let next = 0;

/**
 * A whole-model Keras 2 HDF5 file as `model.save("m.h5")` writes it: the model JSON in the root's
 * `model_config` attribute and each layer's weights under `model_weights/<layer>/<layer>/kernel:0`,
 * listed by `layer_names` and `weight_names`. Without `modelConfig` it is a `save_weights` file.
 */
export async function kerasH5(modelConfig: unknown, kernels: Record<string, Kernel>): Promise<Uint8Array> {
  const { FS } = await h5wasm.ready;
  const name = `/fixture-${process.pid}-${next++}.h5`;
  const file = new h5wasm.File(name, 'w');
  const whole = modelConfig !== undefined;
  if (whole) {
    file.create_attribute('model_config', JSON.stringify(modelConfig));
    file.create_attribute('keras_version', '2.11.0');
    file.create_attribute('backend', 'tensorflow');
  }
  const root: Group = whole ? file.create_group('model_weights') : file;
  root.create_attribute('layer_names', Object.keys(kernels));
  for (const [layer, kernel] of Object.entries(kernels)) {
    const group = root.create_group(layer);
    group.create_attribute('weight_names', [`${layer}/kernel:0`]);
    const size = kernel.shape.reduce((a, b) => a * b, 1);
    const data = Float32Array.from(kernel.data ?? Array.from({ length: size }, (_v, i) => (i % 7) - 3));
    group.create_group(layer).create_dataset({ name: 'kernel:0', data, shape: kernel.shape, dtype: '<f' });
  }
  file.close();
  const bytes = FS.readFile(name);
  FS.unlink(name);
  return bytes;
}
