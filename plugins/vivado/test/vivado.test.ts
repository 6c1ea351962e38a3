import { testObjective } from '@hwcost/testkit';
import { describe, it } from 'vitest';
import plugin from '../src/index.js';

const hls4ml = (strategy: 'Latency' | 'Resource', reuseFactor: number, weightPrecision = 'ap_fixed<16,6>') => ({
  nIn: 16,
  nOut: 64,
  ioType: 'io_parallel',
  strategy,
  weightPrecision,
  outputPrecision: 'ap_fixed<16,6>',
  reuseFactor,
});
const dense = (h: ReturnType<typeof hls4ml> | null) => ({ name: 'fc1', layerType: 'Dense', weightShape: [16, 64], inputShape: [16], outputShape: [64], hls4ml: h });
const runner = { describe, it };

testObjective(
  plugin,
  [
    { name: 'Latency: one DSP per weight, every weight prunable', layer: dense(hls4ml('Latency', 1)), resources: [1024], structure: 'unstructured', savings: [1] },
    { name: 'Resource: weights / RF DSPs, saved by whole patterns', layer: dense(hls4ml('Resource', 4)), resources: [256], structure: 'pattern', savings: [1] },
    { name: 'weights narrower than 9 bits use LUTs, not DSPs', layer: dense(hls4ml('Latency', 1, 'ap_fixed<8,3>')), resources: [0], optimizable: false },
    { name: 'a layer without hls4ml attributes is declined', layer: dense(null), declines: /needs hls4ml attributes/ },
  ],
  { objective: 'vivado-dsp', runner },
);

testObjective(
  plugin,
  [
    { name: 'Resource with RF > 1 keeps weights in BRAM', layer: dense(hls4ml('Resource', 4, 'ap_fixed<18,8>')), resources: [256, 128], structure: 'pattern', savings: [2, 1] },
    { name: 'Latency keeps weights in registers', layer: dense(hls4ml('Latency', 1)), resources: [1024, 0], savings: [1, 0] },
  ],
  { objective: 'vivado-dsp-bram', runner },
);

testObjective(
  plugin,
  [
    { name: 'io_parallel Latency: weights and outputs in FFs', layer: dense(hls4ml('Latency', 1)), resources: [1024 * 16 + 64 * 16], structure: 'unstructured', savings: [16] },
    { name: 'io_stream Resource: FFs at their minimum, with a warning', layer: { ...dense(hls4ml('Resource', 4)), hls4ml: { ...hls4ml('Resource', 4), ioType: 'io_stream' } }, resources: [0], optimizable: false, warns: /minimum utilization/ },
  ],
  { objective: 'vivado-ff', runner },
);
