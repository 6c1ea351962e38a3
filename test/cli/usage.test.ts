import { describe, expect, it } from 'vitest';
import { oneLineError, runHwcost } from '../support/cli.js';

describe('usage errors', () => {
  it.each([
    [['bogus'], "hwcost: unknown command 'bogus' (see hwcost --help)"],
    [['estimate', '--nope'], "hwcost: unknown option '--nope' (see hwcost --help)"],
    [['estimate', '--format', 'xml'], "hwcost: option '--format <format>' argument 'xml' is invalid. Allowed choices are table, json, csv, html. (see hwcost --help)"],
    [['plan', '--solver', 'simplex'], "hwcost: option '--solver <solver>' argument 'simplex' is invalid. Allowed choices are auto, dp, bnb, greedy, mip, equal. (see hwcost --help)"],
  ])('%j is one line and exit code 2', (args, message) => {
    const result = runHwcost(args);
    expect(result.status).toBe(2);
    expect(oneLineError(result)).toBe(message);
  });

  it('prints help with exit code 0', () => {
    const result = runHwcost(['plan', '--help']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('--objective <ids>');
  });
});
