import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bomb, kerasArchive } from '../model/archive-fixtures.js';
import { runHwcost } from '../support/cli.js';

const hwcost = (...args: string[]) => runHwcost(args);

const models = '../shared/conformance/models';
const model = `${models}/KERAS_3layer.json`;
const dir = mkdtempSync(path.join(tmpdir(), 'hwcost-errors-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Uint8Array): string {
  const full = path.join(dir, name);
  writeFileSync(full, content);
  return full;
}

/** Runs `hwcost estimate` expecting a user error: exit code 2, one line on stderr, no stack trace, quickly. */
function fails(...args: string[]): string {
  const { status, stdout, stderr, ms } = hwcost('estimate', ...args);
  expect(stdout).toBe('');
  expect(status).toBe(2);
  expect(stderr).toMatch(/^hwcost: [^\n]+\n$/);
  expect(stderr).not.toMatch(/\bat .*:\d+:\d+/);
  expect(ms).toBeLessThan(8000);
  return stderr.trim();
}

function config(name: string, hlsConfig: string): string {
  return file(name, `KerasJson: ${path.resolve(model)}\nIOType: io_parallel\nHLSConfig:\n${hlsConfig}`);
}

describe('hwcost estimate errors', () => {
  it('names a missing model or config file', () => {
    expect(fails(path.join(dir, 'missing.json'))).toBe(`hwcost: cannot read model ${path.join(dir, 'missing.json')}: no such file`);
    expect(fails(model, '--config', path.join(dir, 'missing.yml'))).toBe(`hwcost: cannot read config ${path.join(dir, 'missing.yml')}: no such file`);
  });

  it('gives line and column of malformed model JSON and config YAML', () => {
    const json = file('broken.json', '{\n  "class_name": "Sequential",\n  "config": [\n');
    expect(fails(json)).toBe(`hwcost: ${json}: invalid JSON at line 4, column 1: expected a value, found the end of the text`);
    const yml = file('broken.yml', 'HLSConfig:\n  Model:\n    Precision: ap_fixed<16,6>\n  - ReuseFactor: 1\n');
    expect(fails(model, '--config', yml)).toMatch(new RegExp(`^hwcost: ${yml}: invalid YAML at line 4, column \\d+: `));
  });

  it('rejects an unknown io type or strategy', () => {
    const io = file('io.yml', 'IOType: io_fast\nHLSConfig: {}\n');
    expect(fails(model, '--config', io)).toBe(`hwcost: ${io}: IOType: unknown io type "io_fast" (known: io_parallel, io_stream)`);
    const strategy = config('strategy.yml', '  LayerType:\n    Dense:\n      Strategy: Pipelined\n');
    expect(fails('--config', strategy)).toBe(`hwcost: ${strategy}: layer fc1_relu: HLSConfig.LayerType.Dense.Strategy: unknown strategy "Pipelined" (known: Latency, Resource)`);
  });

  it('rejects an invalid precision or reuse factor, naming layer and key; moves a ReuseFactor hls4ml would move', () => {
    const precision = config('precision.yml', '  LayerName:\n    fc2_relu:\n      Precision:\n        weight: ap_fixed<16,6,AP_BOGUS>\n');
    expect(fails('--config', precision)).toMatch(
      new RegExp(`^hwcost: ${precision}: layer fc2_relu: HLSConfig\\.LayerName\\.fc2_relu\\.Precision\\.weight: invalid precision "ap_fixed<16,6,AP_BOGUS>"`),
    );
    const reuse = config('reuse.yml', '  LayerName:\n    output_softmax:\n      ReuseFactor: 1000\n      Strategy: Resource\n');
    const moved = hwcost('estimate', '--config', reuse, '--format', 'json', '--objective', 'parameter');
    expect(moved.status).toBe(0);
    const report = JSON.parse(moved.stdout);
    expect(report.layers.find((l: { name: string }) => l.name === 'output_softmax').hls4ml.reuseFactor).toBe(160);
    expect(report.warnings).toContain(
      `layer output_softmax: ${reuse}: HLSConfig.LayerName.output_softmax.ReuseFactor 1000 is not valid for this layer (32×5 multiplications); using ReuseFactor 160 as hls4ml does. Valid: 1,2,4,8,16,32,160`,
    );
    const negative = config('negative.yml', '  Model:\n    ReuseFactor: -4\n');
    expect(fails('--config', negative)).toBe(`hwcost: ${negative}: layer fc1_relu: HLSConfig.Model.ReuseFactor must be an integer ≥ 1, got -4`);
  });

  it('asks for a model when the config names none', () => {
    const bare = file('bare.yml', 'Model:\n  ReuseFactor: 1\n');
    expect(fails('--config', bare)).toBe(`hwcost: ${bare}: the config names no model (KerasJson or KerasH5), so the model file must be given as well`);
  });

  it('rejects an archive without config.json', () => {
    const archive = file('weights-only.keras', kerasArchive({ 'metadata.json': '{}', 'model.weights.h5': new Uint8Array(16) }));
    expect(fails(archive)).toBe(`hwcost: ${archive}: the archive holds no config.json, so it is not a Keras 3 .keras model`);
  });

  it('refuses zip bombs, whether config.json declares its size or lies about it', () => {
    const declared = file('declared.keras', bomb(65 * 1024 * 1024));
    expect(fails(declared)).toBe(`hwcost: ${declared}: config.json inflates to more than 64 MiB; refusing it (a zip bomb?)`);
    const lying = file('lying.keras', bomb(100 * 1024 * 1024, 100));
    expect(fails(lying)).toBe(`hwcost: ${lying}: config.json inflates past its declared 100 bytes; refusing it (corrupt, or a zip bomb)`);
  });

  it('refuses pathologically deep JSON', () => {
    const deep = file('deep.json', '['.repeat(100_000) + ']'.repeat(100_000));
    expect(fails(deep)).toBe(`hwcost: ${deep}: invalid JSON at line 1, column 201: nested deeper than 200 levels`);
  });

  it('refuses a YAML alias bomb', () => {
    const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 12; i++) {
      const [name, prev] = [String.fromCharCode(97 + i), String.fromCharCode(96 + i)];
      lines.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const yml = file('bomb.yml', `${lines.join('\n')}\nHLSConfig: {}\n`);
    expect(fails(model, '--config', yml)).toBe(`hwcost: ${yml}: YAML aliases expand to more than 100 nodes (an alias bomb?)`);
  });

  it('treats __proto__ and constructor keys as data, without polluting defaults', () => {
    // Written as text: in a JavaScript object literal, __proto__ would set the prototype instead of a key.
    const json = file(
      'proto.json',
      `{"__proto__": {"IOType": "io_stream"}, "constructor": {"prototype": {"ReuseFactor": 8}},
        "HLSConfig": {"Model": {"__proto__": {"ReuseFactor": 8, "Strategy": "Resource"}}, "LayerName": {"__proto__": {"ReuseFactor": 8}}}}`,
    );
    const { status, stdout } = hwcost('estimate', model, '--config', json, '--format', 'json', '--objective', 'parameter');
    expect(status).toBe(0);
    const fc1 = JSON.parse(stdout).layers.find((l: { name: string }) => l.name === 'fc1_relu');
    expect(fc1.hls4ml).toMatchObject({ ioType: 'io_parallel', strategy: 'Latency', reuseFactor: 1 });
  });
});
