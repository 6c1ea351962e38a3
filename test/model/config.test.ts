import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Diagnostics, formatPrecision, type Hls4mlAttributes } from '@hwcost/core';
import { applyHls4mlConfig, hls4mlConfigFrom, importKerasJson, loadHls4mlConfig, parseConfigText, type ImportedModel } from '@hwcost/model';
import { functional, layer, node, sequential } from './fixtures.js';

/** A QKeras MLP: q1 has a 6-bit quantizer, d2 is a plain Dense, act has no weights. */
const mlp = importKerasJson(
  JSON.stringify(
    sequential([
      layer('InputLayer', 'in', { batch_input_shape: [null, 16] }),
      layer('QDense', 'q1', { units: 8, kernel_quantizer: { class_name: 'quantized_bits', config: { bits: 6, integer: 0 } } }),
      layer('Activation', 'act', { activation: 'relu' }),
      layer('Dense', 'd2', { units: 4 }),
    ]),
  ),
  'mlp.json',
);

function resolve(text: string, model: ImportedModel = mlp, source = 'cfg.yml') {
  const diagnostics = new Diagnostics();
  const resolved = applyHls4mlConfig(model, hls4mlConfigFrom(parseConfigText(text, source), source), diagnostics);
  const byName = Object.fromEntries(resolved.layers.map((l) => [l.attributes.name, l.attributes.args.hls4ml]));
  return { byName, warnings: diagnostics.lines() };
}

function summary(h: Hls4mlAttributes | undefined) {
  if (!h) return h;
  return { ...h, weightPrecision: formatPrecision(h.weightPrecision), outputPrecision: formatPrecision(h.outputPrecision) };
}

describe('hls4ml config resolution', () => {
  it('applies the defaults and QKeras quantizers without a config, to prunable layers only', () => {
    const resolved = applyHls4mlConfig(mlp, undefined, new Diagnostics());
    const byName = Object.fromEntries(resolved.layers.map((l) => [l.attributes.name, summary(l.attributes.args.hls4ml)]));
    expect(byName).toEqual({
      in: undefined,
      q1: {
        nIn: 16,
        nOut: 8,
        ioType: 'io_parallel',
        strategy: 'Latency',
        weightPrecision: 'ap_fixed<6,1>',
        outputPrecision: 'ap_fixed<16,6>',
        reuseFactor: 1,
        parallelizationFactor: 1,
      },
      act: undefined,
      d2: { nIn: 8, nOut: 4, ioType: 'io_parallel', strategy: 'Latency', weightPrecision: 'ap_fixed<16,6>', outputPrecision: 'ap_fixed<16,6>', reuseFactor: 1, parallelizationFactor: 1 },
    });
  });

  it('resolves per key: LayerName > kernel quantizer (weights only) > LayerType > Model > defaults', () => {
    const { byName } = resolve(`
IOType: io_stream
HLSConfig:
  Model:
    Precision: ap_fixed<14,5>
    ReuseFactor: 2
    Strategy: latency
  LayerType:
    QDense:
      Strategy: Resource
      Precision:
        weight: ap_fixed<10,4>
        result: ap_fixed<20,10>
    Dense:
      Precision:
        weight: ap_fixed<9,3>
  LayerName:
    D2:
      ReuseFactor: 16
      Precision:
        default: ap_fixed<12,4>
`);
    expect(summary(byName.q1)).toMatchObject({ ioType: 'io_stream', strategy: 'Resource', reuseFactor: 2, weightPrecision: 'ap_fixed<6,1>', outputPrecision: 'ap_fixed<20,10>' });
    // LayerName is matched case-insensitively (hls4ml lower-cases it); its Precision default applies to every variable.
    expect(summary(byName.d2)).toMatchObject({ ioType: 'io_stream', strategy: 'Latency', reuseFactor: 16, weightPrecision: 'ap_fixed<12,4>', outputPrecision: 'ap_fixed<12,4>' });
  });

  it('lets LayerName override the quantizer, with a string or a mapping', () => {
    const { byName } = resolve('HLSConfig:\n  LayerName:\n    q1:\n      Precision: ap_int<8>\n');
    expect(summary(byName.q1)).toMatchObject({ weightPrecision: 'ap_int<8>', outputPrecision: 'ap_int<8>' });
    const mapped = resolve('HLSConfig:\n  Model:\n    Precision: ap_fixed<18,8>\n  LayerName:\n    q1:\n      Precision:\n        weight: ap_fixed<8,3>\n');
    expect(summary(mapped.byName.q1)).toMatchObject({ weightPrecision: 'ap_fixed<8,3>', outputPrecision: 'ap_fixed<18,8>' });
  });

  it('skips a precision of auto with a warning', () => {
    const { byName, warnings } = resolve('HLSConfig:\n  Model:\n    Precision: ap_fixed<18,8>\n  LayerName:\n    d2:\n      Precision:\n        weight: auto\n        result: ap_fixed<8,2>\n');
    expect(summary(byName.d2)).toMatchObject({ weightPrecision: 'ap_fixed<18,8>', outputPrecision: 'ap_fixed<8,2>' });
    expect(warnings).toEqual(['layer d2: cfg.yml: HLSConfig.LayerName.d2.Precision.weight is "auto", which hwcost cannot infer; the next level of the config applies']);
  });

  it('reads the bare HLSConfig form, in JSON', () => {
    const { byName } = resolve('{"Model": {"Precision": "ap_fixed<18,8>", "ReuseFactor": 4, "Strategy": "Resource"}, "IOType": "io_stream"}', mlp, 'cfg.json');
    expect(summary(byName.d2)).toMatchObject({ ioType: 'io_stream', strategy: 'Resource', reuseFactor: 4, weightPrecision: 'ap_fixed<18,8>' });
  });

  it('gives Conv2D hls4ml fan-in (kernel window) and fan-out (filters)', () => {
    const cnn = importKerasJson(
      JSON.stringify(
        functional([
          node('InputLayer', 'in', { batch_input_shape: [null, 8, 8, 3] }, []),
          node('Conv2D', 'conv', { filters: 4, kernel_size: [3, 3], padding: 'same' }, ['in']),
        ]),
      ),
      'cnn.json',
    );
    expect(resolve('HLSConfig: {}', cnn).byName.conv).toMatchObject({ nIn: 9, nOut: 4 });
  });

  it('keeps the model files the config names as written (they are looked for when used)', () => {
    const config = hls4mlConfigFrom(parseConfigText('KerasJson: model.json\nKerasH5: w.h5\nHLSConfig: {}\n', 'proj/cfg.yml'), 'proj/cfg.yml');
    expect(config).toMatchObject({ files: { KerasJson: 'model.json', KerasH5: 'w.h5' }, prefix: 'HLSConfig.' });
  });

  it('rejects invalid values, naming the config file, layer and key', () => {
    const cases: [string, string][] = [
      ['IOType: io_fast\nHLSConfig: {}', 'cfg.yml: IOType: unknown io type "io_fast" (known: io_parallel, io_stream)'],
      ['HLSConfig:\n  Model: {Strategy: Fastest}', 'cfg.yml: layer q1: HLSConfig.Model.Strategy: unknown strategy "Fastest" (known: Latency, Resource)'],
      [
        'HLSConfig:\n  LayerName:\n    d2:\n      Precision: ap_fixd<16,6>',
        'cfg.yml: layer d2: HLSConfig.LayerName.d2.Precision: invalid precision "ap_fixd<16,6>": not an ap_/ac_ fixed, int or float type',
      ],
      ['HLSConfig:\n  LayerType:\n    Dense: {Precision: {weight: float}}', 'cfg.yml: layer d2: HLSConfig.LayerType.Dense.Precision.weight: "float" is a floating-point type'],
      ['HLSConfig:\n  Model: {Precision: 16}', 'cfg.yml: layer q1: HLSConfig.Model.Precision: a precision must be a string such as ap_fixed<16,6>, got 16'],
      ['HLSConfig:\n  Model: {ReuseFactor: 0}', 'cfg.yml: layer q1: HLSConfig.Model.ReuseFactor must be an integer ≥ 1, got 0'],
      ['HLSConfig:\n  LayerName:\n    d2: {ReuseFactor: "4"}', 'cfg.yml: layer d2: HLSConfig.LayerName.d2.ReuseFactor must be an integer ≥ 1, got "4"'],
      ['HLSConfig: [1, 2]', 'cfg.yml: HLSConfig must be a mapping, got [1,2]'],
      ['HLSConfig:\n  LayerName:\n    d2: 4', 'cfg.yml: HLSConfig.LayerName.d2 must be a mapping, got 4'],
      ['- 1\n- 2', 'cfg.yml: the config must be a mapping, got [1,2]'],
    ];
    for (const [text, message] of cases) expect(() => resolve(text), text).toThrow(message);
  });
});

describe('hls4ml config files', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'hwcost-config-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('names a missing file', async () => {
    await expect(loadHls4mlConfig(path.join(dir, 'nope.yml'))).rejects.toThrow(`cannot read config ${path.join(dir, 'nope.yml')}: no such file`);
    await expect(loadHls4mlConfig(dir)).rejects.toThrow(`cannot read config ${dir}: it is a directory`);
  });

  it('gives line and column of malformed YAML and JSON', async () => {
    const yml = path.join(dir, 'bad.yml');
    writeFileSync(yml, 'HLSConfig:\n  Model:\n    ReuseFactor: 1\n   Strategy: Latency\n');
    await expect(loadHls4mlConfig(yml)).rejects.toThrow(new RegExp(`^${yml.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: invalid YAML at line 4, column \\d+: `));
    const json = path.join(dir, 'bad.json');
    writeFileSync(json, '{\n  "Model": {"ReuseFactor": 1,}\n}\n');
    await expect(loadHls4mlConfig(json)).rejects.toThrow(`${json}: invalid JSON at line 2, column 30: expected a double-quoted key, found "}"`);
  });
});
