import { describe, expect, it } from 'vitest';
import { Diagnostics, layerAttributes } from '@hwcost/core';
import { composeObjectives, selectObjectives } from '@hwcost/engine';
import { firstPartyRegistry } from '../support/first-party.js';

const layer = layerAttributes({
  name: 'fc1',
  layerType: 'Dense',
  weightShape: [16, 64],
  inputShape: [16],
  outputShape: [64],
  hls4ml: { nIn: 16, nOut: 64, ioType: 'io_parallel', strategy: 'Resource', weightPrecision: 'ap_fixed<18,8>', outputPrecision: 'ap_fixed<16,6>', reuseFactor: 4 },
});

describe('composite objectives', () => {
  const registry = firstPartyRegistry();

  it('concatenates dimensions, qualifying names that collide', () => {
    const composite = composeObjectives(registry.select('vivado-dsp,vivado-dsp-bram,parameter'));
    expect(composite.id).toBe('vivado-dsp+vivado-dsp-bram+parameter');
    expect(composite.dimensions).toEqual(['vivado-dsp:DSP', 'vivado-dsp-bram:DSP', 'BRAM', 'parameters']);
  });

  it('lets the first objective choose the structure and every part report for it', () => {
    const composite = composeObjectives(registry.select('vivado-dsp-bram,parameter,gpu-flops'));
    const context = new Diagnostics().contextFor(composite.id, layer.name);
    const { attributes } = composite.isLayerOptimizable(layer, context);
    expect(attributes).toMatchObject({ structureType: 'pattern', patternOffset: 256, consecutivePatterns: 2 });
    expect(composite.layerResources(layer, context)).toEqual([256, 128, 1024, 2112]);
    // Parameters saved by one pattern group: 4 patterns x 2 consecutive; GPU FLOPs need structured groups.
    expect(composite.layerSavings({ ...layer, optimizationAttributes: attributes! }, context)).toEqual([2, 1, 8, 0]);
  });

  it('parses , as separate objectives and + as one composite', () => {
    expect(selectObjectives(registry, 'parameter,vivado-dsp+vivado-ff').map((o) => o.id)).toEqual(['parameter', 'vivado-dsp+vivado-ff']);
    expect(selectObjectives(registry, 'parameter,VivadoDSPEstimator', { composite: true }).map((o) => o.id)).toEqual(['parameter+vivado-dsp']);
    expect(selectObjectives(registry, 'all', { composite: true })[0]!.dimensions).toHaveLength(6);
  });

  it('drops repeats when parsing, and rejects them in a direct composition', () => {
    expect(selectObjectives(registry, 'parameter,parameter', { composite: true }).map((o) => o.id)).toEqual(['parameter']);
    const parameter = registry.get('parameter');
    expect(() => composeObjectives([parameter, parameter])).toThrow(/listed twice/);
  });
});
