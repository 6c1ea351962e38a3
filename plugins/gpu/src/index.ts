import { OBJECTIVE_ESTIMATOR, definePlugin } from '@hwcost/core';
import { gpuFlopEstimator } from './gpu-flop-estimator.js';

export default definePlugin({
  meta: { name: '@hwcost/plugin-gpu', version: '0.1.0', apiVersion: 1 },
  register(container) {
    container.register(OBJECTIVE_ESTIMATOR, { useValue: gpuFlopEstimator });
  },
});
