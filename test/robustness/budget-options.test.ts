import { describe, expect, it } from 'vitest';
import { resolveBudget } from '@hwcost/plan';
import { parseBudgetLimits, parseSparsity } from '../../packages/cli/src/options/budget.js';
import { oneLineError, runHwcost } from '../support/cli.js';

describe('malformed budgets are errors, never read as something else', () => {
  it('refuses a dimension given twice instead of keeping the last', () => {
    expect(() => parseBudgetLimits('DSP=200,BRAM=40,DSP=100')).toThrow('--budget names "DSP" twice ("DSP=200" and "DSP=100"); give each dimension once');
    expect(() => parseBudgetLimits('dsp=1, DSP=2')).toThrow('--budget names "DSP" twice');
    // Two spellings of one dimension are caught where names meet dimensions.
    expect(() => resolveBudget({ limits: parseBudgetLimits('BRAM=1,vivado-dsp-bram:BRAM=2') }, ['vivado-dsp-bram:DSP', 'vivado-dsp-bram:BRAM'], [0, 0])).toThrow(
      'budget: dimension vivado-dsp-bram:BRAM is limited twice; name it once',
    );
  });

  it('refuses hex, exponents, fractions and signs instead of converting them', () => {
    for (const value of ['0x10', '1e3', '2.9', '-1', '+5', 'Infinity', '']) {
      expect(() => parseBudgetLimits(`DSP=${value}`), value).toThrow(/is not DIMENSION=whole-number/);
    }
    expect(parseBudgetLimits('DSP=0, BRAM = 40')).toEqual(new Map([['DSP', 0], ['BRAM', 40]]));
    expect(() => parseBudgetLimits('DSP=9007199254740993')).toThrow('--budget: "DSP=9007199254740993" is beyond 2^53 - 1, the largest count hwcost handles exactly');
  });

  it('reads --sparsity as a plain decimal fraction', () => {
    expect(parseSparsity('0.5')).toBe(0.5);
    expect(parseSparsity('.25')).toBe(0.25);
    expect(parseSparsity('0')).toBe(0);
    for (const value of ['0x0', '1', '5e-1', '-0.1', 'NaN', '', ' ']) expect(() => parseSparsity(value), value).toThrow('--sparsity must be a number in [0, 1)');
  });

  it('stops the command with one line', () => {
    const result = runHwcost(['plan', '../shared/conformance/models/KERAS_3layer.json', '--objective', 'parameter', '--budget', 'parameters=0x10']);
    expect(result.status).toBe(2);
    expect(oneLineError(result)).toBe(
      'hwcost: --budget: "parameters=0x10" is not DIMENSION=whole-number (e.g. DSP=200,BRAM=40; limits are resource counts, in decimal)',
    );
  });
});
