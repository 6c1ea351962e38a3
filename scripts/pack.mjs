// `npm run pack`: an installable tarball of every hwcost package (packages/* and plugins/*) in
// dist-packages/ (or the directory given with --out), with the `workspace:` ranges between them
// rewritten into real versions by pnpm. Run after a build: the tarballs hold each package's dist/.
// Prints one tarball path per line.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outIndex = process.argv.indexOf('--out');
const out = path.resolve(outIndex === -1 ? path.join(root, 'dist-packages') : process.argv[outIndex + 1]);
const { packageManager } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const env = { ...process.env, pnpm_config_manage_package_manager_versions: 'false' };
const args = ['-y', packageManager, '-r', '--filter', './packages/**', '--filter', './plugins/**', 'pack', '--pack-destination', out];
const result = spawnSync(npx, args, { cwd: root, env, encoding: 'utf8' });
if (result.status !== 0) {
  process.stderr.write(`pack: ${packageManager} pack failed (${result.status ?? result.signal}):\n${result.stdout}${result.stderr}`);
  process.exit(1);
}
for (const file of readdirSync(out).filter((f) => f.endsWith('.tgz')).sort()) console.log(path.join(out, file));
