// Writes examples/jet-tagging/jet-tagging_weights.h5: seeded random kernels and biases
// for the bundled jet-tagging MLP, in the layout of Keras 2's `model.save_weights()`, so that
// `hwcost plan` has weights to rank without a trained model. Run once; the file is committed.
import h5wasm from 'h5wasm';
import { readFileSync, writeFileSync } from 'node:fs';

const dir = new URL('../examples/jet-tagging/', import.meta.url);
const model = JSON.parse(readFileSync(new URL('jet-tagging.json', dir), 'utf8'));
const { FS } = await h5wasm.ready;

let seed = 20260101;
const uniform = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32) * 2 - 1;

const file = new h5wasm.File('/weights.h5', 'w');
const names = model.config.layers.map((l) => l.config.name);
file.create_attribute('layer_names', names);
file.create_attribute('backend', 'tensorflow');
file.create_attribute('keras_version', '2.9.0');
let inputs = model.config.layers[0].config.batch_input_shape.at(-1);
for (const layer of model.config.layers) {
  const name = layer.config.name;
  const group = file.create_group(name);
  if (layer.class_name !== 'Dense') {
    group.create_attribute('weight_names', []);
    continue;
  }
  const units = layer.config.units;
  group.create_attribute('weight_names', [`${name}/kernel:0`, `${name}/bias:0`]);
  const limit = Math.sqrt(6 / (inputs + units));
  const kernel = Float32Array.from({ length: inputs * units }, () => uniform() * limit);
  const variables = group.create_group(name);
  variables.create_dataset({ name: 'kernel:0', data: kernel, shape: [inputs, units], dtype: '<f' });
  variables.create_dataset({ name: 'bias:0', data: new Float32Array(units), shape: [units], dtype: '<f' });
  inputs = units;
}
file.close();
writeFileSync(new URL('jet-tagging_weights.h5', dir), FS.readFile('/weights.h5'));
