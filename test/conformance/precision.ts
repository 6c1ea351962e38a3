import { errorMessage, parsePrecision } from '@hwcost/core';
import { diff, type Summary } from './harness.js';

export interface PrecisionCase {
  text: string;
  expected: { error: string } | Record<string, unknown>;
}

/** Runs precision.json cases: parsed fields, or an error quoting the text. */
export function runPrecisionCases(cases: PrecisionCase[]): Summary {
  const failures: string[] = [];
  for (const c of cases) {
    let parsed: unknown;
    try {
      parsed = parsePrecision(c.text);
    } catch (error) {
      if (!('error' in c.expected)) failures.push(`${JSON.stringify(c.text)}: threw ${errorMessage(error)}`);
      else if (!errorMessage(error).includes(`"${c.text}"`)) failures.push(`${JSON.stringify(c.text)}: error does not quote the text: ${errorMessage(error)}`);
      continue;
    }
    if ('error' in c.expected) {
      failures.push(`${JSON.stringify(c.text)}: parsed as ${JSON.stringify(parsed)}, expected an error (${c.expected.error})`);
      continue;
    }
    const d = diff(parsed, c.expected);
    if (d) failures.push(`${JSON.stringify(c.text)}: ${d}`);
  }
  return { total: cases.length, failures };
}
