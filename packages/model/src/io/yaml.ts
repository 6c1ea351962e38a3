import { type Document, Lexer, YAMLError, parseDocument, visit } from 'yaml';
import { HwcostError, errorMessage, isHwcostError, quote } from '@hwcost/core';
import { MAX_NESTING, dataObject, type DataValue } from './data.js';
import { lineColumn } from './text.js';

/**
 * Aliases may expand to at most this many nodes in total; a "billion laughs" document nests aliases
 * of aliases so that a few lines expand to gigabytes.
 */
const MAX_ALIAS_COUNT = 100;

function located(source: string, error: YAMLError): HwcostError {
  const reason = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  const at = error.linePos?.[0];
  const where = at ? ` at line ${at.line}, column ${at.col}` : '';
  return new HwcostError(`${source}: invalid YAML${where}: ${reason}`);
}

/** The lexer's markers for scalars, documents and flow ends, which stand for no text of the source. */
const MARKERS = /^[\u0000-\u0008\u000b\u000c\u000e-\u001f]$/;

/**
 * Flow collections (`[[[[…`) nest deepest in the fewest bytes, and the YAML composer recurses into
 * them; the lexer finds them without recursion, so the limit is checked before composing.
 */
function checkFlowNesting(text: string, source: string): void {
  let depth = 0;
  let offset = 0;
  for (const token of new Lexer().lex(text)) {
    if (token === '[' || token === '{') depth += 1;
    else if (token === ']' || token === '}') depth = Math.max(0, depth - 1);
    if (depth > MAX_NESTING) {
      const { line, column } = lineColumn(text, offset);
      throw new HwcostError(`${source}: invalid YAML at line ${line}, column ${column}: nested deeper than ${MAX_NESTING} levels`);
    }
    if (!MARKERS.test(token)) offset += token.length;
  }
}

/** An alias whose anchor is not defined before it is a plain mistake, not an alias bomb: say which and where. */
function checkAliases(document: Document, text: string, source: string): void {
  visit(document, {
    Alias(_key, alias) {
      if (alias.resolve(document) !== undefined) return;
      const { line, column } = lineColumn(text, alias.range?.[0] ?? 0);
      throw new HwcostError(`${source}: invalid YAML at line ${line}, column ${column}: the alias ${quote(`*${alias.source}`)} refers to no anchor defined before it`);
    },
  });
}

function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError || /call stack/i.test(errorMessage(error));
}

/**
 * Parses YAML text with YAML 1.1 semantics and merge keys `<<`, as PyYAML does; `source` prefixes
 * errors, which give line and column. Refuses alias bombs and nesting deeper than
 * {@link MAX_NESTING}. Mappings in the result have no prototype.
 */
export function parseYaml(text: string, source: string): DataValue {
  checkFlowNesting(text, source);
  let js: unknown;
  try {
    // YAML 1.1, as PyYAML (and so hls4ml) reads it: `010` is octal 8, `yes` is true.
    const document = parseDocument(text, { version: '1.1', merge: true, prettyErrors: true });
    const [first] = document.errors;
    if (first) throw first;
    checkAliases(document, text, source);
    js = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT, mapAsMap: true });
  } catch (error) {
    if (isHwcostError(error)) throw error;
    if (isStackOverflow(error)) throw new HwcostError(`${source}: YAML nested deeper than ${MAX_NESTING} levels`);
    if (error instanceof YAMLError && error.code === 'MULTIPLE_DOCS') {
      const at = error.linePos?.[0];
      throw new HwcostError(`${source}: holds more than one YAML document (the second starts at line ${at?.line ?? '?'}); an hls4ml config is one document`);
    }
    if (error instanceof YAMLError) throw located(source, error);
    if (error instanceof ReferenceError) {
      throw new HwcostError(`${source}: YAML aliases expand to more than ${MAX_ALIAS_COUNT} nodes (an alias bomb?)`);
    }
    throw new HwcostError(`${source}: invalid YAML: ${errorMessage(error)}`);
  }
  return toData(js, 0, source);
}

/** Turns parsed YAML (mappings as `Map`) into prototype-free data, enforcing the nesting limit. */
function toData(value: unknown, depth: number, source: string): DataValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value !== 'object') throw new HwcostError(`${source}: unsupported YAML value ${String(value)}`);
  if (depth >= MAX_NESTING) throw new HwcostError(`${source}: YAML nested deeper than ${MAX_NESTING} levels`);
  if (Array.isArray(value)) return value.map((item) => toData(item, depth + 1, source));
  if (value instanceof Map) {
    const object = dataObject();
    for (const [key, item] of value) {
      if (key !== null && typeof key === 'object') throw new HwcostError(`${source}: YAML mapping keys must be scalars`);
      object[String(key)] = toData(item, depth + 1, source);
    }
    return object;
  }
  throw new HwcostError(`${source}: unsupported YAML value of type ${value.constructor?.name ?? 'object'}`);
}
