import { OBJECTIVE_ESTIMATOR, definePlugin } from '@hwcost/core';
import { HlsBramEstimator, HlsDspEstimator, HlsFfEstimator, HlsLatencyEstimator, HlsLutEstimator } from './estimators.js';

export default definePlugin({
  meta: { name: '@hwcost/plugin-vivado-hls', version: '0.1.0', apiVersion: 1 },
  register(container) {
    for (const estimator of [HlsDspEstimator, HlsBramEstimator, HlsFfEstimator, HlsLutEstimator, HlsLatencyEstimator]) {
      container.register(OBJECTIVE_ESTIMATOR, { useClass: estimator });
    }
  },
});

// The rules, for scripts and tests that calibrate or check them (scripts/groundtruth-fit.mjs).
export { hlsLayer, type HlsLayer } from './layer.js';
export { multiplierPlan, slicesPerProduct, type MultiplierPlan } from './rules/multipliers.js';
export { adderBits, registerBits, loops, LOGIC_CALIBRATION } from './rules/logic.js';
export { classifyWeights, constantWidth, quantize, expectedDspShare } from './weights.js';
