import type { LayerKernel } from '@hwcost/core';
import { KernelFacts } from '../kernel-facts.js';
import type { HlsLayer } from '../layer.js';

/**
 * Rule "narrow operands stay in logic": a product whose variable operand is narrower than this
 * many bits is built from LUTs even when its constant is wide (the QKeras twins of the tutorial,
 * 6-bit activations, and the 8-bit LeNet of Vitis HLS 2023 use no DSP in their dense layers).
 */
export const MIN_DSP_OPERAND_WIDTH = 10;

/** How a layer's multiplications are built. */
export interface MultiplierPlan {
  /** Multiplications of the layer as written (per pixel copy, times the copies). */
  products: number;
  /** Non-zero products: hls4ml's `n_zeros` are removed by the tools (rule "zero weights cost nothing"). */
  nonZero: number;
  /** Multipliers HLS instantiates: hls4ml's `multiplier_limit`, `⌈n_in·n_out / RF⌉ − ⌊n_zeros / RF⌋`. */
  limit: number;
  /** Multipliers that become DSP products. */
  dspProducts: number;
  /** Non-zero products wide enough for a DSP, before hls4ml's multiplier limit shares multipliers among them. */
  dspWorthy: number;
  /**
   * Non-zero products summed into each output of one pixel (or one product of a recurrent step):
   * counted from the kernel when the run has it, else spread evenly. The deepest adder tree sets
   * the layer's pipeline.
   */
  perOutput: number[];
  /**
   * Whether DSP-worthy products outnumber the multipliers, so that each multiplier serves several
   * (rule "ReuseFactor shares multipliers"): only then does RF add multiplexers and cycles.
   */
  shared: boolean;
  /** Constant products built from shifts and adds, and their mean signed digits. */
  logicProducts: number;
  logicDigits: number;
  /** DSP slices one product takes (rule "wide products take several slices"). */
  slicesPerProduct: number;
  /** Adders that sum the products into the outputs. */
  adders: number;
  /** Product width, the accumulator's input. */
  productWidth: number;
  /** Whether the weights come from the run's model (false: expected from their precision). */
  fromWeights: boolean;
}

/**
 * Operand limits of the DSP slice: 27×18 on UltraScale (DSP48E2) and Versal, 25×18 on 7-series
 * (DSP48E1). A wider product is split into pieces, the lower ones one bit narrower (unsigned).
 */
function sliceWidths(part: string | undefined): [number, number] {
  return part && /^xc7/i.test(part) ? [25, 18] : [27, 18];
}

function pieces(width: number, port: number): number {
  return width <= port ? 1 : 1 + Math.ceil((width - port) / (port - 1));
}

/** DSP slices for an `a`×`b` product: the cheaper way round of the slice's two operand ports. */
export function slicesPerProduct(a: number, b: number, part?: string): number {
  const [wide, narrow] = sliceWidths(part);
  return Math.min(pieces(a, wide) * pieces(b, narrow), pieces(b, wide) * pieces(a, narrow));
}

/**
 * Whether the weights are constants the tools can specialise: under the Latency strategy hls4ml
 * unrolls the product loop and the weights become literals (rule "Latency vs Resource"); under
 * Resource they are read from a memory, so every multiplier is a general one.
 */
function constantWeights(layer: HlsLayer): boolean {
  return layer.strategy === 'Latency';
}

/** Copies of the per-pixel product that run at once: old hls4ml convolutions unroll every output pixel. */
function parallelPixels(layer: HlsLayer): number {
  return /^conv_[12]d$/.test(layer.function) ? layer.outPixels : 1;
}

/** Non-zero products per output without a kernel's counts (or of a recurrent layer's several products): spread evenly. */
function evenlyPerOutput(layer: HlsLayer, nonZeroPerPixel: number): number[] {
  const products = layer.recurrentProducts.length > 0 ? layer.recurrentProducts : [{ nIn: layer.nIn, nOut: layer.nOut }];
  const share = nonZeroPerPixel / Math.max(1, layer.multsPerPixel);
  return products.flatMap((p) => new Array<number>(p.nOut).fill(p.nIn * share));
}

/**
 * The multiplier plan of a layer with weights, from its kernel when the run has one. `facts` is
 * the run's memo of quantized kernels; a fresh one (the default) works everything out anew.
 */
export function multiplierPlan(layer: HlsLayer, kernel: LayerKernel | undefined, facts = new KernelFacts()): MultiplierPlan {
  const copies = parallelPixels(layer);
  const rf = Math.max(1, layer.reuseFactor);
  const weight = layer.weight;
  const weightWidth = weight?.width ?? 16;
  const classes = kernel && weight && kernel.data.length === layer.multsPerPixel ? facts.classes(kernel, weight, layer.recurrentProducts.length === 0 ? layer.nOut : undefined) : undefined;
  const zeros = classes?.zero ?? layer.zeros ?? 0;
  const products = layer.multsPerPixel * copies;
  const nonZero = (layer.multsPerPixel - zeros) * copies;
  const limit = (Math.ceil(layer.multsPerPixel / rf) - Math.floor(zeros / rf)) * copies;
  const wideOperand = layer.inputWidth >= MIN_DSP_OPERAND_WIDTH;
  let dspWorthy: number;
  let logicDigits: number;
  if (!constantWeights(layer)) {
    dspWorthy = wideOperand && weightWidth >= 4 ? limit : 0;
    logicDigits = 0;
  } else if (classes) {
    dspWorthy = wideOperand ? classes.dsp * copies : 0;
    logicDigits = classes.logicDigits;
  } else {
    const expected = weight ? facts.expectedShare(weight, layer.nIn, layer.nOut) : { dsp: 1, logicDigits: 0 };
    dspWorthy = wideOperand ? Math.round(nonZero * expected.dsp) : 0;
    logicDigits = expected.logicDigits;
  }
  const dspProducts = Math.max(0, Math.min(dspWorthy, limit));
  // Shift-add constants are no `mul` operations, so hls4ml's multiplier limit leaves them alone.
  const logicProducts = constantWeights(layer) ? Math.max(0, nonZero - dspWorthy) : wideOperand ? 0 : limit;
  const outputs = layer.nOut * copies;
  return {
    products,
    nonZero,
    limit,
    dspProducts,
    dspWorthy,
    perOutput: classes?.perOutput ? [...classes.perOutput] : evenlyPerOutput(layer, layer.multsPerPixel - zeros),
    shared: dspWorthy > limit,
    logicProducts,
    logicDigits: constantWeights(layer) ? logicDigits : weightWidth / 2,
    slicesPerProduct: slicesPerProduct(layer.inputWidth, weightWidth, layer.part),
    adders: Math.max(0, (constantWeights(layer) ? nonZero : limit) - (constantWeights(layer) ? outputs : 0)),
    productWidth: layer.inputWidth + weightWidth,
    fromWeights: classes !== undefined,
  };
}
