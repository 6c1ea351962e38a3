import { OBJECTIVE_ESTIMATOR, definePlugin } from '@hwcost/core';
import { vivadoDspBramEstimator } from './dsp-bram-estimator.js';
import { vivadoDspEstimator } from './dsp-estimator.js';
import { vivadoFfEstimator } from './ff-estimator.js';

export default definePlugin({
  meta: { name: '@hwcost/plugin-vivado', version: '0.1.0', apiVersion: 1 },
  register(container) {
    for (const estimator of [vivadoDspEstimator, vivadoFfEstimator, vivadoDspBramEstimator]) {
      container.register(OBJECTIVE_ESTIMATOR, { useValue: estimator });
    }
  },
});
