/** One `struct configN : nnet::dense_config { … };` of `parameters.h`. */
export interface ConfigStruct {
  name: string;
  /** The base it derives from, e.g. `nnet::dense_config`; undefined when it has none. */
  base?: string;
  /** The layer name hls4ml writes as a comment right above the struct (`// fc1`), when there is one. */
  comment?: string;
  /** `static const … name = expression;` members, expressions as written. */
  values: Record<string, string>;
  /** Member typedefs, e.g. `accum_t` → `model_default_t`, `mult_config` → `config2_mult`. */
  typedefs: Record<string, string>;
}

/** What a firmware header declares: config structs, file-level typedefs and `#define` macros. */
export interface HeaderContents {
  structs: Map<string, ConfigStruct>;
  typedefs: Record<string, string>;
  macros: Record<string, string>;
}

/** Comments hls4ml's writer leaves as insertion markers; they never name a layer. */
const MARKER = /hls-fpga-machine-learning/;

/** The index just past the brace that closes the one at `open`, or -1. */
function closingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i + 1;
  }
  return -1;
}

/** The `// name` comment on the last non-blank line before `offset`, if that line is one. */
function commentAbove(text: string, offset: number): string | undefined {
  const lines = text.slice(0, offset).split('\n');
  lines.pop();
  while (lines.length > 0 && lines.at(-1)!.trim() === '') lines.pop();
  const match = /^\s*\/\/\s*(.+?)\s*$/.exec(lines.at(-1) ?? '');
  return match && !MARKER.test(match[1]!) ? match[1] : undefined;
}

function stripComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/\/\/[^\n]*/g, ' ');
}

/** Splits a struct body into statements, skipping member templates (`template<…> using … ;`). */
function members(body: string): { values: Record<string, string>; typedefs: Record<string, string> } {
  const values: Record<string, string> = {};
  const typedefs: Record<string, string> = {};
  for (const raw of stripComments(body).split(';')) {
    const statement = raw.replace(/\s+/g, ' ').trim();
    const constant = /^static const(?:expr)? [\w:<>, ]+? (\w+) = (.+)$/.exec(statement);
    if (constant) {
      values[constant[1]!] = constant[2]!.trim();
      continue;
    }
    const typedef = /^typedef (.+) (\w+)$/.exec(statement);
    if (typedef) typedefs[typedef[2]!] = typedef[1]!.trim();
  }
  return { values, typedefs };
}

/**
 * Reads a firmware header as hls4ml writes it (`parameters.h`, `defines.h`): every config struct
 * with its members and the layer-name comment above it, and the file-level typedefs and macros.
 * Older hls4ml versions put the typedefs and `#define`s in `parameters.h`; both files are read alike.
 */
export function parseHeader(text: string): HeaderContents {
  const structs = new Map<string, ConfigStruct>();
  let outside = '';
  let from = 0;
  const head = /\bstruct\s+(\w+)\s*(?::\s*(?:public\s+)?([\w:]+))?\s*\{/g;
  for (let match = head.exec(text); match; match = head.exec(text)) {
    const open = match.index + match[0].length - 1;
    const end = closingBrace(text, open);
    if (end < 0) break;
    outside += text.slice(from, match.index);
    const name = match[1]!;
    const comment = commentAbove(text, match.index);
    structs.set(name, {
      name,
      ...(match[2] ? { base: match[2] } : {}),
      ...(comment ? { comment } : {}),
      ...members(text.slice(open + 1, end - 1)),
    });
    from = end;
    head.lastIndex = end;
  }
  outside += text.slice(from);
  const typedefs: Record<string, string> = {};
  for (const m of stripComments(outside).matchAll(/\btypedef\s+([^;]+?)\s+(\w+)\s*;/g)) typedefs[m[2]!] = m[1]!.replace(/\s+/g, ' ');
  const macros: Record<string, string> = {};
  for (const m of outside.matchAll(/^[ \t]*#define[ \t]+(\w+)[ \t]+([^\n]*?)[ \t]*$/gm)) macros[m[1]!] = m[2]!.replace(/\/\/.*$/, '').trim();
  return { structs, typedefs, macros };
}
