import { testObjective } from '@hwcost/testkit';
import { describe, it } from 'vitest';
import plugin from '../src/index.js';

testObjective(
  plugin,
  [
    {
      name: 'a Dense layer: a multiply and an add per weight, a bias add per output; neurons are pruned whole',
      layer: { name: 'fc1', layerType: 'Dense', weightShape: [16, 64], inputShape: [16], outputShape: [64] },
      resources: [2 * 1024 + 64],
      structure: 'structured',
      savings: [2 * 16 + 1],
    },
    {
      name: 'a Conv2D layer: every output pixel uses every weight',
      layer: { name: 'conv', layerType: 'Conv2D', weightShape: [3, 3, 4, 8], inputShape: [8, 8, 4], outputShape: [6, 6, 8] },
      resources: [2 * 288 * 36 + 8],
      savings: [2 * 36 * 36 + 1],
    },
    {
      name: 'a Conv1D layer is declined, not costed as zero',
      layer: { name: 'conv1d', layerType: 'Conv1D', weightShape: [3, 4, 8], inputShape: [32, 4], outputShape: [30, 8] },
      declines: /Dense and Conv2D only/,
    },
  ],
  { runner: { describe, it } },
);
