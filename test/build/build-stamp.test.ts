import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module script without declarations
import { buildInputsHash, isBuildCurrent } from '../../scripts/build.mjs';

// `npm run build` (and so a second `npm start` or `npm test`) skips a package whose inputs are
// unchanged since its last build: this checks the stamp that decides it.

let repo: string;
let pkg: string;

beforeAll(async () => {
  repo = await mkdtemp(path.join(os.tmpdir(), 'hwcost-stamp-'));
  pkg = path.join(repo, 'packages/demo');
  await mkdir(path.join(pkg, 'src'), { recursive: true });
  await mkdir(path.join(pkg, 'dist'), { recursive: true });
  await Promise.all([
    writeFile(path.join(repo, 'tsup.base.ts'), 'export default {};\n'),
    writeFile(path.join(repo, 'pnpm-lock.yaml'), 'lockfileVersion: 9\n'),
    writeFile(path.join(pkg, 'package.json'), '{"name":"demo"}\n'),
    writeFile(path.join(pkg, 'src/index.ts'), 'export const a = 1;\n'),
  ]);
});

afterAll(async () => {
  if (repo) await rm(repo, { recursive: true, force: true });
});

const stamp = () => writeFile(path.join(pkg, 'dist/.build-stamp'), `${buildInputsHash(pkg, repo)}\n`);

describe('the build stamp', () => {
  it('a package without a stamp is built; with the stamp of its current inputs it is skipped', async () => {
    expect(isBuildCurrent(pkg, repo)).toBe(false);
    await stamp();
    expect(isBuildCurrent(pkg, repo)).toBe(true);
  });

  it('any change to a source, a new source, its package.json or the shared build settings makes it stale', async () => {
    const changes: [string, string][] = [
      [path.join(pkg, 'src/index.ts'), 'export const a = 2;\n'],
      [path.join(pkg, 'src/more/extra.ts'), 'export const b = 1;\n'],
      [path.join(pkg, 'package.json'), '{"name":"demo","version":"2.0.0"}\n'],
      [path.join(repo, 'tsup.base.ts'), 'export default { minify: true };\n'],
      [path.join(repo, 'pnpm-lock.yaml'), 'lockfileVersion: 9\n# another dependency\n'],
    ];
    for (const [file, content] of changes) {
      await stamp();
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, content);
      expect(isBuildCurrent(pkg, repo), file).toBe(false);
    }
  });

  it('a change to a workspace package it depends on makes it stale too (the command line bundles them)', async () => {
    const dependency = path.join(repo, 'packages/dependency');
    await mkdir(path.join(dependency, 'src'), { recursive: true });
    await writeFile(path.join(dependency, 'package.json'), '{"name":"dependency"}\n');
    await writeFile(path.join(dependency, 'src/index.ts'), 'export const d = 1;\n');
    await writeFile(path.join(pkg, 'package.json'), '{"name":"demo","dependencies":{"dependency":"workspace:^","left-pad":"1.3.0"}}\n');
    await stamp();
    expect(isBuildCurrent(pkg, repo)).toBe(true);
    await writeFile(path.join(dependency, 'src/index.ts'), 'export const d = 2;\n');
    expect(isBuildCurrent(pkg, repo)).toBe(false);
  });
});
