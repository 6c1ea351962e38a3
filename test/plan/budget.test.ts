import { describe, expect, it } from 'vitest';
import { resolveBudget } from '@hwcost/plan';
import { parseBudgetLimits, parseSparsity } from '../../packages/cli/src/options/budget.js';

describe('budgets', () => {
  const dims = ['vivado-dsp:DSP', 'vivado-dsp-bram:DSP', 'BRAM'];

  it('sparsity floors (1 - s) x total per dimension', () => {
    expect(resolveBudget({ sparsity: parseSparsity('0.5') }, dims, [101, 10, 7])).toEqual([50, 5, 3]);
  });

  it('absolute limits match bare or qualified names, leaving others free', () => {
    expect(resolveBudget({ limits: parseBudgetLimits('bram=40, vivado-dsp:DSP=200') }, dims, [0, 0, 0])).toEqual([200, null, 40]);
  });

  it('rejects ambiguous, unknown and malformed entries', () => {
    expect(() => resolveBudget({ limits: parseBudgetLimits('DSP=1') }, dims, [0, 0, 0])).toThrow(/"DSP" is ambiguous; use one of vivado-dsp:DSP, vivado-dsp-bram:DSP/);
    expect(() => resolveBudget({ limits: parseBudgetLimits('LUT=1') }, dims, [0, 0, 0])).toThrow(/unknown dimension "LUT"/);
    expect(() => parseBudgetLimits('DSP')).toThrow(/not DIMENSION=whole-number/);
    expect(() => parseSparsity('1')).toThrow(/\[0, 1\)/);
  });
});
