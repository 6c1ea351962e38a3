import { OBJECTIVE_ESTIMATOR, definePlugin } from '@hwcost/core';
import { HlsBramEstimator, HlsDspEstimator, HlsFfEstimator, HlsLatencyEstimator, HlsLutEstimator } from './estimators.js';
import { LAYER_VIEWS, LayerViews } from './view.js';

export default definePlugin({
  meta: { name: '@hwcost/plugin-vivado-hls', version: '0.1.0', apiVersion: 1 },
  register(container) {
    // register() runs once per run's container: the memo lives and dies with the run.
    container.register(LAYER_VIEWS, { useValue: new LayerViews() });
    for (const estimator of [HlsDspEstimator, HlsBramEstimator, HlsFfEstimator, HlsLutEstimator, HlsLatencyEstimator]) {
      container.register(OBJECTIVE_ESTIMATOR, { useClass: estimator });
    }
  },
});

// The rules, for scripts and tests that calibrate or check them (scripts/groundtruth-fit.mjs).
export { hlsLayer, type HlsLayer } from './layer.js';
export { layerView, LayerViews } from './view.js';
export { KernelFacts } from './kernel-facts.js';
export { multiplierPlan, slicesPerProduct, type MultiplierPlan } from './rules/multipliers.js';
export { adderBits, lutRule } from './rules/logic.js';
export { ffRule, instanceRegisters } from './rules/registers.js';
export { streamFifos, fifoRegisters, fifoLuts } from './rules/fifos.js';
export { latencyRule } from './rules/latency.js';
export { dspRule } from './rules/dsp.js';
export { bramRule } from './rules/bram.js';
export { productTree } from './rules/pipeline.js';
export { loopKind } from './rules/control.js';
export { CALIBRATION, type Calibration, type ControlCosts, type LoopKind } from './rules/calibration.js';
export { classifyWeights, constantWidth, quantize, expectedDspShare } from './weights.js';
