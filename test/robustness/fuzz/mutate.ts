import { integer } from '../../../bench/random.mjs';

/** A seeded source of floats in [0, 1) (bench/random.mjs). */
export type Random = () => number;

const pick = <T>(rnd: Random, items: readonly T[]): T => items[integer(rnd, 0, items.length - 1)]!;

/** Bytes a parser treats specially, and the extremes. */
const BYTES = [0x00, 0xff, 0x7f, 0x80, 0x22, 0x7b, 0x7d, 0x5b, 0x5d, 0x2c, 0x3a, 0x5c, 0x0a, 0x26, 0x2a, 0x2d, 0x23];

/**
 * One byte-level mutation: flipped bits, an overwritten byte, a deleted, duplicated or inserted
 * range, or a truncation. `hot` (a length) concentrates edits at the start of the file, where
 * binary formats keep their headers and metadata.
 */
export function mutateBytes(rnd: Random, input: Uint8Array, hot = input.length): Uint8Array {
  const bytes = Uint8Array.from(input);
  const at = () => integer(rnd, 0, Math.max(0, (rnd() < 0.7 ? Math.min(hot, bytes.length) : bytes.length) - 1));
  switch (integer(rnd, 0, 5)) {
    case 0: {
      for (let i = integer(rnd, 1, 8); i > 0; i--) bytes[at()]! ^= 1 << integer(rnd, 0, 7);
      return bytes;
    }
    case 1: {
      bytes[at()] = pick(rnd, BYTES);
      return bytes;
    }
    case 2: {
      const start = at();
      return concat(bytes.subarray(0, start), bytes.subarray(start + integer(rnd, 1, 64)));
    }
    case 3: {
      const start = at();
      const range = bytes.subarray(start, start + integer(rnd, 1, 256));
      return concat(bytes.subarray(0, start), range, range, bytes.subarray(start + range.length));
    }
    case 4: {
      const start = at();
      const inserted = Uint8Array.from({ length: integer(rnd, 1, 16) }, () => integer(rnd, 0, 255));
      return concat(bytes.subarray(0, start), inserted, bytes.subarray(start));
    }
    default:
      return bytes.subarray(0, at());
  }
}

/** Values that have broken parsers and validators: extremes, wrong types, YAML 1.1 spellings, huge text. */
const VALUES = [
  '0', '-1', '1e308', '-1e308', '9007199254740993', '99999999999999999999', '1.5', 'NaN', 'Infinity', '-Infinity', '010', '0x10',
  '.inf', '.nan', '""', 'null', 'true', '[]', '{}', '"ap_fixed<99999999999999999999,1>"', '"ap_fixed<16,6,AP_RND,AP_SAT,99999>"',
  `"${'x'.repeat(5000)}"`, '"Conv2D"', '"__proto__"', '*alias', '&anchor', '!!python/object', '[[[[[[[[[[', '---',
];
const NUMBER = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;
const STRING = /"(?:[^"\\\n]|\\.)*"/g;

function occurrences(text: string, pattern: RegExp): RegExpExecArray[] {
  return [...text.matchAll(pattern)];
}

/**
 * One text-level mutation of JSON or YAML: a number or a quoted string replaced by a value from
 * {@link VALUES}, a line duplicated, deleted or moved, or two lines swapped, so that mutants reach
 * the validators behind the parser, not only its syntax errors.
 */
export function mutateText(rnd: Random, text: string): string {
  const choice = integer(rnd, 0, 4);
  if (choice <= 1) {
    const found = occurrences(text, choice === 0 ? NUMBER : STRING);
    if (found.length > 0) {
      const match = pick(rnd, found);
      return `${text.slice(0, match.index)}${pick(rnd, VALUES)}${text.slice(match.index + match[0].length)}`;
    }
  }
  const lines = text.split('\n');
  const i = integer(rnd, 0, lines.length - 1);
  const j = integer(rnd, 0, lines.length - 1);
  if (choice === 2) lines.splice(i, 0, lines[j]!);
  else if (choice === 3) lines.splice(i, 1);
  else [lines[i], lines[j]] = [lines[j]!, lines[i]!];
  return lines.join('\n');
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
