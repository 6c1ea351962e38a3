#!/usr/bin/env node
// Runs `hwcost compare` over every project of a ground-truth folder (HWCOST_GROUNDTRUTH_DIR, default
// ../shared/groundtruth) and prints, per objective and quantity, how far the totals are from what
// csynth and logic synthesis reported. Projects that cannot be read are counted and named.
// `--json <file>` also writes every project's comparison; `--readme` rewrites the table of README.md's
// "How close are the estimates?" section (between its groundtruth markers).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = path.resolve(process.env.HWCOST_GROUNDTRUTH_DIR ?? path.join(root, '..', 'shared', 'groundtruth'));
const cli = path.join(root, 'packages', 'cli', 'dist', 'bin.cjs');
const args = process.argv.slice(2);
const jsonOut = args.includes('--json') ? args[args.indexOf('--json') + 1] : undefined;
const readme = args.includes('--readme');

/** hls4ml's own objectives, printed beside the new ones. */
const OBJECTIVES = ['hls-dsp', 'hls-bram', 'hls-ff', 'hls-lut', 'hls-latency', 'vivado-dsp', 'vivado-dsp-bram', 'vivado-ff'];
const QUANTITIES = ['DSP', 'BRAM', 'FF', 'LUT', 'latency'];
const extra = process.env.HWCOST_GROUNDTRUTH_OBJECTIVES;
const objectives = extra ? [...OBJECTIVES, ...extra.split(',').filter((id) => !OBJECTIVES.includes(id))] : OBJECTIVES;

if (!existsSync(cli)) {
  console.error(`groundtruth: ${cli} is missing; run "npm run build" first`);
  process.exit(2);
}
if (!existsSync(dir) || !statSync(dir).isDirectory()) {
  console.error(`groundtruth: ${dir} is not a folder of projects (set HWCOST_GROUNDTRUTH_DIR)`);
  process.exit(2);
}

const projects = readdirSync(dir).filter((name) => statSync(path.join(dir, name)).isDirectory()).sort();
const comparisons = [];
const unreadable = [];
for (const name of projects) {
  const run = spawnSync(process.execPath, [cli, 'compare', path.join(dir, name), '--objective', objectives.join(','), '--format', 'json'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (run.status !== 0) {
    unreadable.push(`${name}: ${(run.stderr || run.stdout).trim().split('\n')[0]}`);
    continue;
  }
  comparisons.push(JSON.parse(run.stdout));
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Per objective, quantity and reference: the absolute relative errors of the projects' totals. */
function errors(objective, quantity, reference) {
  const found = [];
  for (const c of comparisons) {
    const table = reference === 'csynth' ? c.total.errors : c.total.synthErrors;
    const error = table[objective]?.[quantity];
    if (error !== undefined && !c.total.partial.includes(objective)) found.push(Math.abs(error));
  }
  return found;
}

const lines = [];
const rows = [];
for (const reference of ['csynth', 'synth']) {
  for (const quantity of QUANTITIES) {
    for (const objective of objectives) {
      const found = errors(objective, quantity, reference);
      if (found.length === 0) continue;
      const within = found.filter((e) => e <= 0.2).length;
      const m = median(found);
      lines.push(`groundtruth ${objective} ${quantity} vs ${reference}: median |error| ${(m * 100).toFixed(1)}% over ${found.length} projects, within ±20%: ${within}/${found.length}`);
      rows.push({ objective, quantity, reference, median: m, n: found.length, within });
    }
  }
}
const noLayers = comparisons.filter((c) => c.layers.length === 0).map((c) => c.project.name);
const noCsynth = comparisons.filter((c) => !c.total.csynth).map((c) => c.project.name);

for (const line of lines) console.log(line);
if (readme) {
  const table = [
    '| quantity | vs | objective | median abs. error | projects | within ±20% |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r.quantity} | ${r.reference} | \`${r.objective}\` | ${(r.median * 100).toFixed(1)}% | ${r.n} | ${r.within}/${r.n} |`),
  ].join('\n');
  const file = path.join(root, 'README.md');
  const text = readFileSync(file, 'utf8');
  const start = '<!-- groundtruth:start -->';
  const end = '<!-- groundtruth:end -->';
  if (!text.includes(start) || !text.includes(end)) {
    console.error(`groundtruth: README.md has no ${start} … ${end} markers`);
    process.exit(2);
  }
  writeFileSync(file, `${text.slice(0, text.indexOf(start) + start.length)}\n${table}\n${text.slice(text.indexOf(end))}`);
}
console.log(`groundtruth: ${projects.length} projects in ${dir}: ${comparisons.length} read, ${unreadable.length} unreadable${unreadable.length ? ` (${unreadable.join('; ')})` : ''}`);
if (noLayers.length) console.log(`groundtruth: read without layers to estimate (counted in no line): ${noLayers.join(', ')}`);
if (noCsynth.length) console.log(`groundtruth: read without a csynth report: ${noCsynth.join(', ')}`);
if (jsonOut) writeFileSync(jsonOut, JSON.stringify({ dir, comparisons, unreadable, rows }, null, 1));
if (unreadable.length > 0) process.exitCode = 1;
