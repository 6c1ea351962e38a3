import { HwcostError } from '@hwcost/core';
import { MAX_NESTING, dataObject, type DataObject, type DataValue } from './data.js';
import { lineColumn } from './text.js';

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const PLAIN_CHARS = /[^"\\\u0000-\u001f]*/y;
const WHITESPACE = /[ \t\n\r]*/y;
const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
/** Python's json module writes these for non-finite floats, and Keras model JSON comes from Python. */
const LITERALS: [string, DataValue][] = [
  ['true', true],
  ['false', false],
  ['null', null],
  ['NaN', Number.NaN],
  ['Infinity', Number.POSITIVE_INFINITY],
  ['-Infinity', Number.NEGATIVE_INFINITY],
];

/**
 * A JSON parser that, unlike `JSON.parse`, reports the line and column of every syntax error,
 * refuses nesting deeper than {@link MAX_NESTING} and builds prototype-free objects. It accepts
 * Python's `NaN` and `Infinity`; of duplicate keys the last wins, as in Python.
 */
class JsonParser {
  private pos = 0;

  constructor(
    private readonly text: string,
    private readonly source: string,
  ) {}

  parse(): DataValue {
    const value = this.value(0);
    this.skipWhitespace();
    if (this.pos < this.text.length) this.fail('unexpected text after the JSON value');
    return value;
  }

  private fail(reason: string, at = this.pos): never {
    const { line, column } = lineColumn(this.text, at);
    throw new HwcostError(`${this.source}: invalid JSON at line ${line}, column ${column}: ${reason}`);
  }

  private skipWhitespace(): void {
    WHITESPACE.lastIndex = this.pos;
    WHITESPACE.test(this.text);
    this.pos = WHITESPACE.lastIndex;
  }

  private describeNext(): string {
    return this.pos >= this.text.length ? 'the end of the text' : JSON.stringify(this.text[this.pos]);
  }

  private value(depth: number): DataValue {
    this.skipWhitespace();
    const c = this.text[this.pos];
    if (c === '{' || c === '[') {
      if (depth >= MAX_NESTING) this.fail(`nested deeper than ${MAX_NESTING} levels`);
      return c === '{' ? this.object(depth + 1) : this.array(depth + 1);
    }
    if (c === '"') return this.string();
    for (const [word, value] of LITERALS) {
      if (this.text.startsWith(word, this.pos)) {
        this.pos += word.length;
        return value;
      }
    }
    NUMBER.lastIndex = this.pos;
    const match = NUMBER.exec(this.text);
    if (match) {
      this.pos = NUMBER.lastIndex;
      return Number(match[0]);
    }
    return this.fail(`expected a value, found ${this.describeNext()}`);
  }

  private object(depth: number): DataObject {
    const object = dataObject();
    this.pos += 1;
    this.skipWhitespace();
    if (this.text[this.pos] === '}') {
      this.pos += 1;
      return object;
    }
    for (;;) {
      this.skipWhitespace();
      if (this.text[this.pos] !== '"') this.fail(`expected a double-quoted key, found ${this.describeNext()}`);
      const key = this.string();
      this.skipWhitespace();
      if (this.text[this.pos] !== ':') this.fail(`expected ":" after a key, found ${this.describeNext()}`);
      this.pos += 1;
      object[key] = this.value(depth);
      this.skipWhitespace();
      const next = this.text[this.pos];
      if (next !== ',' && next !== '}') this.fail(`expected "," or "}" in an object, found ${this.describeNext()}`);
      this.pos += 1;
      if (next === '}') return object;
    }
  }

  private array(depth: number): DataValue[] {
    const array: DataValue[] = [];
    this.pos += 1;
    this.skipWhitespace();
    if (this.text[this.pos] === ']') {
      this.pos += 1;
      return array;
    }
    for (;;) {
      array.push(this.value(depth));
      this.skipWhitespace();
      const next = this.text[this.pos];
      if (next !== ',' && next !== ']') this.fail(`expected "," or "]" in an array, found ${this.describeNext()}`);
      this.pos += 1;
      if (next === ']') return array;
    }
  }

  private string(): string {
    const start = this.pos;
    this.pos += 1;
    let result = '';
    for (;;) {
      PLAIN_CHARS.lastIndex = this.pos;
      PLAIN_CHARS.test(this.text);
      result += this.text.slice(this.pos, PLAIN_CHARS.lastIndex);
      this.pos = PLAIN_CHARS.lastIndex;
      const c = this.text[this.pos];
      if (c === '"') {
        this.pos += 1;
        return result;
      }
      if (c === undefined) this.fail('unterminated string', start);
      if (c !== '\\') this.fail('control character in a string (escape it)');
      const escape = this.text[this.pos + 1];
      if (escape === 'u') {
        const hex = this.text.slice(this.pos + 2, this.pos + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('invalid \\u escape');
        result += String.fromCharCode(Number.parseInt(hex, 16));
        this.pos += 6;
      } else if (escape !== undefined && Object.hasOwn(ESCAPES, escape)) {
        result += ESCAPES[escape];
        this.pos += 2;
      } else {
        this.fail(`invalid escape ${JSON.stringify(`\\${escape ?? ''}`)}`);
      }
    }
  }
}

/**
 * Parses JSON text; `source` (usually the file path) prefixes errors, which give line and column.
 * Objects in the result have no prototype.
 */
export function parseJson(text: string, source: string): DataValue {
  return new JsonParser(text, source).parse();
}
