import { describe, expect, it } from 'vitest';
import { parseJson, parseYaml } from '@hwcost/model';

describe('JSON parsing', () => {
  it('gives line and column of syntax errors', () => {
    expect(() => parseJson('{\n  "a": 1,\n  "b": }', 'm.json')).toThrow('m.json: invalid JSON at line 3, column 8: expected a value, found "}"');
    expect(() => parseJson('[1, 2,]', 'm.json')).toThrow('m.json: invalid JSON at line 1, column 7: expected a value, found "]"');
    expect(() => parseJson('{"a": 1 "b": 2}', 'm.json')).toThrow('m.json: invalid JSON at line 1, column 9: expected "," or "}" in an object, found "\\""');
    expect(() => parseJson('{"a": "open', 'm.json')).toThrow('m.json: invalid JSON at line 1, column 7: unterminated string');
    expect(() => parseJson('', 'm.json')).toThrow('m.json: invalid JSON at line 1, column 1: expected a value, found the end of the text');
    expect(() => parseJson('{} {}', 'm.json')).toThrow('m.json: invalid JSON at line 1, column 4: unexpected text after the JSON value');
  });

  it('reads values as Python writes them, escapes included', () => {
    expect(parseJson('{"x": [NaN, Infinity, -Infinity, -1.5e3, true, null], "s": "a\\u00e9\\n\\"b\\""}', 'm.json')).toEqual({
      x: [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -1500, true, null],
      s: 'aé\n"b"',
    });
  });

  it('refuses pathologically deep nesting quickly, with its position', () => {
    const started = performance.now();
    expect(() => parseJson('['.repeat(100_000) + ']'.repeat(100_000), 'deep.json')).toThrow(
      'deep.json: invalid JSON at line 1, column 201: nested deeper than 200 levels',
    );
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('keeps __proto__ and constructor keys as plain data', () => {
    const data = parseJson('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}', 'm.json') as Record<string, unknown>;
    expect(Object.getPrototypeOf(data)).toBeNull();
    expect(Object.keys(data)).toEqual(['__proto__', 'constructor']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });
});

describe('YAML parsing', () => {
  it('gives line and column of syntax errors on one line', () => {
    const run = () => parseYaml('HLSConfig:\n  Model:\n    Precision: [ap_fixed<16,6>\n', 'cfg.yml');
    expect(run).toThrow(/^cfg\.yml: invalid YAML at line \d+, column \d+: /);
    expect(() => parseYaml('a: 1\na: 2\n', 'cfg.yml')).toThrow('cfg.yml: invalid YAML at line 2, column 1: Map keys must be unique');
    try {
      run();
    } catch (error) {
      expect((error as Error).message).not.toContain('\n');
    }
  });

  it('refuses an alias bomb quickly', () => {
    const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++) {
      const prev = String.fromCharCode(96 + i);
      lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const started = performance.now();
    expect(() => parseYaml(lines.join('\n'), 'bomb.yml')).toThrow('bomb.yml: YAML aliases expand to more than 100 nodes (an alias bomb?)');
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('refuses pathologically deep nesting quickly, with its position', () => {
    const started = performance.now();
    expect(() => parseYaml('['.repeat(100_000) + ']'.repeat(100_000), 'deep.yml')).toThrow('deep.yml: invalid YAML at line 1, column 201: nested deeper than 200 levels');
    expect(performance.now() - started).toBeLessThan(1000);
    expect(() => parseYaml(`# "[[["\nx: "[[[["\ny: ${'{a: ['.repeat(150)}${']}'.repeat(150)}`, 'deep.yml')).toThrow(
      'deep.yml: invalid YAML at line 3, column 504: nested deeper than 200 levels',
    );
    const block = Array.from({ length: 300 }, (_, i) => `${' '.repeat(i)}k:`).join('\n');
    expect(() => parseYaml(block, 'deep.yml')).toThrow('deep.yml: YAML nested deeper than 200 levels');
  });

  it('keeps __proto__ keys as plain data and supports merge keys', () => {
    const data = parseYaml('base: &base {ReuseFactor: 4}\n__proto__: {polluted: true}\nfc1:\n  <<: *base\n  Strategy: Resource\n', 'cfg.yml') as Record<string, unknown>;
    expect(Object.getPrototypeOf(data)).toBeNull();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(data.fc1).toEqual({ ReuseFactor: 4, Strategy: 'Resource' });
  });
});
