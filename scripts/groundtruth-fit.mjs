#!/usr/bin/env node
// Fits the logic calibration of @hwcost/plugin-vivado-hls (LOGIC_CALIBRATION: LUTs per adder bit and
// per loop, flip-flops per register bit and per loop) on a ground-truth folder, and checks that it
// generalises: each project's totals are predicted by constants fitted without it (leave one out).
// Prints the fitted constants, the in-sample median |error| and the leave-one-out median |error|;
// `--readme` also writes these lines into README.md between its groundtruth-fit markers.
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = (p) => path.join(root, p, 'dist', 'index.js');
if (!existsSync(dist('plugins/vivado-hls'))) {
  console.error('groundtruth-fit: build first (npm run build)');
  process.exit(2);
}
const { readProject } = await import(dist('packages/project'));
const { layerWeights } = await import(dist('packages/engine'));
const { hlsLayer, multiplierPlan, adderBits, registerBits, loops } = await import(dist('plugins/vivado-hls'));
const dir = path.resolve(process.env.HWCOST_GROUNDTRUTH_DIR ?? path.join(root, '..', 'shared', 'groundtruth'));

/** Per project: counted adder bits, register bits, looping layers, and csynth's LUT and FF. */
const samples = [];
for (const name of readdirSync(dir).filter((n) => statSync(path.join(dir, n)).isDirectory()).sort()) {
  const project = await readProject(path.join(dir, name));
  const top = project.reports.csynth?.module.resources;
  if (project.layers.length === 0 || !top) continue;
  const weights = project.weights ? layerWeights(project.weights) : undefined;
  let adders = 0;
  let registers = 0;
  let looping = 0;
  for (const layer of project.layers) {
    const view = hlsLayer(layer);
    if (view.role === 'other') continue;
    const plan = (view.role === 'multiply' || view.role === 'recurrent') && view.multsPerPixel > 0 ? multiplierPlan(view, weights?.kernel(layer.name)) : undefined;
    adders += adderBits(view, plan);
    registers += registerBits(view, plan);
    if (loops(view, plan)) looping += 1;
  }
  samples.push({ name, adders, registers, looping, LUT: top.LUT, FF: top.FF });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const error = (perBit, perLoop, s, bits, actual) => Math.abs(perBit * s[bits] + perLoop * s.looping - s[actual]) / Math.max(1, s[actual]);

/** The (per bit, per loop) pair minimising the median |error| over `set`, on a log grid. */
function fit(set, bits, actual) {
  let best = { perBit: 1, perLoop: 0, median: Infinity };
  for (let i = -40; i <= 20; i++) {
    const perBit = 2 ** (i / 8);
    for (const perLoop of [0, 50, 100, 200, 300, 400, 500, 600, 800, 1000, 1200, 1500, 2000, 2500, 3000]) {
      const m = median(set.map((s) => error(perBit, perLoop, s, bits, actual)));
      if (m < best.median) best = { perBit, perLoop, median: m };
    }
  }
  return best;
}

const report = [];
for (const [quantity, bits] of [['LUT', 'adders'], ['FF', 'registers']]) {
  const all = fit(samples, bits, quantity);
  const loo = samples.map((s) => {
    const f = fit(samples.filter((o) => o !== s), bits, quantity);
    return error(f.perBit, f.perLoop, s, bits, quantity);
  });
  report.push(`fit ${quantity}: per ${bits.slice(0, -1)} bit ${all.perBit.toFixed(3)}, per loop ${all.perLoop}; median |error| ${(all.median * 100).toFixed(1)}% over ${samples.length} projects; leave-one-out median |error| ${(median(loo) * 100).toFixed(1)}%, within ±20%: ${loo.filter((e) => e <= 0.2).length}/${loo.length}`);
}
for (const line of report) console.log(line);
if (process.argv.includes('--readme')) {
  const file = path.join(root, 'README.md');
  const text = readFileSync(file, 'utf8');
  const [start, end] = ['<!-- groundtruth-fit:start -->', '<!-- groundtruth-fit:end -->'];
  if (!text.includes(start) || !text.includes(end)) {
    console.error(`groundtruth-fit: README.md has no ${start} … ${end} markers`);
    process.exit(2);
  }
  writeFileSync(file, `${text.slice(0, text.indexOf(start) + start.length)}\n${report.map((l) => `    ${l}`).join('\n')}\n${text.slice(text.indexOf(end))}`);
}
