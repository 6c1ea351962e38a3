import { testObjective } from '@hwcost/testkit';
import { describe, it } from 'vitest';
import plugin from '../src/index.js';

const dense = { name: 'fc1', layerType: 'Dense', weightShape: [16, 64], inputShape: [16], outputShape: [64] };

testObjective(
  plugin,
  [
    { name: 'a Dense kernel: one parameter per weight, each prunable on its own', layer: dense, resources: [1024], structure: 'unstructured', savings: [1] },
    { name: 'a Conv2D kernel', layer: { name: 'conv', layerType: 'Conv2D', weightShape: [3, 3, 4, 8], inputShape: [8, 8, 4], outputShape: [6, 6, 8] }, resources: [288], savings: [1] },
    { name: 'a layer without weights costs nothing and is left alone', layer: { name: 'relu', layerType: 'Activation', inputShape: [64], outputShape: [64] }, resources: [0], optimizable: false, savings: null },
    {
      name: 'structured groups of a Dense layer are whole columns',
      layer: { ...dense, optimizationAttributes: { structureType: 'structured', pruning: true } },
      resources: [1024],
      warns: false,
    },
  ],
  { runner: { describe, it } },
);
