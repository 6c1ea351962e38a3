import { isPrunableLayerType, layerAttributes, product, parsePrecision, type IoType, type LayerAttributes, type PrecisionType } from '@hwcost/core';
import type { ConfigValues, FirmwareLayer } from '../firmware/layers.js';

/**
 * What the firmware says of a layer, attached to its attributes as `args.hlsFirmware` so that
 * objectives modelling the HLS tools can read the synthesised settings (hand edits included):
 * the nnet function, the config struct's constants (`n_in`, `reuse_factor`, `n_zeros`, …), the
 * constants of its sub-configs (`mult_config`), and its types resolved to `ap_fixed<…>` text.
 */
export interface FirmwareFacts {
  function: string;
  /** The FPGA part synthesised for, when known: it decides the DSP slice's operand widths. */
  part?: string;
  /** The HLS tool that synthesised it (`Vivado HLS`, `Vitis HLS`), when a report says. */
  tool?: string;
  /** The target clock period in ns, from the csynth report or the config's `ClockPeriod`. */
  clockNs?: number;
  ioType: IoType;
  values: ConfigValues;
  sub: Record<string, ConfigValues>;
  types: Record<string, string>;
}

/** Settings of the project that apply where the firmware is silent. */
export interface ProjectDefaults {
  ioType?: IoType;
  strategy?: string;
  reuseFactor?: number;
  part?: string;
  tool?: string;
  clockNs?: number;
}

/** nnet function → the Keras class it implements, for the layer kinds table. */
const CLASS_OF_FUNCTION: Record<string, string> = {
  dense: 'Dense',
  compute_layer: 'Dense',
  dense_latency: 'Dense',
  dense_resource: 'Dense',
  dense_compressed: 'Dense',
  conv_1d: 'Conv1D',
  conv_1d_cl: 'Conv1D',
  pointwise_conv_1d_cl: 'Conv1D',
  conv_2d: 'Conv2D',
  conv_2d_cl: 'Conv2D',
  pointwise_conv_2d_cl: 'Conv2D',
  depthwise_conv_2d_cl: 'DepthwiseConv2D',
  separable_conv_2d_cl: 'SeparableConv2D',
  global_pooling1d_cl: 'GlobalMaxPooling1D',
  global_pooling2d_cl: 'GlobalMaxPooling2D',
  softmax: 'Softmax',
  normalize: 'BatchNormalization',
  zeropad1d_cl: 'ZeroPadding1D',
  zeropad2d_cl: 'ZeroPadding2D',
  resize_nearest: 'UpSampling2D',
  flatten: 'Flatten',
  gru: 'GRU',
  gru_stack: 'GRU',
  lstm: 'LSTM',
  lstm_stack: 'LSTM',
  add: 'Add',
  concatenate1d: 'Concatenate',
  concatenate2d: 'Concatenate',
  concatenate3d: 'Concatenate',
};

const ACTIVATIONS = new Set(['relu', 'sigmoid', 'tanh', 'linear', 'hard_tanh', 'hard_sigmoid', 'elu', 'selu', 'leaky_relu', 'prelu', 'softplus', 'softsign', 'binary_tanh', 'ternary_tanh', 'thresholded_relu']);

function num(values: ConfigValues, ...keys: string[]): number | undefined {
  for (const key of keys) if (typeof values[key] === 'number') return values[key] as number;
  return undefined;
}

/** The Keras class a firmware layer implements; pooling reads its `pool_op`. */
function classOf(layer: FirmwareLayer): string {
  const { func, values } = layer;
  if (ACTIVATIONS.has(func)) return 'Activation';
  const pooling = /^pooling([12])d/.exec(func);
  if (pooling) return `${/Average/i.test(String(values.pool_op ?? '')) ? 'Average' : 'Max'}Pooling${pooling[1]}D`;
  return CLASS_OF_FUNCTION[func] ?? func;
}

function shapes(layer: FirmwareLayer): { weightShape: number[]; inputShape: number[]; outputShape: number[] } {
  const v = layer.values;
  const kind = classOf(layer);
  const nIn = num(v, 'n_in');
  const nOut = num(v, 'n_out');
  const chan = num(v, 'n_chan');
  const filt = num(v, 'n_filt');
  const present = (...xs: (number | undefined)[]) => (xs.every((x) => x !== undefined && x > 0) ? (xs as number[]) : []);
  if (kind === 'Dense') return { weightShape: present(nIn, nOut), inputShape: present(nIn), outputShape: present(nOut) };
  if (kind === 'Conv1D') {
    const width = num(v, 'filt_width', 'y_filt');
    return { weightShape: present(width, chan, filt), inputShape: present(num(v, 'in_width', 'y_in'), chan), outputShape: present(num(v, 'out_width', 'y_out'), filt) };
  }
  if (kind === 'Conv2D') {
    return {
      weightShape: present(num(v, 'filt_height'), num(v, 'filt_width'), chan, filt),
      inputShape: present(num(v, 'in_height'), num(v, 'in_width'), chan),
      outputShape: present(num(v, 'out_height'), num(v, 'out_width'), filt),
    };
  }
  if (/Pooling2D$|^ZeroPadding2D$|^UpSampling2D$/.test(kind)) {
    const channels = num(v, 'n_filt', 'n_chan');
    const outputShape = kind.startsWith('Global') ? present(channels) : present(num(v, 'out_height', 'new_height'), num(v, 'out_width', 'new_width'), channels);
    return { weightShape: [], inputShape: present(num(v, 'in_height'), num(v, 'in_width'), channels), outputShape };
  }
  if (/Pooling1D$|^ZeroPadding1D$/.test(kind)) {
    const channels = num(v, 'n_filt', 'n_chan');
    // Global pooling keeps one value per channel.
    const outputShape = kind.startsWith('Global') ? present(channels) : present(num(v, 'n_out', 'out_width'), channels);
    return { weightShape: [], inputShape: present(num(v, 'n_in', 'in_width'), channels), outputShape };
  }
  return { weightShape: [], inputShape: present(nIn), outputShape: present(nOut ?? nIn) };
}

function ioTypeOf(layer: FirmwareLayer, defaults: ProjectDefaults): IoType {
  const written = String(layer.values.io_type ?? '');
  if (/io_stream/.test(written)) return 'io_stream';
  if (/io_parallel/.test(written)) return 'io_parallel';
  return defaults.ioType ?? 'io_parallel';
}

function precision(text: string | undefined): PrecisionType | undefined {
  if (text === undefined) return undefined;
  try {
    const p = parsePrecision(text);
    return p.kind === 'float' ? undefined : p;
  } catch {
    return undefined;
  }
}

const DEFAULT_PRECISION = 'ap_fixed<16,6>';

/**
 * The hls4ml attributes the firmware implies for a Dense or Conv2D layer (the layers hls4ml's
 * pruning handles, as the model importer gives them): reuse factor, strategy and io type as
 * synthesised, weight and result types as declared.
 */
function hls4mlOf(layer: FirmwareLayer, weightShape: number[], defaults: ProjectDefaults, ioType: IoType) {
  const v = layer.values;
  const mult = layer.sub.mult_config ?? {};
  const strategyText = String(v.strategy ?? mult.strategy ?? defaults.strategy ?? 'latency');
  const weights = weightShape.reduce((a, b) => a * b, 1);
  const reuse = Math.min(num(v, 'reuse_factor') ?? num(mult, 'reuse_factor') ?? defaults.reuseFactor ?? 1, weights);
  const conv = classOf(layer) === 'Conv2D';
  return {
    nIn: conv ? weightShape.slice(0, -2).reduce((a, b) => a * b, 1) : weightShape[0]!,
    nOut: weightShape.at(-1)!,
    ioType,
    strategy: /resource/i.test(strategyText) ? 'Resource' : 'Latency',
    weightPrecision: precision(layer.types.weight) ?? parsePrecision(DEFAULT_PRECISION),
    outputPrecision: precision(layer.types.result) ?? parsePrecision(DEFAULT_PRECISION),
    reuseFactor: Math.max(1, reuse),
  };
}

/** Builds the attributes of one firmware layer; `inbound` names the layer feeding it. */
export function firmwareLayerAttributes(layer: FirmwareLayer, inbound: string | undefined, defaults: ProjectDefaults): LayerAttributes {
  const layerType = classOf(layer);
  const { weightShape, inputShape, outputShape } = shapes(layer);
  const ioType = ioTypeOf(layer, defaults);
  const facts: FirmwareFacts = {
    function: layer.func,
    ...(defaults.part ? { part: defaults.part } : {}),
    ...(defaults.tool ? { tool: defaults.tool } : {}),
    ...(defaults.clockNs ? { clockNs: defaults.clockNs } : {}),
    ioType,
    values: layer.values,
    sub: layer.sub,
    types: layer.types,
  };
  const prunable = isPrunableLayerType(layerType) && weightShape.length > 0;
  return layerAttributes({
    name: layer.name,
    layerType,
    inboundLayers: inbound ? [inbound] : [],
    weightShape,
    inputShape,
    outputShape,
    ...(prunable ? { hls4ml: hls4mlOf(layer, weightShape, defaults, ioType) } : {}),
    args: { hlsFirmware: facts },
  });
}

/**
 * Every firmware layer's attributes, chained in call order. Elementwise configs give only an element
 * count (`n_in`); where it equals the previous layer's output, that layer's shape (pixels × channels)
 * is the layer's shape too.
 */
export function rebuildLayers(layers: readonly FirmwareLayer[], defaults: ProjectDefaults): LayerAttributes[] {
  const built: LayerAttributes[] = [];
  for (const [i, layer] of layers.entries()) {
    let attributes = firmwareLayerAttributes(layer, i > 0 ? layers[i - 1]!.name : undefined, defaults);
    const previous = built[i - 1];
    const flat = attributes.weightShape.length === 0 && attributes.inputShape.length <= 1;
    const elements = attributes.inputShape[0] ?? 0;
    if (previous && flat && previous.outputShape.length > 1 && product(previous.outputShape) === elements) {
      attributes = { ...attributes, inputShape: [...previous.outputShape], outputShape: [...previous.outputShape] };
    }
    built.push(attributes);
  }
  return built;
}
