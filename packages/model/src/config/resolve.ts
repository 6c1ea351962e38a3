import { type Diagnostics, errorMessage, HwcostError, ioType, type IoType, isPrunableLayerType, layerAttributes, type LayerAttributes, layerKind, parsePrecision, type PrecisionType, product, requireInteger, strategy, type Strategy, quote } from '@hwcost/core';
import { field, isDataObject, type DataObject, type DataValue } from '../io/data.js';
import type { ImportedModel } from '../types.js';
import { quantizerPrecision, type Quantizer } from '../keras/qkeras.js';
import type { Hls4mlConfig } from './load.js';
import { checkConfigNames } from './checks.js';
import { closestReuseFactor, isValidReuseFactor, REUSE_FACTOR_NOT_VALID, validReuseFactors, type ReuseFactorNotValid } from './reuse-factor.js';

/** hls4ml's defaults for what a config leaves unset. */
const DEFAULT_PRECISION = 'ap_fixed<16,6>';
const DEFAULT_IO_TYPE: IoType = 'io_parallel';
const DEFAULT_STRATEGY: Strategy = 'Latency';

/** One level of the config that may set a layer's keys, e.g. `HLSConfig.LayerName.fc1`. */
interface Level {
  path: string;
  settings: DataObject;
}

/** A value found in the config, with its key path for messages. */
interface Setting {
  path: string;
  value: DataValue;
}

/** Everything needed to resolve one layer. */
interface LayerContext {
  layer: LayerAttributes;
  /** Prefix of errors: config file and layer. */
  where: string;
  source: string;
  diagnostics: Diagnostics;
}

/**
 * The entry of `section` for `name`: exact match first, else case-insensitive, because hls4ml
 * lower-cases layer names when it reads LayerName.
 */
function sectionEntry(config: Hls4mlConfig, section: 'LayerName' | 'LayerType', name: string): Level | undefined {
  const entries = field(config.hlsConfig, section);
  if (!isDataObject(entries)) return undefined;
  const key = Object.hasOwn(entries, name) ? name : Object.keys(entries).find((k) => k.toLowerCase() === name.toLowerCase());
  const settings = key === undefined ? undefined : entries[key];
  return key !== undefined && isDataObject(settings) ? { path: `${config.prefix}${section}.${key}`, settings } : undefined;
}

/** The levels that may set a layer's keys, most specific first: LayerName, LayerType, Model. */
function levelsOf(config: Hls4mlConfig | undefined, layer: LayerAttributes): { layerName: Level[]; below: Level[] } {
  if (!config) return { layerName: [], below: [] };
  const model = field(config.hlsConfig, 'Model');
  const below = [sectionEntry(config, 'LayerType', layer.layerType), isDataObject(model) ? { path: `${config.prefix}Model`, settings: model } : undefined];
  const byName = sectionEntry(config, 'LayerName', layer.name);
  return { layerName: byName ? [byName] : [], below: below.filter((l): l is Level => l !== undefined) };
}

function setting(levels: Level[], key: string): Setting | undefined {
  for (const level of levels) {
    const value = field(level.settings, key);
    if (value !== undefined && value !== null) return { path: `${level.path}.${key}`, value };
  }
  return undefined;
}

/**
 * The precision settings of one level for `variable` (`weight`, `result`): a `Precision` string
 * applies to every variable; a mapping names them, with `default` as its fallback.
 */
function precisionSettings(levels: Level[], variable: string): Setting[] {
  return levels.flatMap((level) => {
    const precision = field(level.settings, 'Precision');
    const path = `${level.path}.Precision`;
    if (precision === undefined || precision === null) return [];
    if (!isDataObject(precision)) return [{ path, value: precision }];
    return [variable, 'default'].flatMap((key) => {
      const value = field(precision, key);
      return value === undefined || value === null ? [] : [{ path: `${path}.${key}`, value }];
    });
  });
}

function parseSetting(context: LayerContext, { path, value }: Setting): PrecisionType {
  const fail = (reason: string): never => {
    throw new HwcostError(`${context.where}: ${path}: ${reason}`);
  };
  if (typeof value !== 'string') return fail(`a precision must be a string such as ${DEFAULT_PRECISION}, got ${quote(value)}`);
  let precision: PrecisionType;
  try {
    precision = parsePrecision(value);
  } catch (error) {
    return fail(errorMessage(error));
  }
  if (precision.kind === 'float') fail(`${quote(value)} is a floating-point type; hls4ml layers need a fixed-point or integer precision`);
  return precision;
}

/** The first usable precision among `settings`; `auto` is skipped with a warning, as hwcost cannot infer one. */
function firstPrecision(context: LayerContext, settings: Setting[]): PrecisionType | undefined {
  for (const s of settings) {
    if (typeof s.value === 'string' && s.value.trim().toLowerCase() === 'auto') {
      context.diagnostics.warn(`${context.source}: ${s.path} is "auto", which hwcost cannot infer; the next level of the config applies`, {
        layer: context.layer.name,
      });
      continue;
    }
    return parseSetting(context, s);
  }
  return undefined;
}

/** The weight precision a QKeras `kernel_quantizer` implies, if the layer has one hwcost can map. */
function quantizedWeights(context: LayerContext, modelSource: string): PrecisionType | undefined {
  const quantizer = context.layer.args.kernelQuantizer as Quantizer | undefined;
  if (!quantizer) return undefined;
  const precision = quantizerPrecision(quantizer, `${modelSource}: layer ${context.layer.name}`);
  if (!precision) {
    context.diagnostics.warn(`kernel quantizer ${quantizer.className} has no hwcost mapping; the weight precision comes from the config`, {
      layer: context.layer.name,
    });
  }
  return precision;
}

function positiveInteger(context: LayerContext, found: Setting | undefined, fallback: number): number {
  return found ? requireInteger(found.value, `${context.where}: ${found.path}`, 1) : fallback;
}

/** hls4ml's fan-in and fan-out: prod(input)/prod(output) for Dense; kernel window and filters for Conv2D. */
function fanInOut(layer: LayerAttributes): { nIn: number; nOut: number } {
  if (layerKind(layer.layerType) === 'conv2d') return { nIn: product(layer.weightShape.slice(0, -2)), nOut: layer.weightShape.at(-1)! };
  return { nIn: product(layer.inputShape), nOut: product(layer.outputShape) };
}

/** The multiplications hls4ml's backend validates a reuse factor against (its `get_layer_mult_size`). */
function multiplications(layer: LayerAttributes): { nIn: number; nOut: number } {
  const w = layer.weightShape;
  return { nIn: product(w.slice(0, -1)), nOut: w.at(-1)! };
}

/**
 * The reuse factor of a layer, checked with hls4ml's reuse-factor rules. One larger than the layer's
 * multiplications cannot be honoured by any strategy: it moves to the closest valid one, as hls4ml's
 * converter moves it, with a warning. Under the Resource strategy hls4ml's converter also moves a
 * smaller one that its rules reject; hls4ml's pruning (and so the estimates) uses the configured
 * value, which is kept, with a warning naming the value the converter would use.
 */
function validReuseFactor(context: LayerContext, layerStrategy: Strategy, chosen: number, key: string | undefined): number {
  const { layer } = context;
  if (layer.weightShape.length === 0) return chosen;
  const { nIn, nOut } = multiplications(layer);
  const tooLarge = chosen > nIn * nOut;
  if (!tooLarge && (layerStrategy !== 'Resource' || isValidReuseFactor(nIn, nOut, chosen))) return chosen;
  const valid = validReuseFactors(nIn, nOut);
  const closest = closestReuseFactor(valid, chosen);
  const shown = valid.length > 12 ? `${valid.slice(0, 12).join(',')},… (${valid.length} in all)` : valid.join(',');
  const what = `${context.source}: ${key ?? 'ReuseFactor'} ${chosen} is not valid for this layer (${nIn}×${nOut} multiplications)`;
  const outcome = tooLarge
    ? `using ReuseFactor ${closest} as hls4ml does`
    : `hls4ml's converter would use ${closest}; estimates use ${chosen}, as hls4ml's pruning does`;
  const values: ReuseFactorNotValid = { source: context.source, setting: key ?? 'ReuseFactor', requested: chosen, closest, moved: tooLarge, multiplications: `${nIn}×${nOut}`, valid: shown };
  context.diagnostics.warn(`${what}; ${outcome}. Valid: ${shown}`, { layer: layer.name, code: REUSE_FACTOR_NOT_VALID, values });
  return tooLarge ? closest : chosen;
}

/**
 * A layer's strategy. hls4ml 1.0's `Resource_Unrolled` streams the weights as `Resource` does (the
 * same reuse-factor patterns), so it is costed as `Resource`, with a warning.
 */
function configStrategy(context: LayerContext, found: Setting): Strategy {
  if (typeof found.value === 'string' && found.value.toLowerCase() === 'resource_unrolled') {
    context.diagnostics.warn(`${context.source}: ${found.path} ${found.value} is costed as Resource (hwcost has no separate formula for the unrolled variant)`, {
      layer: context.layer.name,
    });
    return 'Resource';
  }
  return strategy(found.value, `${context.where}: ${found.path}`);
}

function resolveLayer(context: LayerContext, config: Hls4mlConfig | undefined, io: IoType, modelSource: string): LayerAttributes {
  const { layer, where } = context;
  const { layerName, below } = levelsOf(config, layer);
  const levels = [...layerName, ...below];
  const weightPrecision =
    firstPrecision(context, precisionSettings(layerName, 'weight')) ??
    quantizedWeights(context, modelSource) ??
    firstPrecision(context, precisionSettings(below, 'weight')) ??
    parsePrecision(DEFAULT_PRECISION);
  const outputPrecision = firstPrecision(context, precisionSettings(levels, 'result')) ?? parsePrecision(DEFAULT_PRECISION);
  const strategySetting = setting(levels, 'Strategy');
  const layerStrategy = strategySetting ? configStrategy(context, strategySetting) : DEFAULT_STRATEGY;
  const reuse = setting(levels, 'ReuseFactor');
  const reuseFactor = validReuseFactor(context, layerStrategy, positiveInteger(context, reuse, 1), reuse?.path);
  return layerAttributes({
    ...layer,
    hls4ml: {
      ...fanInOut(layer),
      ioType: io,
      strategy: layerStrategy,
      weightPrecision,
      outputPrecision,
      reuseFactor,
      parallelizationFactor: positiveInteger(context, setting(levels, 'ParallelizationFactor'), 1),
    },
  });
}

/** The config's IOType; `io_serial`, hls4ml's old name for streaming, is read as `io_stream` with a warning. */
function configIoType(config: Hls4mlConfig, diagnostics: Diagnostics): IoType {
  const { value, key } = config.ioType!;
  if (value === 'io_serial') {
    diagnostics.warn(`${config.source}: ${key} io_serial is hls4ml's old name for streaming; read as io_stream`);
    return 'io_stream';
  }
  return ioType(value, `${config.source}: ${key}`);
}

/**
 * Attaches hls4ml attributes to the layers hls4ml's pruning handles (Dense, Conv2D and their QKeras
 * twins), resolving each key as hls4ml's converter does: `LayerName[layer]` > (weight precision
 * only) the QKeras `kernel_quantizer` > `LayerType[class]` > `Model` > defaults (ap_fixed<16,6>,
 * ReuseFactor 1, Strategy Latency, io_parallel). Without a config only the defaults and quantizers
 * apply. Warnings (a precision of `auto`) go to `diagnostics`; invalid values throw an error naming
 * the config file, layer and key. Under the Resource strategy a ReuseFactor that is not valid for
 * a layer moves to the closest valid one with a warning, as hls4ml's converter does; unknown keys
 * and LayerName entries for layers the model does not have are warned about.
 */
export function applyHls4mlConfig(model: ImportedModel, config: Hls4mlConfig | undefined, diagnostics: Diagnostics): ImportedModel {
  const source = config?.source ?? 'hls4ml defaults';
  const io = config?.ioType ? configIoType(config, diagnostics) : DEFAULT_IO_TYPE;
  if (config) checkConfigNames(model, config, diagnostics);
  const layers = model.layers.map((modelLayer) => {
    const layer = modelLayer.attributes;
    if (!isPrunableLayerType(layer.layerType)) return modelLayer;
    const context: LayerContext = { layer, where: `${source}: layer ${layer.name}`, source, diagnostics };
    return { ...modelLayer, attributes: resolveLayer(context, config, io, model.source) };
  });
  return { ...model, layers };
}
