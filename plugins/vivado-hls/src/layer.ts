import { layerKind, parsePrecision, product, type LayerAttributes, type PrecisionType } from '@hwcost/core';

/**
 * What the rules need of one layer, from the synthesised firmware when the run has it (an hls4ml
 * project read by `hwcost compare` attaches it as `layer.args.hlsFirmware`) and otherwise from the
 * layer's shapes and hls4ml attributes.
 */
export interface HlsLayer {
  name: string;
  /** What the layer computes, for choosing the rules. */
  role: 'multiply' | 'activation' | 'softmax' | 'normalize' | 'pooling' | 'buffer' | 'recurrent' | 'other';
  /** The nnet function (firmware) or Keras class (model). */
  function: string;
  io: 'io_parallel' | 'io_stream';
  strategy: 'Latency' | 'Resource';
  reuseFactor: number;
  /** Multiplications per output pixel (Dense: all of them): fan-in × fan-out of the inner dense. */
  multsPerPixel: number;
  /** hls4ml's `n_zeros`: kernel entries that are zero, when the firmware says. */
  zeros?: number;
  /** Fan-in and fan-out of the inner dense product. */
  nIn: number;
  nOut: number;
  /** Output pixels (1 for Dense), input pixels streamed through the layer. */
  outPixels: number;
  inPixels: number;
  /** Channels per pixel at the input and output. */
  inChannels: number;
  outChannels: number;
  /** Element counts of input and output. */
  inputSize: number;
  outputSize: number;
  inputWidth: number;
  weight?: PrecisionType;
  resultWidth: number;
  accumWidth: number;
  /** The accumulator's type, when declared: its rounding and saturation modes cost logic on every addition. */
  accumulator?: PrecisionType;
  /** Lookup-table entries of an activation (hls4ml's `table_size`). */
  tableSize?: number;
  tableWidth?: number;
  /** hls4ml's `n_state` and sequence length for recurrent layers. */
  state?: number;
  sequence?: number;
  /** The FPGA part, when known: it decides the DSP slice's operand widths. */
  part?: string;
  /** The HLS tool the firmware was synthesised with (`Vivado HLS`, `Vitis HLS`), when known. */
  tool?: string;
  /** The target clock period in ns (hls4ml's `ClockPeriod`, 5 by default): it decides where HLS puts registers. */
  clockNs: number;
  /** A softmax of hls4ml's first releases (no `implementation`, or `legacy`): it compares every pair of inputs. */
  legacySoftmax: boolean;
  /** Input pixels a pooling layer takes per output pixel (its pool, or every pixel for global pooling). */
  poolWindow: number;
  /** Global pooling: one running value per channel rather than a window. */
  globalPooling: boolean;
  /**
   * Inputs that are constants: outputs of the layer feeding this one whose weights are all zero (a
   * pruned column). The estimators count them from that layer's kernel when the run has it.
   */
  constantInputs: number;
  /** Whether the layer reads the design's input (nothing feeds it): io_parallel registers that port. */
  readsInput: boolean;
  /** The dense products of a recurrent layer (input and state): fan-in and fan-out of each. */
  recurrentProducts: { nIn: number; nOut: number }[];
  /** Lookup tables of a recurrent layer's gate activations: parallel lookups and entries of each. */
  gateTables: { lanes: number; depth: number }[];
}

/** The firmware facts as `@hwcost/project` attaches them; read defensively, any field may be absent. */
interface FirmwareFacts {
  function?: string;
  ioType?: string;
  part?: string;
  tool?: string;
  clockNs?: number;
  values?: Record<string, number | string>;
  sub?: Record<string, Record<string, number | string>>;
  types?: Record<string, string>;
}

const DEFAULT_WIDTH = 16;
/** hls4ml's default `ClockPeriod`. */
const DEFAULT_CLOCK_NS = 5;

/** The first fixed-point or integer type in a type's text: `nnet::array<ap_fixed<16,6>, 4>` → ap_fixed<16,6>. */
export function precisionIn(text: string | undefined): PrecisionType | undefined {
  if (!text) return undefined;
  const match = /(ap_u?fixed|ap_u?int|ac_fixed|ac_int|u?fixed|u?int)\s*<[^<>]*>/.exec(text);
  if (!match) return undefined;
  try {
    const p = parsePrecision(match[0]);
    return p.kind === 'float' ? undefined : p;
  } catch {
    return undefined;
  }
}

const ROLES: Record<string, HlsLayer['role']> = {
  input: 'buffer',
  dropout: 'buffer',
  add: 'buffer',
  concatenate: 'buffer',
  dense: 'multiply',
  conv1d: 'multiply',
  conv2d: 'multiply',
  'depthwise-conv2d': 'multiply',
  'separable-conv2d': 'multiply',
  activation: 'activation',
  softmax: 'softmax',
  'batch-normalization': 'normalize',
  'max-pooling1d': 'pooling',
  'max-pooling2d': 'pooling',
  'average-pooling1d': 'pooling',
  'average-pooling2d': 'pooling',
  'global-average-pooling1d': 'pooling',
  'global-average-pooling2d': 'pooling',
  'global-max-pooling1d': 'pooling',
  'global-max-pooling2d': 'pooling',
  'zero-padding1d': 'buffer',
  'zero-padding2d': 'buffer',
  flatten: 'buffer',
  reshape: 'buffer',
};

function roleOf(layer: LayerAttributes, func: string): HlsLayer['role'] {
  if (/^(gru|lstm|simple_rnn)/.test(func) || /^(GRU|LSTM|SimpleRNN)$/.test(layer.layerType)) return 'recurrent';
  if (func === 'resize_nearest') return 'buffer';
  const kind = layerKind(layer.layerType);
  return (kind && ROLES[kind]) ?? 'other';
}

function num(values: Record<string, number | string>, ...keys: string[]): number | undefined {
  for (const key of keys) if (typeof values[key] === 'number') return values[key] as number;
  return undefined;
}

/** A recurrent layer's dense products per step: its input and state dense sub-configs. */
function recurrentProducts(sub: Record<string, Record<string, number | string>>): { nIn: number; nOut: number }[] {
  return Object.values(sub).flatMap((config) => {
    const nIn = num(config, 'n_in');
    const nOut = num(config, 'n_out');
    // Activation sub-configs have an n_in and no n_out.
    return nIn !== undefined && nOut !== undefined ? [{ nIn, nOut }] : [];
  });
}

/** The activation configs a recurrent layer names (gates, candidate): their lanes and table sizes. */
function gateTables(sub: Record<string, Record<string, number | string>>): { lanes: number; depth: number }[] {
  return Object.values(sub).flatMap((config) => {
    const lanes = num(config, 'n_in');
    const depth = num(config, 'table_size');
    return lanes !== undefined && depth !== undefined ? [{ lanes, depth }] : [];
  });
}

/** The rules' view of a layer; `undefined` fields of the firmware fall back on shapes and hls4ml attributes. */
export function hlsLayer(layer: LayerAttributes): HlsLayer {
  const facts = (layer.args.hlsFirmware ?? {}) as FirmwareFacts;
  const values = facts.values ?? {};
  const mult = facts.sub?.mult_config ?? {};
  const types = facts.types ?? {};
  const hls4ml = layer.args.hls4ml;
  const func = facts.function ?? layer.layerType;
  const role = roleOf(layer, func);
  const weightShape = layer.weightShape;
  const inputSize = product(layer.inputShape.length ? layer.inputShape : [num(values, 'n_in') ?? 1]);
  const outputSize = product(layer.outputShape.length ? layer.outputShape : [num(values, 'n_out', 'n_in') ?? 1]);
  const spatial = (shape: number[]) => (shape.length > 1 ? product(shape.slice(0, -1)) : 1);
  const inPixels = role === 'multiply' && weightShape.length > 2 ? spatial(layer.inputShape) : 1;
  const outPixels = role === 'multiply' && weightShape.length > 2 ? spatial(layer.outputShape) : 1;
  const nIn = num(mult, 'n_in') ?? (weightShape.length > 0 ? product(weightShape.slice(0, -1)) : inputSize);
  const nOut = num(mult, 'n_out') ?? (weightShape.length > 0 ? weightShape.at(-1)! : outputSize);
  const strategyText = String(values.strategy ?? mult.strategy ?? hls4ml?.strategy ?? 'latency');
  const io = facts.ioType === 'io_stream' || hls4ml?.ioType === 'io_stream' ? 'io_stream' : 'io_parallel';
  const zeros = num(values, 'n_zeros') ?? num(mult, 'n_zeros');
  const tableSize = num(values, 'table_size');
  const tableWidth = precisionIn(types.table ?? types.exp_table)?.width;
  const state = num(values, 'n_state');
  const sequence = num(values, 'n_sequence');
  const weight = precisionIn(types.weight) ?? hls4ml?.weightPrecision;
  const resultWidth = precisionIn(types.result)?.width ?? hls4ml?.outputPrecision.width ?? DEFAULT_WIDTH;
  const inputWidth = precisionIn(types.input)?.width ?? DEFAULT_WIDTH;
  const accumulator = precisionIn(types.accum ?? (mult.accum_t as string | undefined));
  const products = role === 'recurrent' ? recurrentProducts(facts.sub ?? {}) : [];
  return {
    name: layer.name,
    role,
    function: func,
    io,
    strategy: /resource/i.test(strategyText) ? 'Resource' : 'Latency',
    reuseFactor: num(values, 'reuse_factor') ?? num(mult, 'reuse_factor') ?? hls4ml?.reuseFactor ?? 1,
    multsPerPixel: role === 'recurrent' ? products.reduce((sum, p) => sum + p.nIn * p.nOut, 0) : nIn * nOut,
    ...(zeros === undefined ? {} : { zeros }),
    nIn,
    nOut,
    outPixels,
    inPixels,
    inChannels: layer.inputShape.at(-1) ?? inputSize,
    outChannels: layer.outputShape.at(-1) ?? outputSize,
    inputSize,
    outputSize,
    inputWidth,
    ...(weight ? { weight } : {}),
    resultWidth,
    accumWidth: accumulator?.width ?? resultWidth,
    ...(accumulator ? { accumulator } : {}),
    ...(tableSize === undefined ? {} : { tableSize }),
    ...(tableWidth === undefined ? {} : { tableWidth }),
    ...(state === undefined ? {} : { state }),
    ...(sequence === undefined ? {} : { sequence }),
    ...(facts.part ? { part: facts.part } : {}),
    ...(facts.tool ? { tool: facts.tool } : {}),
    clockNs: typeof facts.clockNs === 'number' && facts.clockNs > 0 ? facts.clockNs : DEFAULT_CLOCK_NS,
    globalPooling: role === 'pooling' && /^global/i.test(func),
    legacySoftmax: role === 'softmax' && (values.implementation === undefined ? facts.function !== undefined : /legacy/.test(String(values.implementation))),
    poolWindow: role === 'pooling' ? Math.max(1, Math.round(inputSize / Math.max(1, layer.inputShape.at(-1) ?? 1) / Math.max(1, outputSize / Math.max(1, layer.outputShape.at(-1) ?? 1)))) : 1,
    constantInputs: 0,
    readsInput: layer.inboundLayers.length === 0,
    recurrentProducts: products,
    gateTables: role === 'recurrent' ? gateTables(facts.sub ?? {}) : [],
  };
}
