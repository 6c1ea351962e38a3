import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { quote } from '@hwcost/core';
import { parseYaml } from '@hwcost/model';
import { oneLineError, runHwcost } from '../support/cli.js';

const model = path.resolve('../shared/conformance/models/KERAS_3layer.json');
const dir = mkdtempSync(path.join(tmpdir(), 'hwcost-messages-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function config(name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, `KerasJson: ${model}\n${text}`);
  return file;
}

describe('error messages say what is wrong, in one short line', () => {
  it('quotes values as they are, cut to about 80 characters', () => {
    expect(quote(Number.POSITIVE_INFINITY)).toBe('Infinity');
    expect(quote([1, Number.NaN, Number.NEGATIVE_INFINITY])).toBe('[1,NaN,-Infinity]');
    expect(quote({ a: 10n })).toBe('{"a":10}');
    expect(quote('io_serial')).toBe('"io_serial"');
    expect(quote(undefined)).toBe('undefined');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(quote(cyclic)).toBe('[object]');
    const long = quote('x'.repeat(2_000_000));
    expect(long).toHaveLength(80);
    expect(long.endsWith('...')).toBe(true);
  });

  it('reports .inf and .nan in YAML as such, not as null', () => {
    const inf = config('inf.yml', 'HLSConfig:\n  Model:\n    ReuseFactor: .inf\n');
    expect(oneLineError(runHwcost(['estimate', '--config', inf]))).toBe(`hwcost: ${inf}: layer fc1_relu: HLSConfig.Model.ReuseFactor must be an integer ≥ 1, got Infinity`);
    const nan = config('nan.yml', 'HLSConfig:\n  Model:\n    ReuseFactor: .nan\n');
    expect(oneLineError(runHwcost(['estimate', '--config', nan]))).toBe(`hwcost: ${nan}: layer fc1_relu: HLSConfig.Model.ReuseFactor must be an integer ≥ 1, got NaN`);
  });

  it('names an undefined alias as such, not as an alias bomb', () => {
    expect(() => parseYaml('a: 1\nb: *nope\n', 'cfg.yml')).toThrow('cfg.yml: invalid YAML at line 2, column 4: the alias "*nope" refers to no anchor defined before it');
    expect(() => parseYaml('b: *a\na: &a 1\n', 'cfg.yml')).toThrow('cfg.yml: invalid YAML at line 1, column 4: the alias "*a" refers to no anchor defined before it');
  });

  it('says a config holds several documents without naming the parser library', () => {
    expect(() => parseYaml('HLSConfig: {}\n---\nfoo: 1\n', 'cfg.yml')).toThrow(
      'cfg.yml: holds more than one YAML document (the second starts at line 2); an hls4ml config is one document',
    );
  });

  it('never echoes a 2 MB value into the error line', () => {
    const huge = config('huge.yml', `IOType: ${'x'.repeat(2_000_000)}\nHLSConfig: {}\n`);
    const line = oneLineError(runHwcost(['estimate', '--config', huge]));
    expect(line.length).toBeLessThan(200 + huge.length);
    expect(line).toMatch(/^hwcost: .*: IOType: unknown io type "x+\.\.\. \(known: io_parallel, io_stream\)$/);
    const precision = config('precision.yml', `HLSConfig:\n  Model:\n    Precision: ap_fixed<16,6,${'R'.repeat(2_000_000)}>\n`);
    expect(oneLineError(runHwcost(['estimate', '--config', precision])).length).toBeLessThan(400 + precision.length);
  });
});
