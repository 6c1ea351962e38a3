import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import onnxProto from 'onnx-proto';
import { afterAll, describe, expect, it } from 'vitest';
import { transposeArray } from '@hwcost/model';
import { oneLineError, runHwcost } from '../support/cli.js';
import { readNpz } from '../support/npz.js';

const models = '../shared/conformance/models';
const examples = `${models}/onnx-examples`;
const dir = mkdtempSync(path.join(tmpdir(), 'hwcost-onnx-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('hwcost on ONNX models', () => {
  const files = readdirSync(examples).filter((f) => f.endsWith('.onnx'));

  it('finds the public examples', () => expect(files.length).toBeGreaterThanOrEqual(7));

  it.each(files)('estimates %s with exit 0', (file) => {
    const result = runHwcost(['estimate', path.join(examples, file), '--format', 'json']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.layers.filter((l: { supported: boolean }) => l.supported).length).toBeGreaterThan(1);
    expect(report.totals.parameter[0]).toBeGreaterThan(0);
  });

  it('refuses a PyTorch .pt file in one line, with the ONNX export call', () => {
    const pt = readdirSync(examples).find((f) => f.endsWith('.pt'))!;
    const result = runHwcost(['estimate', path.join(examples, pt)]);
    expect(result.status).toBe(2);
    expect(oneLineError(result)).toBe(
      `hwcost: ${path.join(examples, pt)} is a PyTorch file, which cannot be read without running Python; hwcost reads ONNX: export it with torch.onnx.export(model, example_input, "model.onnx") and give hwcost model.onnx`,
    );
  });

  it('takes an ONNX model from the config (OnnxModel) and addresses its layers by name and hls4ml class', () => {
    const config = path.join(dir, 'onnx-config.yml');
    writeFileSync(
      config,
      `OnnxModel: ${path.resolve(models, 'KERAS_3layer.onnx')}\nIOType: io_parallel\nHLSConfig:\n  LayerType:\n    Dense: {Strategy: Resource, ReuseFactor: 2}\n  LayerName:\n    fc1_relu: {ReuseFactor: 4}\n`,
    );
    const result = runHwcost(['estimate', '--config', config, '--format', 'json', '--objective', 'vivado-dsp']);
    expect(result.status).toBe(0);
    const layers = JSON.parse(result.stdout).layers.filter((l: { type: string }) => l.type === 'Dense');
    expect(layers.map((l: { name: string; hls4ml: { reuseFactor: number; strategy: string } }) => [l.name, l.hls4ml.reuseFactor, l.hls4ml.strategy])).toEqual([
      ['fc1_relu', 4, 'Resource'],
      ['fc2_relu', 2, 'Resource'],
      ['fc3_relu', 2, 'Resource'],
      ['output_softmax', 2, 'Resource'],
    ]);
  });

  it('plans a dynamo export whose weights are in an external-data file beside it, as the one that holds them', () => {
    const { onnx } = onnxProto;
    const model = onnx.ModelProto.decode(readFileSync(`${models}/KERAS_3layer.dynamo.onnx`));
    const chunks: Uint8Array[] = [];
    let offset = 0;
    for (const tensor of model.graph?.initializer ?? []) {
      const raw = tensor.rawData ?? new Uint8Array(0);
      chunks.push(raw);
      tensor.externalData = [
        onnx.StringStringEntryProto.create({ key: 'location', value: 'external.onnx.data' }),
        onnx.StringStringEntryProto.create({ key: 'offset', value: String(offset) }),
        onnx.StringStringEntryProto.create({ key: 'length', value: String(raw.length) }),
      ];
      tensor.dataLocation = onnx.TensorProto.DataLocation.EXTERNAL;
      tensor.rawData = new Uint8Array(0);
      offset += raw.length;
    }
    writeFileSync(path.join(dir, 'external.onnx'), onnx.ModelProto.encode(model).finish());
    writeFileSync(path.join(dir, 'external.onnx.data'), Buffer.concat(chunks));
    const external = plan(path.join(dir, 'external.onnx'), 'parameter');
    const inline = plan(`${models}/KERAS_3layer.dynamo.onnx`, 'parameter');
    expect(external.masks).toEqual(inline.masks);
    expect(external.masks.fc1_relu!.shape).toEqual([64, 16]);
  });

  /** Plans a model and returns its masks. */
  function plan(model: string, objective: string, extra: string[] = []) {
    const masks = path.join(dir, `${path.basename(model)}.${objective}.npz`);
    const result = runHwcost(['plan', model, '--objective', objective, '--sparsity', '0.5', '--masks', masks, '--format', 'json', ...extra]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    return { masks: readNpz(masks), report: JSON.parse(result.stdout) };
  }

  it.each([
    ['KERAS_3layer', 'parameter'],
    ['KERAS_3layer', 'gpu-flops'],
    ['KERAS_conv2d_model', 'parameter'],
  ])('keeps on the ONNX twin of %s exactly the groups the Keras twin keeps (%s), masks in the initializer layout', (name, objective) => {
    const keras = plan(`${models}/${name}.json`, objective, ['--weights', `${models}/${name}_weights.h5`]);
    const onnx = plan(`${models}/${name}${name === 'KERAS_conv2d_model' ? '.dynamo' : ''}.onnx`, objective);
    expect(Object.keys(onnx.masks).sort()).toEqual(Object.keys(keras.masks).sort());
    for (const [layer, mask] of Object.entries(keras.masks)) {
      // PyTorch's layout: Linear [out, in] is the Keras [in, out] transposed; Conv [out, in, kh, kw] is Keras [kh, kw, in, out].
      const perm = mask.shape.length === 2 ? [1, 0] : [3, 2, 0, 1];
      expect(onnx.masks[layer], layer).toEqual(transposeArray(mask, perm));
    }
    expect(onnx.report.after).toEqual(keras.report.after);
    const kept = (report: { layers: { name: string; pruned: boolean; keptGroups: number }[] }) => report.layers.filter((l) => l.pruned).map((l) => [l.name, l.keptGroups]);
    expect(kept(onnx.report)).toEqual(kept(keras.report));
  });
});
