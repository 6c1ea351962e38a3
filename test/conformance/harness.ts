import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The golden-case folder: $HWCOST_CONFORMANCE_DIR, else ../shared/conformance beside the repository. */
export const conformanceDir = path.resolve(repoRoot, process.env.HWCOST_CONFORMANCE_DIR ?? '../shared/conformance');

/** The result of running one case file. */
export interface Summary {
  total: number;
  failures: string[];
}

/**
 * Runs one case file of the conformance folder and prints its summary line. The folder must exist
 * (a missing folder fails, never passes silently); a file it does not hold is reported, not run.
 * A present file must hold cases, and every case must pass.
 */
export async function checkCaseFile<T>(name: string, run: (cases: T[]) => Summary | Promise<Summary>): Promise<void> {
  if (!existsSync(conformanceDir)) throw new Error(`conformance folder ${conformanceDir} does not exist (set HWCOST_CONFORMANCE_DIR)`);
  const file = path.join(conformanceDir, `${name}.json`);
  if (!existsSync(file)) {
    console.log(`conformance ${name}: not present in ${conformanceDir}`);
    return;
  }
  const data = JSON.parse(readFileSync(file, 'utf8')) as { cases?: T[] };
  if (!Array.isArray(data.cases) || data.cases.length === 0) throw new Error(`${file} holds no cases`);
  const summary = await run(data.cases);
  const passed = summary.total - summary.failures.length;
  console.log(`conformance ${name}: ${passed}/${summary.total} passed`);
  for (const failure of summary.failures.slice(0, 20)) console.log(`  FAIL ${failure}`);
  if (summary.failures.length > 20) console.log(`  ... and ${summary.failures.length - 20} more`);
  if (summary.failures.length > 0) throw new Error(`conformance ${name}: ${summary.failures.length} case(s) failed (listed above)`);
}

/** Structural equality on JSON values, listing the first difference. */
export function diff(actual: unknown, expected: unknown, at = ''): string | undefined {
  if (typeof expected === 'number' && typeof actual === 'number') {
    return Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected)) ? undefined : `${at || 'value'}: got ${actual}, expected ${expected}`;
  }
  if (expected === null || typeof expected !== 'object' || actual === null || typeof actual !== 'object') {
    return Object.is(actual, expected) ? undefined : `${at || 'value'}: got ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`;
  }
  if (Array.isArray(expected) !== Array.isArray(actual)) return `${at}: got ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`;
  if (Array.isArray(expected) && expected.length !== (actual as unknown[]).length) {
    return `${at}: got ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`;
  }
  for (const key of Object.keys(expected)) {
    const d = diff((actual as Record<string, unknown>)[key], (expected as Record<string, unknown>)[key], at ? `${at}.${key}` : key);
    if (d) return d;
  }
  return undefined;
}
