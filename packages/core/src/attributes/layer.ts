import { HwcostError } from '../errors.js';
import { hls4mlAttributes, type Hls4mlAttributes, type Hls4mlAttributesInput } from './hls4ml.js';
import { optimizationAttributes, type OptimizationAttributes } from './optimization.js';
import { product, requireShape } from './validate.js';

/** Extra per-layer information; `hls4ml` is set for layers hls4ml's pruning supports. */
export interface LayerArgs {
  hls4ml?: Hls4mlAttributes;
  [key: string]: unknown;
}

/** One layer as the objectives see it (hls4ml's `LayerAttributes`). Shapes exclude the batch axis. */
export interface LayerAttributes {
  name: string;
  /** The Keras class name, e.g. `Dense` or `QConv2D`. */
  layerType: string;
  inboundLayers: string[];
  /** Kernel shape; empty for a layer without weights. */
  weightShape: number[];
  inputShape: number[];
  outputShape: number[];
  optimizable: boolean;
  optimizationAttributes: OptimizationAttributes;
  args: LayerArgs;
}

/** Input form of {@link LayerAttributes}: optional fields take defaults, hls4ml attributes may be raw. */
export interface LayerAttributesInput {
  name: string;
  layerType: string;
  inboundLayers?: string[];
  weightShape?: number[];
  inputShape?: number[];
  outputShape?: number[];
  optimizable?: boolean;
  optimizationAttributes?: Partial<OptimizationAttributes>;
  hls4ml?: Hls4mlAttributesInput | Hls4mlAttributes | null;
  args?: Record<string, unknown>;
}

/**
 * Builds validated layer attributes. Rejects non-integer or negative shape entries (and zero in
 * kernels), and under the Resource strategy a reuse factor larger than the layer's weight count
 * (the pattern offset would be zero). Choosing a valid reuse factor is the config resolution's job,
 * as in hls4ml's converter; the Latency strategy takes any reuse factor, as hls4ml does.
 */
export function layerAttributes(input: LayerAttributesInput): LayerAttributes {
  if (input === null || typeof input !== 'object') throw new HwcostError('layer attributes must be an object');
  if (typeof input.name !== 'string' || input.name === '') throw new HwcostError('layer attributes: name must be a non-empty string');
  const where = `layer ${input.name}`;
  if (typeof input.layerType !== 'string' || input.layerType === '') throw new HwcostError(`${where}: layerType must be a non-empty string`);
  const weightShape = requireShape(input.weightShape ?? [], `${where}: weightShape`);
  const args: LayerArgs = { ...(input.args ?? {}) };
  if (input.hls4ml) {
    const hls4ml = hls4mlAttributes(input.hls4ml as Hls4mlAttributesInput, where);
    const weights = product(weightShape);
    if (hls4ml.strategy === 'Resource' && weightShape.length > 0 && hls4ml.reuseFactor > weights) {
      throw new HwcostError(`${where}: reuse factor ${hls4ml.reuseFactor} exceeds the layer's ${weights} weights`);
    }
    args.hls4ml = hls4ml;
  }
  return {
    name: input.name,
    layerType: input.layerType,
    inboundLayers: [...(input.inboundLayers ?? [])],
    weightShape,
    inputShape: requireShape(input.inputShape ?? [], `${where}: inputShape`, 0),
    outputShape: requireShape(input.outputShape ?? [], `${where}: outputShape`, 0),
    optimizable: input.optimizable ?? false,
    optimizationAttributes: optimizationAttributes(input.optimizationAttributes ?? {}, `${where}: optimization attributes`),
    args,
  };
}
