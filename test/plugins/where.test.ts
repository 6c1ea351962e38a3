import { existsSync } from 'node:fs';
import { mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureProject, oneLineError, pluginSource, runHwcost, writePlugin } from './fixtures.js';

// Where plugins are found, and where not: a discovered plugin runs code, so only the project's own
// node_modules and hwcost's installation are looked at, an entry must stay inside its package,
// discovery can be turned off, and a project can name its plugins in a project file.

let root: string;
let project: string;
const FIRST_PARTY = ['gpu-flops', 'parameter', 'vivado-dsp', 'vivado-ff', 'vivado-dsp-bram', 'hls-dsp', 'hls-bram', 'hls-ff', 'hls-lut', 'hls-latency'];
const registerOne = (id: string) => `container.register(OBJECTIVE_ESTIMATOR, { useValue: estimator('${id}', () => [1]) });`;
const payloadRan = () => existsSync(path.join(root, 'payload-ran'));

beforeAll(async () => {
  // root/node_modules holds a plugin an ancestor directory has; the project lives in root/project.
  root = await fixtureProject('where');
  project = path.join(root, 'project');
  await mkdir(project, { recursive: true });
  await writeFile(path.join(project, 'package.json'), JSON.stringify({ name: 'where-project', private: true }));
  const modules = path.join(project, 'node_modules');
  await writeFile(path.join(root, 'payload.mjs'), `import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(path.join(root, 'payload-ran'))}, '');\nexport default {};\n`);
  await Promise.all([
    writePlugin(path.join(root, 'node_modules/hwcost-plugin-ancestor'), { name: 'hwcost-plugin-ancestor', source: pluginSource('hwcost-plugin-ancestor', registerOne('ancestor-units')) }),
    writePlugin(path.join(modules, 'hwcost-plugin-local'), { name: 'hwcost-plugin-local', objectives: ['local-units'], source: pluginSource('hwcost-plugin-local', registerOne('local-units')) }),
    writePlugin(path.join(modules, 'hwcost-plugin-escape'), { name: 'hwcost-plugin-escape', entry: '../../../payload.mjs' }),
    writePlugin(path.join(modules, 'hwcost-plugin-linked-escape'), { name: 'hwcost-plugin-linked-escape' }),
    writePlugin(path.join(root, 'vendor/hwcost-plugin-vendored'), { name: 'hwcost-plugin-vendored', source: pluginSource('hwcost-plugin-vendored', registerOne('vendored-units')) }),
  ]);
  // An entry that is a symlink to a file outside the package.
  await symlink(path.join(root, 'payload.mjs'), path.join(modules, 'hwcost-plugin-linked-escape/index.js'));
  // @hwcost/core for the project's plugins, as an install gives it.
  await mkdir(path.join(modules, '@hwcost'), { recursive: true });
  await symlink(path.join(root, 'node_modules/@hwcost/core'), path.join(modules, '@hwcost/core'), 'dir');
});

afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

interface Listing {
  objectives: { id: string }[];
  problems: { plugin: string; kind: string; message: string }[];
}

function listing(args: string[] = [], env: Record<string, string> = {}, cwd = project): Listing {
  const result = runHwcost(['objectives', '--format', 'json', ...args], cwd, env);
  expect(result.status, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as Listing;
}

describe('discovery looks only where the user installed plugins', () => {
  it('finds the project\'s plugins, not those in node_modules of directories above it', () => {
    const ids = listing().objectives.map((o) => o.id);
    expect(ids).toContain('local-units');
    expect(ids).not.toContain('ancestor-units');
  });

  it('refuses entries that leave the package directory, by path or by symlink, without running them', () => {
    const { problems } = listing();
    expect(problems.map((p) => [p.plugin, p.message])).toEqual([
      ['hwcost-plugin-escape', `plugin hwcost-plugin-escape: "hwcost.plugin" in ${path.join(project, 'node_modules/hwcost-plugin-escape/package.json')} is "../../../payload.mjs", which leaves the package directory; hwcost loads plugin entries only from inside their package`],
      ['hwcost-plugin-linked-escape', expect.stringMatching(/^plugin hwcost-plugin-linked-escape: entry .*index\.js leads outside the package directory .*; hwcost loads plugin entries only from inside their package$/)],
    ]);
    expect(payloadRan()).toBe(false);
  });
});

describe('turning discovery off', () => {
  const thirdParty = (l: Listing) => l.objectives.map((o) => o.id).filter((id) => !FIRST_PARTY.includes(id));

  it('--no-discovery loads no plugin from node_modules, but the first-party ones and --plugin', () => {
    const off = listing(['--no-discovery', '--plugin', '../vendor/hwcost-plugin-vendored']);
    expect(off.objectives.map((o) => o.id)).toEqual([...FIRST_PARTY, 'vendored-units']);
    expect(off.problems).toEqual([]);
  });

  it('so does HWCOST_NO_DISCOVERY=1', () => {
    expect(thirdParty(listing([], { HWCOST_NO_DISCOVERY: '1' }))).toEqual([]);
    expect(thirdParty(listing([], { HWCOST_NO_DISCOVERY: '0' }))).toEqual(['local-units']);
  });
});

describe('the project file', () => {
  afterAll(async () => {
    await rm(path.join(project, 'hwcost.config.json'), { force: true });
    await writeFile(path.join(project, 'package.json'), JSON.stringify({ name: 'where-project', private: true }));
  });

  it('hwcost.config.json names plugins (paths relative to the project) and can turn discovery off', async () => {
    await writeFile(path.join(project, 'hwcost.config.json'), JSON.stringify({ plugins: ['../vendor/hwcost-plugin-vendored'], discovery: false }));
    const listed = listing();
    expect(listed.objectives.map((o) => o.id)).toEqual([...FIRST_PARTY, 'vendored-units']);
    // From a subdirectory of the project too.
    await mkdir(path.join(project, 'src'), { recursive: true });
    expect(listing([], {}, path.join(project, 'src')).objectives.map((o) => o.id)).toEqual([...FIRST_PARTY, 'vendored-units']);
  });

  it('a "hwcost" key in the project\'s package.json does the same; names resolve as Node resolves them', async () => {
    await rm(path.join(project, 'hwcost.config.json'), { force: true });
    await writeFile(path.join(project, 'package.json'), JSON.stringify({ name: 'where-project', private: true, hwcost: { plugins: ['hwcost-plugin-local'], discovery: false } }));
    expect(listing().objectives.map((o) => o.id)).toEqual([...FIRST_PARTY, 'local-units']);
  });

  it('a malformed project file is one line naming the file and key', async () => {
    await writeFile(path.join(project, 'hwcost.config.json'), JSON.stringify({ plugins: 'hwcost-plugin-local' }));
    const result = runHwcost(['objectives'], project);
    expect(result.status).toBe(2);
    expect(oneLineError(result)).toBe(`hwcost: ${path.join(project, 'hwcost.config.json')}: "plugins" must be an array of package names or paths, got "hwcost-plugin-local"`);
  });
});
