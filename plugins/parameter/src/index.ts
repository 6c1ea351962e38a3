import { OBJECTIVE_ESTIMATOR, definePlugin } from '@hwcost/core';
import { parameterEstimator } from './parameter-estimator.js';

export default definePlugin({
  meta: { name: '@hwcost/plugin-parameter', version: '0.1.0', apiVersion: 1 },
  register(container) {
    container.register(OBJECTIVE_ESTIMATOR, { useValue: parameterEstimator });
  },
});
