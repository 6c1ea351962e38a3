/**
 * Every figure of the rules that is read off the public ground-truth folder rather than counted
 * from the design. They are few, each stands for one physical quantity, and each is read off the
 * tools' own per-layer numbers (csynth's figures for every layer instance), never off project
 * totals. `node scripts/groundtruth-fit.mjs` reads them off again, prints the spread of each, and
 * checks that they generalise: every project is estimated with figures read without it (leave one
 * project out). The README section "How close are the estimates?" states the figures and errors.
 *
 * Rules take a calibration as their last argument (this one by default), so that the fit script
 * can try others without changing this one.
 */
export interface Calibration {
  /**
   * Operator delays (ns) HLS budgets when it pipelines an unrolled product and its adder tree
   * (rule "pipeline cuts"), read off the stages (instance latency) and registers of the io_parallel
   * Latency layers: a product in an UltraScale/Versal DSP slice, in a 7-series DSP48E1 (whose own
   * pipeline registers hold a 16-bit product about two 5 ns cycles), one built from LUTs, and one
   * adder level of the tree under Vivado HLS, Vitis HLS and on 7-series.
   */
  delays: {
    dspProduct: number;
    dspProduct7Series: number;
    lutProduct: number;
    adderLevel: number;
    adderLevelVitis: number;
    adderLevel7Series: number;
  };
  /**
   * Flip-flops and LUTs of the control of a layer's loops (counters, state machine, stream
   * handshakes, address arithmetic), per layer, by kind of loop: what is left of the layers'
   * csynth figures once the counted registers and adders are taken away (median over the layers).
   */
  control: {
    ff: ControlCosts;
    lut: ControlCosts;
  };
  /**
   * Rule "Resource pipelines": cycles the reuse loop's pipeline takes to drain before the next
   * pixel starts, read off the io_stream Resource convolutions' intervals per input pixel.
   */
  resourceDrainCycles: number;
  /**
   * Rule "Vitis HLS line buffers": initiation interval per input pixel of an io_stream line-buffer
   * convolution at RF 1 under Vitis HLS (Vivado HLS reaches 1).
   */
  vitisLineBufferInterval: number;
}

/** Control costs per layer, by the kind of loop the layer runs (see {@link loopKind}). */
export type ControlCosts = Record<LoopKind, number>;

/**
 * The loops a layer runs, which decide its control:
 * - `resource`: a Resource layer's reuse loop;
 * - `products`: an io_stream layer's pixel loop around its products;
 * - `shared`: an io_parallel Latency layer sharing multipliers (pipelined at an interval of RF);
 * - `window`: an io_stream pooling layer's window over a line buffer and the window's position;
 * - `elementwise`: another io_stream layer's pixel loop (activation, padding, resize).
 */
export type LoopKind = 'resource' | 'products' | 'shared' | 'window' | 'elementwise';

/** The figures as read off the public folder (see the README for each one's spread). */
export const CALIBRATION: Readonly<Calibration> = Object.freeze({
  delays: Object.freeze({ dspProduct: 2.25, dspProduct7Series: 8.5, lutProduct: 1, adderLevel: 0.55, adderLevelVitis: 0.9, adderLevel7Series: 2 }),
  control: Object.freeze({
    ff: Object.freeze({ resource: 576, products: 439, shared: 0, window: 429, elementwise: 5 }),
    lut: Object.freeze({ resource: 1115, products: 681, shared: 0, window: 1694, elementwise: 284 }),
  }),
  resourceDrainCycles: 11,
  vitisLineBufferInterval: 3,
});
