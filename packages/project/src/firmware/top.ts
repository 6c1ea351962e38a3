/** One `nnet::` call of the top function: one layer of the synthesised network. */
export interface LayerCall {
  /** The nnet function, e.g. `dense`, `conv_2d_cl`, `relu`, `compute_layer`. */
  func: string;
  /** Template arguments as written: input type, output type, config struct (when it has one). */
  templateArgs: string[];
  /** Call arguments: input, output, then weights and biases. */
  args: string[];
  /** The layer name hls4ml writes as a trailing comment (`// fc1`), when there is one. */
  comment?: string;
}

/** Calls that load or copy data rather than being layers of the network. */
const NOT_LAYERS = new Set(['load_weights_from_txt', 'load_compressed_weights_from_txt', 'load_exponent_weights_from_txt', 'print_result', 'save_layer_output']);

/** Splits at top-level commas, leaving those inside `<>` and `()` alone. */
function splitArgs(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '<' || ch === '(') depth++;
    else if (ch === '>' || ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(current.trim());
      current = '';
    } else current += ch;
  }
  if (current.trim() !== '') parts.push(current.trim());
  return parts;
}

/**
 * The layer calls of hls4ml's top function (`myproject.cpp`), in order. Only code outside
 * `#ifndef __SYNTHESIS__` blocks counts, as in synthesis.
 */
export function parseTopCalls(text: string): LayerCall[] {
  const synthesised = text.replace(/#ifndef\s+__SYNTHESIS__[\s\S]*?#endif/g, '').replace(/\/\*[\s\S]*?\*\//g, ' ');
  const calls: LayerCall[] = [];
  const call = /nnet::(\w+)\s*<([^;]*?)>\s*\(([^;]*?)\)\s*;[ \t]*(?:\/\/[ \t]*([^\n]*))?/g;
  for (const m of synthesised.matchAll(call)) {
    const func = m[1]!;
    const lineStart = synthesised.lastIndexOf('\n', m.index) + 1;
    if (NOT_LAYERS.has(func) || synthesised.slice(lineStart, m.index).includes('//')) continue;
    const comment = m[4]?.trim();
    calls.push({ func, templateArgs: splitArgs(m[2]!), args: splitArgs(m[3]!), ...(comment ? { comment } : {}) });
  }
  return calls;
}
