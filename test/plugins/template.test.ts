import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliBin, repoRoot } from './fixtures.js';

// The plugin author's path from nothing: `hwcost new-plugin` writes a TypeScript package, whose own
// `npm install && npm test` passes and whose packed tarball installs into a consumer project beside
// hwcost. hwcost's packages are not on a registry, so `npm run pack`'s tarballs stand in for them:
// the only change made to the generated package is pointing its @hwcost devDependencies at them.
// Everything else (tsup, typescript, tsyringe, …) comes from the npm registry.

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const { NODE_OPTIONS: _ignored, ...env } = process.env;
const install = ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'];

let root: string;
let plugin: string;
let tarballs: string[];

function run(command: string, args: readonly string[], cwd: string): string {
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', timeout: 280_000 });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} (in ${cwd}) failed with ${result.status ?? result.signal}:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'hwcost-template-'));
  tarballs = run(process.execPath, [path.join(repoRoot, 'scripts/pack.mjs'), '--out', path.join(root, 'tarballs')], repoRoot).trim().split('\n');
  plugin = path.join(root, 'hwcost-plugin-lut');
  run(process.execPath, [cliBin, 'new-plugin', plugin], root);
}, 120_000);

afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

describe('hwcost new-plugin', () => {
  it('writes a TypeScript package: tsconfig, tsup, an @injectable() objective and its testkit test', () => {
    const manifest = JSON.parse(readFileSync(path.join(plugin, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest).toMatchObject({ name: 'hwcost-plugin-lut', hwcost: { plugin: './dist/index.js', objectives: ['lut', 'LutEstimator'] }, peerDependencies: { '@hwcost/core': '^0.1.0' } });
    expect(readFileSync(path.join(plugin, 'src/lut-estimator.ts'), 'utf8')).toMatch(/@injectable\(\)\nexport class LutEstimator/);
    expect(readFileSync(path.join(plugin, 'tsconfig.json'), 'utf8')).toContain('"experimentalDecorators": true');
  });

  it('refuses a directory that is not empty', () => {
    const result = spawnSync(process.execPath, [cliBin, 'new-plugin', plugin], { cwd: root, env, encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toBe(`hwcost: new-plugin: ${plugin} exists and is not empty`);
  });

  it('passes its own npm install && npm test, packs, and installs into a consumer project', async () => {
    const manifestFile = path.join(plugin, 'package.json');
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { devDependencies: Record<string, string> };
    const hwcostPackages = Object.fromEntries(tarballs.map((file) => [JSON.parse(run('tar', ['-xOzf', file, 'package/package.json'], root)).name as string, `file:${file}`]));
    manifest.devDependencies = { ...manifest.devDependencies, ...hwcostPackages };
    await writeFile(manifestFile, JSON.stringify(manifest, null, 2));

    run(npm, install, plugin);
    const tested = run(npm, ['test'], plugin);
    expect(tested).toMatch(/# pass 4\n# fail 0/);

    // prepack builds, and tsup prints: find the tarball in its own directory.
    const packDir = path.join(root, 'plugin-tarball');
    await mkdir(packDir, { recursive: true });
    run(npm, ['pack', '--pack-destination', packDir], plugin);
    const packed = path.join(packDir, readdirSync(packDir)[0]!);
    const consumer = path.join(root, 'consumer');
    await mkdir(consumer, { recursive: true });
    await writeFile(path.join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true }));
    run(npm, [...install, '-D', ...tarballs, packed], consumer);
    const listed = JSON.parse(run(npx, ['--no', 'hwcost', 'objectives', '--strict', '--format', 'json'], consumer)) as { objectives: { id: string; plugin: { name: string } }[] };
    expect(listed.objectives.find((o) => o.id === 'lut')?.plugin.name).toBe('hwcost-plugin-lut');
    const report = JSON.parse(run(npx, ['--no', 'hwcost', 'estimate', '--objective', 'lut,parameter', '--format', 'json'], consumer)) as { totals: Record<string, number[]> };
    // The bundled example's weights are ap_fixed<16,6>: 16 bits each.
    expect(report.totals.lut).toEqual([report.totals.parameter![0]! * 16]);
  }, 600_000);
});
