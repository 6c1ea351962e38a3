import { evaluate } from './expression.js';
import type { ConfigStruct, HeaderContents } from './header.js';
import type { LayerCall } from './top.js';

/** Constants of a config struct: numbers where they evaluate, the text as written otherwise (`nnet::latency`). */
export type ConfigValues = Record<string, number | string>;

/** One layer as the synthesised firmware defines it: the top function's call and its config struct. */
export interface FirmwareLayer {
  /** The layer name: hls4ml's comment on the call or struct, else the output variable. */
  name: string;
  /** hls4ml's layer index, the N of `configN` and `layerN_out`, when it shows. */
  index?: number;
  /** The nnet function called, e.g. `dense`, `conv_2d_cl`, `relu`. */
  func: string;
  /** The config struct named by the call, e.g. `config2`; undefined for calls without one. */
  configName?: string;
  /** The struct's base, e.g. `nnet::dense_config`. */
  base?: string;
  values: ConfigValues;
  /** Config structs the layer's struct names by typedef (`mult_config` → `config2_mult`), by member name. */
  sub: Record<string, ConfigValues>;
  /**
   * Types, resolved through the typedefs to their definitions (`ap_fixed<16,6>`): `input`, `result`
   * from the call, and the struct's own (`accum`, `weight`, `bias`, `table`, …, without `_t`).
   */
  types: Record<string, string>;
  inputVar?: string;
  outputVar?: string;
}

/** Follows a typedef chain to its definition; a name that is no typedef is returned as is. */
export function resolveType(name: string, typedefs: Record<string, string>): string {
  let current = name.trim();
  for (let i = 0; i < 16 && Object.hasOwn(typedefs, current); i++) current = typedefs[current]!;
  return current;
}

function valuesOf(struct: ConfigStruct, macros: Record<string, string>): ConfigValues {
  const lookup = (name: string) => (Object.hasOwn(struct.values, name) ? struct.values[name] : Object.hasOwn(macros, name) ? macros[name] : undefined);
  const values: ConfigValues = {};
  for (const [key, text] of Object.entries(struct.values)) values[key] = evaluate(text, lookup) ?? text;
  return values;
}

/** The last number in a struct or variable name: `relu_config4` → 4, `layer11_out` → 11. */
function trailingIndex(name: string | undefined): number | undefined {
  const match = name ? /(\d+)(?!.*\d)/.exec(name.replace(/_(?:out|mult\d*|recr)$/, '')) : null;
  return match ? Number(match[1]) : undefined;
}

/**
 * The layers of the firmware, one per call of the top function, with their config structs'
 * constants evaluated against the headers' macros and their types resolved through the typedefs.
 */
export function firmwareLayers(calls: readonly LayerCall[], headers: readonly HeaderContents[]): FirmwareLayer[] {
  const structs = new Map<string, ConfigStruct>();
  const typedefs: Record<string, string> = {};
  const macros: Record<string, string> = {};
  for (const h of headers) {
    for (const [name, s] of h.structs) structs.set(name, s);
    Object.assign(typedefs, h.typedefs);
    Object.assign(macros, h.macros);
  }
  const used = new Set<string>();
  return calls.map((call) => {
    const configName = call.templateArgs.find((arg) => structs.has(arg));
    const struct = configName ? structs.get(configName) : undefined;
    const types: Record<string, string> = {};
    if (call.templateArgs[0] && !structs.has(call.templateArgs[0])) types.input = resolveType(call.templateArgs[0], typedefs);
    if (call.templateArgs[1] && !structs.has(call.templateArgs[1])) types.result = resolveType(call.templateArgs[1], typedefs);
    const sub: Record<string, ConfigValues> = {};
    for (const [member, target] of Object.entries(struct?.typedefs ?? {})) {
      const inner = structs.get(target);
      if (inner) sub[member] = valuesOf(inner, macros);
      else types[member.replace(/_t$/, '')] = resolveType(target, typedefs);
    }
    const [inputVar, outputVar] = call.args;
    const index = trailingIndex(configName) ?? trailingIndex(outputVar);
    let name = call.comment ?? struct?.comment ?? outputVar ?? call.func;
    // Two calls can share a comment (hand-edited firmware); the index keeps names unique.
    if (used.has(name)) name = `${name}_${index ?? used.size}`;
    used.add(name);
    return {
      name,
      ...(index === undefined ? {} : { index }),
      func: call.func,
      ...(configName ? { configName } : {}),
      ...(struct?.base ? { base: struct.base } : {}),
      values: struct ? valuesOf(struct, macros) : {},
      sub,
      types,
      ...(inputVar ? { inputVar } : {}),
      ...(outputVar ? { outputVar } : {}),
    };
  });
}
