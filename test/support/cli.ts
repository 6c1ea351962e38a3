import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
/** The built CLI: CLI tests run hwcost as users do, not its sources. */
export const cliBin = path.join(repoRoot, 'packages/cli/dist/bin.cjs');

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
  /** Wall-clock time of the run in milliseconds. */
  ms: number;
}

/** Runs the built `hwcost` with `args` in `cwd` (default: the repository root), with `env` added to the environment. */
export function runHwcost(args: readonly string[], cwd: string = repoRoot, env: Record<string, string> = {}): CliResult {
  if (!existsSync(cliBin)) throw new Error(`${cliBin} is missing: run "npm run -s build" first`);
  // NODE_OPTIONS could carry the test runner's source condition into the child, which must use dist.
  const { NODE_OPTIONS: _ignored, ...inherited } = process.env;
  const started = performance.now();
  const result = spawnSync(process.execPath, [cliBin, ...args], { cwd, encoding: 'utf8', env: { ...inherited, ...env }, timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, ms: performance.now() - started };
}

/** The single line hwcost printed on stderr; fails when there is more, e.g. a stack trace. */
export function oneLineError(result: CliResult): string {
  const lines = result.stderr.trim().split('\n');
  if (lines.length !== 1) throw new Error(`expected one line on stderr, got:\n${result.stderr}`);
  return lines[0]!;
}
