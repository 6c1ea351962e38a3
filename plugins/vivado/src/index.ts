import { OBJECTIVE_ESTIMATOR, definePlugin } from '@hwcost/core';
import { VIVADO_DEVICE, VIVADO_DSP48_BRAM18 } from './device.js';
import { VivadoDspBramEstimator } from './dsp-bram-estimator.js';
import { VivadoDspEstimator } from './dsp-estimator.js';
import { vivadoFfEstimator } from './ff-estimator.js';

export default definePlugin({
  meta: { name: '@hwcost/plugin-vivado', version: '0.1.0', apiVersion: 1 },
  register(container) {
    // A private service: the estimator classes get it injected; other plugins never see it.
    container.register(VIVADO_DEVICE, { useValue: VIVADO_DSP48_BRAM18 });
    container.register(OBJECTIVE_ESTIMATOR, { useClass: VivadoDspEstimator });
    container.register(OBJECTIVE_ESTIMATOR, { useValue: vivadoFfEstimator });
    container.register(OBJECTIVE_ESTIMATOR, { useClass: VivadoDspBramEstimator });
  },
});
