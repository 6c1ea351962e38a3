import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Diagnostics } from '@hwcost/core';
import {
  applyHls4mlConfig,
  closestReuseFactor,
  hls4mlConfigFrom,
  importKerasJson,
  isValidReuseFactor,
  locateConfigFile,
  parseConfigText,
  validReuseFactors,
  type ImportedModel,
} from '@hwcost/model';
import { layer, sequential } from './fixtures.js';

const mlp = importKerasJson(
  JSON.stringify(
    sequential([
      layer('InputLayer', 'fc1_input', { batch_input_shape: [null, 16] }),
      layer('Dense', 'fc1', { units: 12 }),
      layer('Dense', 'fc2', { units: 5 }),
    ]),
  ),
  'mlp.json',
);

function resolve(text: string, model: ImportedModel = mlp, source = 'cfg.yml') {
  const diagnostics = new Diagnostics();
  const resolved = applyHls4mlConfig(model, hls4mlConfigFrom(parseConfigText(text, source), source), diagnostics);
  return { byName: Object.fromEntries(resolved.layers.map((l) => [l.attributes.name, l.attributes.args.hls4ml])), warnings: diagnostics.lines() };
}

/** hls4ml's get_valid_reuse_factors as written there: every rf from 1 to nIn·nOut through _validate_reuse_factor. */
function hls4mlValidReuseFactors(nIn: number, nOut: number): number[] {
  const valid: number[] = [];
  for (let rf = 1; rf <= nIn * nOut; rf++) {
    const multfactor = Math.min(nIn, rf);
    const limit = Math.ceil((nIn * nOut) / multfactor);
    if ((limit % nOut === 0 || rf >= nIn) && (rf % nIn === 0 || rf < nIn) && (nIn * nOut) % rf === 0) valid.push(rf);
  }
  return valid;
}

describe("hls4ml's reuse-factor rules", () => {
  it('lists the same valid reuse factors as hls4ml for every layer size up to 40×40', () => {
    for (let nIn = 1; nIn <= 40; nIn++) for (let nOut = 1; nOut <= 40; nOut++) expect(validReuseFactors(nIn, nOut), `${nIn}x${nOut}`).toEqual(hls4mlValidReuseFactors(nIn, nOut));
    expect(validReuseFactors(16, 12)).toEqual([1, 2, 4, 8, 16, 32, 48, 64, 96, 192]);
    expect(isValidReuseFactor(16, 12, 3)).toBe(false);
  });

  it('picks the closest valid one, the smaller of two equally close', () => {
    const valid = [1, 2, 3, 4, 6, 12, 16, 32];
    expect(closestReuseFactor(valid, 5)).toBe(4);
    expect(closestReuseFactor(valid, 14)).toBe(12);
    expect(closestReuseFactor(valid, 15)).toBe(16);
    expect(closestReuseFactor(valid, 1000)).toBe(32);
    expect(closestReuseFactor(valid, 0)).toBe(1);
  });

  it('moves a ReuseFactor larger than the layer to the closest valid one, with a warning, under any strategy', () => {
    for (const strategy of ['Latency', 'Resource']) {
      const { byName, warnings } = resolve(`HLSConfig:\n  Model: {Strategy: ${strategy}, ReuseFactor: 1000}\n`);
      expect(byName.fc1!.reuseFactor).toBe(192);
      expect(byName.fc2!.reuseFactor).toBe(60);
      expect(warnings).toEqual([
        'layer fc1: cfg.yml: HLSConfig.Model.ReuseFactor 1000 is not valid for this layer (16×12 multiplications); using ReuseFactor 192 as hls4ml does. Valid: 1,2,4,8,16,32,48,64,96,192',
        'layer fc2: cfg.yml: HLSConfig.Model.ReuseFactor 1000 is not valid for this layer (12×5 multiplications); using ReuseFactor 60 as hls4ml does. Valid: 1,2,3,4,6,12,60',
      ]);
    }
  });

  it("keeps a smaller ReuseFactor hls4ml's rules reject (its pruning uses it), naming what the converter would use", () => {
    const resource = resolve('HLSConfig:\n  Model: {Strategy: Resource}\n  LayerName:\n    fc1: {ReuseFactor: 5}\n');
    expect(resource.byName.fc1!.reuseFactor).toBe(5);
    expect(resource.warnings).toEqual([
      "layer fc1: cfg.yml: HLSConfig.LayerName.fc1.ReuseFactor 5 is not valid for this layer (16×12 multiplications); hls4ml's converter would use 4; estimates use 5, as hls4ml's pruning does. Valid: 1,2,4,8,16,32,48,64,96,192",
    ]);
    // hls4ml's converter checks reuse factors under the Resource strategy only.
    expect(resolve('HLSConfig:\n  LayerName:\n    fc1: {ReuseFactor: 5}\n').warnings).toEqual([]);
  });
});

describe('configs as hls4ml reads them', () => {
  it('reads IOType io_serial, the old name for streaming, with a warning', () => {
    const { byName, warnings } = resolve('IOType: io_serial\nHLSConfig: {}\n');
    expect(byName.fc1!.ioType).toBe('io_stream');
    expect(warnings).toEqual(["cfg.yml: IOType io_serial is hls4ml's old name for streaming; read as io_stream"]);
  });

  it('reads YAML as PyYAML does (YAML 1.1): ReuseFactor 010 is 8', () => {
    expect(resolve('HLSConfig:\n  Model:\n    ReuseFactor: 010\n').byName.fc1!.reuseFactor).toBe(8);
  });

  it('warns about unknown keys and LayerName entries for layers the model lacks, naming the closest', () => {
    const { warnings } = resolve(
      'IOTyp: io_parallel\nHLSConfig:\n  Modell: {}\n  Model:\n    Reusefactor: 4\n    Trace: false\n  LayerName:\n    fc3:\n      Precision: ap_fixed<8,3>\n    fc1_linear: {Trace: true}\n    fc1_input: {Trace: true}\n    nothing_like_it: {}\n',
    );
    expect(warnings).toEqual([
      'cfg.yml: IOTyp is not an hls4ml key and is ignored; did you mean IOType?',
      'cfg.yml: HLSConfig.Modell is not an hls4ml key and is ignored; did you mean Model?',
      'cfg.yml: HLSConfig.Model.Reusefactor is not an hls4ml key and is ignored; did you mean ReuseFactor?',
      'cfg.yml: HLSConfig.LayerName.fc3 names no layer of the model and is ignored; did you mean fc1?',
      'cfg.yml: HLSConfig.LayerName.nothing_like_it names no layer of the model and is ignored',
    ]);
  });

  it('refuses a file with no hls4ml key, naming the keys it has, and hls4ml keys nested one level down', () => {
    expect(() => hls4mlConfigFrom(parseConfigText('foo: 1\nbar: 2\n', 'x.yml'), 'x.yml')).toThrow(
      'x.yml: not an hls4ml config (keys: "foo", "bar"); expected HLSConfig, IOType, KerasJson, … or the HLSConfig keys Model, LayerType, LayerName',
    );
    expect(() => hls4mlConfigFrom(parseConfigText('hls_config:\n  Model:\n    ReuseFactor: 4\n', 'x.yml'), 'x.yml')).toThrow(
      'x.yml: not an hls4ml config at its top level (keys: "hls_config"); the hls4ml settings are nested under "hls_config": move them to the top level',
    );
  });

  it("reads the model hls4ml wrote as KerasModel: !keras_model 'path'", () => {
    const config = hls4mlConfigFrom(parseConfigText("KerasModel: !keras_model 'prj/keras_model.h5'\nHLSConfig: {}\n", 'cfg.yml'), 'cfg.yml');
    expect(config.files).toEqual({ KerasModel: 'prj/keras_model.h5' });
  });
});

describe('files a config names', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'hwcost-locate-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const configDir = path.join(root, 'project');
  const modelDir = path.join(root, 'models');
  mkdirSync(configDir);
  mkdirSync(modelDir);
  const cfg = (text: string) => hls4mlConfigFrom(parseConfigText(text, path.join(configDir, 'cfg.yml')), path.join(configDir, 'cfg.yml'));

  it('are looked for from the current directory, then the config folder, then beside the model', () => {
    const relative = path.relative(process.cwd(), path.join(root, 'cwd.h5'));
    writeFileSync(path.join(root, 'cwd.h5'), '');
    expect(locateConfigFile(cfg(`KerasH5: ${relative}\nHLSConfig: {}\n`), 'KerasH5')).toBe(relative);
    writeFileSync(path.join(configDir, 'beside-config.h5'), '');
    expect(locateConfigFile(cfg('KerasH5: beside-config.h5\nHLSConfig: {}\n'), 'KerasH5')).toBe(path.join(configDir, 'beside-config.h5'));
    writeFileSync(path.join(modelDir, 'beside-model.h5'), '');
    expect(locateConfigFile(cfg('KerasH5: old/run/beside-model.h5\nHLSConfig: {}\n'), 'KerasH5', path.join(modelDir, 'm.json'))).toBe(path.join(modelDir, 'beside-model.h5'));
  });

  it('are named with every place tried when missing', () => {
    const config = cfg('KerasJson: gone/model.json\nHLSConfig: {}\n');
    expect(() => locateConfigFile(config, 'KerasJson')).toThrow(
      `${path.join(configDir, 'cfg.yml')}: KerasJson "gone/model.json" not found; tried gone/model.json, ${path.join(configDir, 'gone/model.json')}, ${path.join(configDir, 'model.json')}`,
    );
  });
});

describe('strategies of newer hls4ml versions', () => {
  it('costs Resource_Unrolled as Resource, with a warning', () => {
    const { byName, warnings } = resolve('HLSConfig:\n  Model: {Strategy: Resource_Unrolled, ReuseFactor: 4}\n');
    expect(byName.fc1!.strategy).toBe('Resource');
    expect(warnings[0]).toBe('layer fc1: cfg.yml: HLSConfig.Model.Strategy Resource_Unrolled is costed as Resource (hwcost has no separate formula for the unrolled variant)');
  });
});
