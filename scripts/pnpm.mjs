// Runs the pinned pnpm through npx so that a machine with only Node and npm can build hwcost.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const { packageManager } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const env = { ...process.env, pnpm_config_manage_package_manager_versions: 'false' };
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const result = spawnSync(npx, ['-y', packageManager, ...process.argv.slice(2)], { stdio: 'inherit', env });
if (result.error) {
  console.error(`hwcost: could not run ${packageManager}: ${result.error.message}`);
  process.exit(1);
}
process.exit(result.status ?? 1);
