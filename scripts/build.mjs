// `npm run build`: builds every package (packages/*, plugins/*) with tsup, skipping those whose
// inputs have not changed since their last build. A package's inputs are its src/, package.json,
// tsconfig.json and tsup.config.ts, those of the workspace packages it depends on (the command
// line bundles them), and the repository's shared build settings and lockfile; their SHA-256 is
// kept in dist/.build-stamp. `--force` rebuilds everything; `--dry-run` only says what
// would be built.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const SHARED = ['tsup.base.ts', 'tsconfig.json', 'pnpm-lock.yaml'];
const OWN = ['package.json', 'tsconfig.json', 'tsup.config.ts'];
const STAMP = path.join('dist', '.build-stamp');

function filesUnder(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? filesUnder(path.join(dir, entry.name)) : [path.join(dir, entry.name)]))
    .sort();
}

/** The package and the workspace packages it depends on (`workspace:` ranges), transitively, by directory. */
function withWorkspaceDependencies(packageDir, repoRoot) {
  const byName = new Map(workspacePackages(repoRoot).map((dir) => [packageName(dir), dir]));
  const dirs = new Set();
  const visit = (dir) => {
    if (dirs.has(dir)) return;
    dirs.add(dir);
    const manifestFile = path.join(dir, 'package.json');
    if (!existsSync(manifestFile)) return;
    const { dependencies = {}, peerDependencies = {} } = JSON.parse(readFileSync(manifestFile, 'utf8'));
    for (const [name, range] of Object.entries({ ...peerDependencies, ...dependencies })) {
      if (!String(range).startsWith('workspace:')) continue;
      if (byName.has(name)) visit(byName.get(name));
    }
  };
  visit(packageDir);
  return [...dirs].sort();
}

function packageName(dir) {
  return JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).name;
}

/** The hash of everything a package's build reads. */
export function buildInputsHash(packageDir, repoRoot = root) {
  const hash = createHash('sha256');
  const inputs = [
    ...SHARED.map((f) => path.join(repoRoot, f)),
    ...withWorkspaceDependencies(packageDir, repoRoot).flatMap((dir) => [...OWN.map((f) => path.join(dir, f)), ...filesUnder(path.join(dir, 'src'))]),
  ];
  for (const file of inputs) {
    hash.update(`${path.relative(repoRoot, file)}\0`);
    hash.update(existsSync(file) ? readFileSync(file) : '(missing)');
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** True when the package's dist was built from exactly its current inputs. */
export function isBuildCurrent(packageDir, repoRoot = root) {
  const stamp = path.join(packageDir, STAMP);
  return existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === buildInputsHash(packageDir, repoRoot);
}

function workspacePackages(repoRoot = root) {
  return ['packages', 'plugins'].flatMap((group) => {
    if (!existsSync(path.join(repoRoot, group))) return [];
    return readdirSync(path.join(repoRoot, group), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && existsSync(path.join(repoRoot, group, entry.name, 'package.json')))
      .map((entry) => path.join(repoRoot, group, entry.name));
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const force = process.argv.includes('--force');
  const stale = workspacePackages().filter((dir) => force || !isBuildCurrent(dir));
  if (stale.length === 0) {
    console.log('build: every package is up to date (unchanged since its last build)');
  } else if (process.argv.includes('--dry-run')) {
    console.log(`build: would build ${stale.map((dir) => path.relative(root, dir)).join(', ')}`);
  } else {
    const filters = stale.flatMap((dir) => ['--filter', `./${path.relative(root, dir)}`]);
    const result = spawnSync(process.execPath, [path.join(root, 'scripts/pnpm.mjs'), ...filters, 'build'], { cwd: root, stdio: 'inherit' });
    if (result.status !== 0) process.exit(result.status ?? 1);
    // Stamped after the build, from the inputs as they are now.
    for (const dir of stale) writeFileSync(path.join(dir, STAMP), `${buildInputsHash(dir)}\n`);
  }
}
