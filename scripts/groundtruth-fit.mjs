#!/usr/bin/env node
// Reads the calibration of @hwcost/plugin-vivado-hls (plugins/vivado-hls/src/rules/calibration.ts)
// off a ground-truth folder (HWCOST_GROUNDTRUTH_DIR, default ../shared/groundtruth), from the tools'
// own per-layer figures (csynth's resources and latency of every layer instance), and checks that it
// generalises: each project is estimated with a calibration read without it (leave one project out).
// Prints each figure with its spread, then per quantity the median |error| of the project totals in
// sample and left out. `--readme` also writes these lines into README.md between its
// groundtruth-fit markers.
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = (p) => path.join(root, p, 'dist', 'index.js');
if (!existsSync(dist('plugins/vivado-hls'))) {
  console.error('groundtruth-fit: build first (npm run build)');
  process.exit(2);
}
const { readProject, compareProject } = await import(dist('packages/project'));
const { layerWeights } = await import(dist('packages/engine'));
const V = await import(dist('plugins/vivado-hls'));
const dir = path.resolve(process.env.HWCOST_GROUNDTRUTH_DIR ?? path.join(root, '..', 'shared', 'groundtruth'));

const OBJECTIVES = [
  { id: 'hls-dsp', dimensions: ['DSP'], rule: V.dspRule },
  { id: 'hls-bram', dimensions: ['BRAM'], rule: V.bramRule },
  { id: 'hls-ff', dimensions: ['FF'], rule: V.ffRule },
  { id: 'hls-lut', dimensions: ['LUT'], rule: V.lutRule },
  { id: 'hls-latency', dimensions: ['cycles'], rule: V.latencyRule },
];
const QUANTITIES = { 'hls-dsp': 'DSP', 'hls-bram': 'BRAM', 'hls-ff': 'FF', 'hls-lut': 'LUT', 'hls-latency': 'latency' };

/** Every project with layers and a csynth report: its layers' views, plans and csynth figures. */
const projects = [];
for (const name of readdirSync(dir).filter((n) => statSync(path.join(dir, n)).isDirectory()).sort()) {
  const project = await readProject(path.join(dir, name));
  if (project.layers.length === 0 || !project.reports.csynth) continue;
  const weights = layerWeights(project.weights ?? new Map());
  const storage = new Map((project.reports.rpt?.storage ?? []).map((s) => [s.name, s.resources]));
  const layers = project.layers.map((attributes) => {
    const { view, plan } = V.layerView(attributes, weights);
    const figures = project.attribution?.layers.get(attributes.name);
    // The layer's own instance, without the FIFOs and memories attributed to it.
    const own = figures && { ...figures.resources };
    for (const part of figures?.parts ?? []) {
      const s = storage.get(part);
      if (s && own) for (const q of ['FF', 'LUT']) own[q] = (own[q] ?? 0) - (s[q] ?? 0);
    }
    return { attributes, view, plan, own, latency: figures?.latency };
  });
  projects.push({ name, project, layers });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
/** Median absolute deviation: the spread of a median-read figure. */
const spread = (xs) => median(xs.map((x) => Math.abs(x - median(xs))));

/** Flip-flops and LUTs the counted structures of a layer's own instance have: FIFOs, hand-offs and control left out. */
function counted(layer, calibration) {
  const none = { ...calibration, control: { ff: zeroCosts, lut: zeroCosts } };
  const fifos = V.streamFifos(layer.view);
  return { FF: V.instanceRegisters(layer.view, layer.plan, calibration), LUT: V.lutRule(layer.view, layer.plan, none) - (fifos ? V.fifoLuts(fifos) : 0) };
}
const zeroCosts = { resource: 0, products: 0, shared: 0, window: 0, elementwise: 0 };

/** Control costs: per loop kind, the median of what the layers' csynth figures have beyond the counted structures. */
function fitControl(set, calibration) {
  const residuals = { FF: {}, LUT: {} };
  for (const p of set) {
    for (const layer of p.layers) {
      const kind = V.loopKind(layer.view, layer.plan);
      if (!kind || !layer.own || layer.view.role === 'other') continue;
      const c = counted(layer, calibration);
      for (const q of ['FF', 'LUT']) (residuals[q][kind] ??= []).push((layer.own[q] ?? 0) - c[q]);
    }
  }
  const fit = (q) => Object.fromEntries(Object.keys(zeroCosts).map((k) => [k, Math.max(0, Math.round(median(residuals[q][k] ?? [0]) || 0))]));
  return { costs: { ff: fit('FF'), lut: fit('LUT') }, residuals };
}

/**
 * Operator delays: for each group of layers (Vivado HLS on UltraScale, Vitis HLS, 7-series, products
 * built from LUTs), the delays whose pipeline matches the layers' instance latency best, then their
 * flip-flops, over the io_parallel Latency layers with products.
 */
const DELAY_GRID = {
  dspProduct: range(1.5, 3.5, 0.25),
  adderLevel: range(0.3, 0.8, 0.05),
  adderLevelVitis: range(0.5, 1.3, 0.1),
  dspProduct7Series: range(4.5, 12, 0.5),
  adderLevel7Series: range(0.4, 3, 0.1),
  lutProduct: range(0.5, 3, 0.25),
};
function range(from, to, step) {
  const values = [];
  for (let x = from; x <= to + 1e-9; x += step) values.push(Math.round(x * 100) / 100);
  return values;
}
function delayGroup(layer) {
  if (!layer.plan || layer.view.strategy !== 'Latency' || layer.view.io !== 'io_parallel' || layer.view.role !== 'multiply' || layer.latency === undefined) return undefined;
  if (layer.plan.shared) return undefined;
  if (layer.plan.dspProducts === 0) return 'lut';
  if (/^xc7/i.test(layer.view.part ?? '')) return 's7';
  return layer.view.tool === 'Vitis HLS' ? 'vitis' : 'us';
}
function delayCost(layers, calibration) {
  let cost = 0;
  for (const layer of layers) {
    const tree = V.productTree(layer.view, layer.plan, calibration);
    cost += Math.abs(tree.stages - layer.latency);
    const ff = V.instanceRegisters(layer.view, layer.plan, calibration);
    cost += Math.abs(Math.log((ff + 100) / ((layer.own?.FF ?? 0) + 100)));
  }
  return cost;
}
function fitDelays(set, start) {
  const groups = { us: [], vitis: [], s7: [], lut: [] };
  for (const p of set) for (const layer of p.layers) {
    const g = delayGroup(layer);
    if (g) groups[g].push(layer);
  }
  const delays = { ...start.delays };
  const search = (group, keys) => {
    if (groups[group].length === 0) return;
    let best = { cost: Infinity, trials: [] };
    const walk = (i, trial) => {
      if (i === keys.length) {
        const cost = delayCost(groups[group], { ...start, delays: trial });
        if (cost < best.cost - 1e-9) best = { cost, trials: [trial] };
        else if (cost < best.cost + 1e-9) best.trials.push(trial);
        return;
      }
      for (const v of DELAY_GRID[keys[i]]) walk(i + 1, { ...trial, [keys[i]]: v });
    };
    walk(0, delays);
    // Where the layers cannot tell delays apart, the middle of the range that fits them equally well.
    const centre = Object.fromEntries(keys.map((k) => [k, median(best.trials.map((t) => t[k]))]));
    const distance = (t) => keys.reduce((sum, k) => sum + ((t[k] - centre[k]) / DELAY_GRID[k][1]) ** 2, 0);
    Object.assign(delays, best.trials.reduce((a, b) => (distance(b) < distance(a) ? b : a)));
  };
  search('us', ['dspProduct', 'adderLevel']);
  search('vitis', ['adderLevelVitis']);
  search('s7', ['dspProduct7Series', 'adderLevel7Series']);
  search('lut', ['lutProduct']);
  return { delays, layers: Object.fromEntries(Object.entries(groups).map(([g, ls]) => [g, ls.length])) };
}

/** Latency figures of io_stream loops: the Resource drain per slice and Vitis HLS's line-buffer interval. */
function fitLatency(set) {
  const drains = [];
  const vitis = [];
  for (const p of set) for (const { view, plan, latency } of p.layers) {
    if (!plan || view.io !== 'io_stream' || latency === undefined || view.inPixels <= 1) continue;
    const interval = (latency - 3) / view.inPixels;
    if (view.strategy === 'Resource') drains.push(interval - view.reuseFactor);
    else if (view.reuseFactor === 1 && view.tool === 'Vitis HLS') vitis.push(interval);
  }
  return { resourceDrainCycles: Math.max(0, Math.round(median(drains))), vitisLineBufferInterval: Math.max(1, Math.round(median(vitis))), drains, vitis };
}

/** The whole calibration read off `set`. */
function fitAll(set) {
  const delays = fitDelays(set, V.CALIBRATION);
  const withDelays = { ...V.CALIBRATION, delays: delays.delays };
  const control = fitControl(set, withDelays);
  const latency = fitLatency(set);
  return {
    calibration: { ...withDelays, control: control.costs, resourceDrainCycles: latency.resourceDrainCycles, vitisLineBufferInterval: latency.vitisLineBufferInterval },
    detail: { delays, control, latency },
  };
}

/** A project's total relative errors per objective against csynth, with `calibration`. */
function totalErrors(p, calibration) {
  const results = new Map();
  for (const layer of p.layers) {
    const values = {};
    for (const o of OBJECTIVES) values[o.id] = layer.view.role === 'other' ? null : [Math.max(0, Math.round(o.rule(layer.view, layer.plan, calibration)))];
    results.set(layer.attributes.name, values);
  }
  return compareProject(p.project, OBJECTIVES, results).total.errors;
}

function summary(errorsByProject) {
  const lines = [];
  for (const o of OBJECTIVES) {
    const q = QUANTITIES[o.id];
    const errors = errorsByProject.map((e) => e[o.id]?.[q]).filter((e) => e !== undefined).map(Math.abs);
    lines.push({ q, median: median(errors), within: errors.filter((e) => e <= 0.2).length, n: errors.length });
  }
  return lines;
}

const full = fitAll(projects);
const inSampleErrors = projects.map((p) => totalErrors(p, full.calibration));
const leftOutErrors = projects.map((p) => totalErrors(p, fitAll(projects.filter((o) => o !== p)).calibration));
const inSample = summary(inSampleErrors);
const asShipped = summary(projects.map((p) => totalErrors(p, V.CALIBRATION)));
const leftOut = summary(leftOutErrors);
if (process.argv.includes('--projects')) {
  for (const [i, p] of projects.entries()) {
    const cells = OBJECTIVES.map((o) => {
      const q = QUANTITIES[o.id];
      const f = (e) => (e === undefined ? '-' : `${Math.round(e * 100)}%`);
      return `${q} ${f(inSampleErrors[i][o.id]?.[q])}/${f(leftOutErrors[i][o.id]?.[q])}`;
    });
    console.log(`${p.name.slice(0, 50).padEnd(50)} ${cells.join('  ')}`);
  }
}

const pct = (x) => `${(x * 100).toFixed(1)}%`;
const d = full.calibration.delays;
const r = full.detail.control.residuals;
const costLine = (q) =>
  Object.entries(full.calibration.control[q.toLowerCase()])
    .map(([k, v]) => `${k} ${v} (±${Math.round(spread(r[q][k] ?? [0]))}, ${(r[q][k] ?? []).length} layers)`)
    .join(', ');
const report = [
  `fit delays (ns): DSP product ${d.dspProduct}, 7-series ${d.dspProduct7Series}, LUT product ${d.lutProduct}; adder level ${d.adderLevel}, Vitis HLS ${d.adderLevelVitis}, 7-series ${d.adderLevel7Series} (layers: ${Object.entries(full.detail.delays.layers).map(([g, n]) => `${g} ${n}`).join(', ')})`,
  `fit control FF per layer: ${costLine('FF')}`,
  `fit control LUT per layer: ${costLine('LUT')}`,
  `fit latency: Resource drain ${full.calibration.resourceDrainCycles} cycles (±${spread(full.detail.latency.drains).toFixed(1)}, ${full.detail.latency.drains.length} layers), Vitis HLS line-buffer interval ${full.calibration.vitisLineBufferInterval} (±${spread(full.detail.latency.vitis).toFixed(1)}, ${full.detail.latency.vitis.length} layers)`,
  ...inSample.map((s, i) => `fit ${s.q} vs csynth: median |error| ${pct(s.median)} over ${s.n} projects (within ±20%: ${s.within}); leave-one-out ${pct(leftOut[i].median)} (within ±20%: ${leftOut[i].within}/${leftOut[i].n})`),
];
for (const line of report) console.log(line);
const drift = asShipped.filter((s, i) => Math.abs(s.median - inSample[i].median) > 1e-9);
if (drift.length > 0) console.log(`groundtruth-fit: the calibration in calibration.ts differs from this fit (${drift.map((s) => `${s.q} ${pct(s.median)}`).join(', ')} as shipped)`);
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
