// Knapsack benchmarks (`npm run bench`, which builds first): each prints one line
// `bench <name>: median <x> ms (baseline <what>: median <y> ms)` with the baseline measured in the
// same run, then a note when the target is missed. Inputs come from a seeded PRNG, so runs repeat.
import { Bench } from 'tinybench';
import { solveKnapsack } from '../packages/knapsack/dist/index.js';
import { configForPoint, createRegistry, loadModelInput, loadRun, parseSweepAxis, pointAt, runDiagnostics, runEstimate, runSweep, selectObjectives, sweepSize, useRunContext } from '../packages/engine/dist/index.js';
import { applyHls4mlConfig } from '../packages/model/dist/index.js';
import { Diagnostics } from '../packages/core/dist/index.js';
import { integer, random } from './random.mjs';

const collectGarbage = () => globalThis.gc?.();
let problems = 0;

/** Median latency in ms of `fn` over `iterations` runs (after two warm-up runs), with a GC before each. */
async function medianMs(name, fn, iterations) {
  const bench = new Bench({ name, time: 0, warmupTime: 0, warmupIterations: 2, iterations });
  bench.add(name, fn, { beforeEach: collectGarbage });
  await bench.run();
  const { result } = bench.tasks[0];
  if (result.state !== 'completed') throw result.error ?? new Error(`${name}: ${result.state}`);
  return result.latency.p50;
}

/** Measures a benchmark and its baseline and prints the line; a missed target is only noted. */
async function measure(name, { target, iterations, task, baselineName, baseline, baselineIterations }) {
  const median = await medianMs(name, task, iterations);
  const baselineMedian = await medianMs(baselineName, baseline, baselineIterations);
  console.log(`bench ${name}: median ${median.toFixed(2)} ms (baseline ${baselineName}: median ${baselineMedian.toFixed(2)} ms)`);
  if (median > target) console.log(`  note: ${name} is over target (${median.toFixed(2)} ms > ${target} ms) on this machine`);
}

function check(condition, message) {
  if (condition) return;
  problems++;
  console.log(`  MISMATCH: ${message}`);
}

// select-1m: the global unstructured plan of a 16x500x500x500x500x500x5 dense model, one group per
// weight, each saving one unit (equal weights), keeping half.
{
  const layers = [16, 500, 500, 500, 500, 500, 5];
  let n = 0;
  for (let l = 1; l < layers.length; l++) n += layers[l - 1] * layers[l];
  const rnd = random(1);
  // |N(0,1)|-like magnitudes stand in for the weights' l1 norms.
  const values = Float64Array.from({ length: n }, () => Math.abs(rnd() + rnd() + rnd() - 1.5));
  const weights = [new Float64Array(n).fill(1)];
  const capacity = [Math.floor(n / 2)];

  // hls4ml's numpy approach in JS: argsort the values, then take from the top until the first misfit.
  const sortSelect = () => {
    const order = Uint32Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a] - values[b]);
    const used = new Float64Array(weights.length);
    const selected = [];
    let value = 0;
    for (let t = n - 1; t >= 0; t--) {
      const i = order[t];
      if (!weights.every((row, k) => used[k] + row[i] <= capacity[k])) break;
      weights.forEach((row, k) => (used[k] += row[i]));
      selected.push(i);
      value += values[i];
    }
    return { value, selected };
  };

  const ours = await solveKnapsack(values, weights, capacity);
  const theirs = sortSelect();
  check(ours.solver === 'equal' && ours.optimal, `select-1m used ${ours.solver} (optimal ${ours.optimal}), expected the equal-weights selection`);
  check(ours.selected.length === theirs.selected.length && Math.abs(ours.value - theirs.value) <= 1e-9 * theirs.value, `select-1m: ${ours.value} vs sort-based ${theirs.value}`);
  await measure('select-1m', {
    target: 100,
    iterations: 15,
    task: () => solveKnapsack(values, weights, capacity),
    baselineName: 'argsort + greedy accumulation (hls4ml numpy approach, JS)',
    baseline: sortSelect,
    baselineIterations: 5,
  });
}

// dp-2000x5000: one row, 2,000 items, capacity 5,000.
{
  const n = 2000;
  const capacity = 5000;
  const rnd = random(2);
  const weights = Array.from({ length: n }, () => integer(rnd, 1, 100));
  const values = Array.from({ length: n }, () => rnd() * 100);

  // hls4ml's __solve_1d_knapsack_dp in JS: a list of lists K[i][w], then the walk back.
  const naiveDp = () => {
    const K = Array.from({ length: n + 1 }, () => new Array(capacity + 1).fill(0));
    for (let i = 1; i <= n; i++) {
      for (let w = 1; w <= capacity; w++) {
        K[i][w] = weights[i - 1] <= w ? Math.max(values[i - 1] + K[i - 1][w - weights[i - 1]], K[i - 1][w]) : K[i - 1][w];
      }
    }
    const selected = [];
    for (let i = n, w = capacity; i > 0; i--) {
      if (K[i][w] !== K[i - 1][w]) {
        selected.push(i - 1);
        w -= weights[i - 1];
      }
    }
    return { value: K[n][capacity], selected };
  };

  const ours = await solveKnapsack(values, [weights], [capacity], { solver: 'dp' });
  const theirs = naiveDp();
  check(ours.solver === 'dp' && ours.optimal, `dp-2000x5000 used ${ours.solver}`);
  check(Math.abs(ours.value - theirs.value) <= 1e-9 * theirs.value, `dp-2000x5000: ${ours.value} vs naive DP ${theirs.value}`);
  await measure('dp-2000x5000', {
    target: 30,
    iterations: 20,
    task: () => solveKnapsack(values, [weights], [capacity], { solver: 'dp' }),
    baselineName: 'list-of-lists 2-D DP (hls4ml algorithm, JS)',
    baseline: naiveDp,
    baselineIterations: 5,
  });
}

// bnb-30x3: eight random instances, 30 items x 3 rows, each row's capacity half its total weight;
// values weakly correlated with the weights, which is what makes 0/1 knapsacks hard. Every sample
// solves the next instance, so the median is taken across instances.
{
  const rnd = random(3);
  const instances = Array.from({ length: 8 }, () => {
    const weights = Array.from({ length: 3 }, () => Array.from({ length: 30 }, () => integer(rnd, 1, 100)));
    const values = Array.from({ length: 30 }, (_, i) => (weights[0][i] + weights[1][i] + weights[2][i]) / 3 + rnd() * 20);
    const capacity = weights.map((row) => Math.floor(row.reduce((a, b) => a + b, 0) / 2));
    return { values, weights, capacity };
  });
  const cycle = (solver) => {
    let next = 0;
    return () => {
      const { values, weights, capacity } = instances[next++ % instances.length];
      return solveKnapsack(values, weights, capacity, { solver });
    };
  };

  for (const [index, { values, weights, capacity }] of instances.entries()) {
    const ours = await solveKnapsack(values, weights, capacity, { solver: 'bnb' });
    const mip = await solveKnapsack(values, weights, capacity, { solver: 'mip' });
    check(ours.solver === 'bnb' && ours.optimal, `bnb-30x3 instance ${index}: ${ours.solver}, optimal ${ours.optimal}`);
    check(mip.solver === 'mip' && mip.optimal && Math.abs(ours.value - mip.value) <= 1e-9 * mip.value, `bnb-30x3 instance ${index}: ${ours.value} vs HiGHS ${mip.value}`);
  }
  await measure('bnb-30x3', {
    target: 50,
    iterations: 5 * instances.length,
    task: cycle('bnb'),
    baselineName: 'HiGHS MIP (wasm), same instances, proven optimal',
    baseline: cycle('mip'),
    baselineIterations: 2 * instances.length,
  });
}

/** The sweep baseline: each point of the bundled example's sweep estimated on its own (the point's config, its resolution, the estimate). */
function estimateOneByOne(loaded, axes, estimators) {
  const layers = ['fc1', 'fc2', 'fc3', 'output'];
  const totals = [];
  for (let i = 0; i < sweepSize(axes); i++) {
    const diagnostics = new Diagnostics();
    const model = applyHls4mlConfig(loaded.model, configForPoint(loaded.config, pointAt(axes, i), layers), diagnostics);
    totals.push(runEstimate(model, estimators, diagnostics).totals);
  }
  return totals;
}

// sweep-10k: 10,000 points of the bundled example (ReuseFactor 1..25 × 200 precisions × 2 strategies,
// hls4ml's five closed-form objectives), on every core; the baseline estimates the same points one by
// one on one thread through the library API (the point's config, its resolution, the estimate).
{
  const registry = await createRegistry();
  const loaded = await loadModelInput({ config: 'packages/cli/examples/jet-tagging/hls4ml-config.yml' }, runDiagnostics(registry));
  const axes = ['ReuseFactor=1..25', 'Precision=ap_fixed<4..23,1..10>', 'Strategy=Latency,Resource'].map(parseSweepAxis);
  const objective = 'parameter,gpu-flops,vivado-dsp,vivado-ff,vivado-dsp-bram';
  const request = { model: loaded.model, config: loaded.config, axes, objective };
  const estimators = selectObjectives(registry, objective);
  const oneByOne = () => estimateOneByOne(loaded, axes, estimators);

  const ours = await runSweep(request, { registry });
  const theirs = oneByOne();
  check(ours.points.length === 10_000 && ours.skipped.length === 0, `sweep-10k: ${ours.points.length} points, ${ours.skipped.length} skipped`);
  check(ours.points.every((p, i) => JSON.stringify(p.totals) === JSON.stringify(theirs[i])), 'sweep-10k: sweep totals differ from one-by-one estimates');
  await measure(`sweep-10k (${ours.jobs} threads)`, {
    target: 10_000,
    iterations: 5,
    task: () => runSweep(request, { registry }),
    baselineName: 'one by one, one thread, library API',
    baseline: oneByOne,
    baselineIterations: 3,
  });
}

// sweep-10k-hls: the same 10,000 points under vivado-hls's five objectives, which read the example's
// weights (quantized once per kernel and weight precision in a run: 4 layers × 200 precisions here).
// Every timed run gets a registry of its own, so nothing learnt of the kernels carries over from one
// run to the next; the baseline estimates the points one by one on one thread, as sweep-10k's.
{
  const objective = 'hls-dsp,hls-bram,hls-ff,hls-lut,hls-latency';
  const registry = await createRegistry();
  const loaded = await loadRun(registry, { config: 'packages/cli/examples/jet-tagging/hls4ml-config.yml' }, selectObjectives(registry, objective), runDiagnostics(registry), { command: 'sweep' });
  const axes = ['ReuseFactor=1..25', 'Precision=ap_fixed<4..23,1..10>', 'Strategy=Latency,Resource'].map(parseSweepAxis);
  const run = { settings: { ...registry.services.settings }, weights: loaded.weights };
  const request = { model: loaded.model, config: loaded.config, axes, objective, ...run };
  const [iterations, baselineIterations] = [5, 3];
  // Made beforehand, so that loading plugins is not timed: the two checked runs, then each function's
  // iterations, medianMs's two warm-ups and the call tinybench makes to see whether it is async.
  const registries = [];
  for (let i = 0; i < 2 + iterations + baselineIterations + 2 * 3; i++) registries.push(await createRegistry());
  const fresh = () => {
    if (registries.length === 0) throw new Error('sweep-10k-hls: more runs than registries made');
    return registries.pop();
  };
  const sweep = () => runSweep(request, { registry: fresh() });
  const oneByOne = () => {
    const own = fresh();
    useRunContext(own, run);
    return estimateOneByOne(loaded, axes, selectObjectives(own, objective));
  };

  const ours = await sweep();
  const theirs = oneByOne();
  check(ours.points.length === 10_000 && ours.skipped.length === 0, `sweep-10k-hls: ${ours.points.length} points, ${ours.skipped.length} skipped`);
  check(ours.points.every((p, i) => JSON.stringify(p.totals) === JSON.stringify(theirs[i])), 'sweep-10k-hls: sweep totals differ from one-by-one estimates');
  await measure(`sweep-10k-hls (${ours.jobs} threads)`, {
    target: 10_000,
    iterations,
    task: sweep,
    baselineName: 'one by one, one thread, library API',
    baseline: oneByOne,
    baselineIterations,
  });
}

if (problems > 0) {
  console.log(`${problems} result mismatch(es)`);
  process.exitCode = 1;
}

// plan-25m: a global plan of 25 Dense 1000x1000 layers (25 M weights, one group each), against
// 5 M weights in the same run: median time and peak memory per weight, each size in its own process
// (bench/plan-child.mjs). Targets: at most 16 bytes per weight, and time linear in the weights.
{
  const { spawnSync } = await import('node:child_process');
  const sizes = [5, 25].map((layers) => {
    const child = spawnSync(process.execPath, ['--expose-gc', new URL('./plan-child.mjs', import.meta.url).pathname, String(layers)], { encoding: 'utf8' });
    if (child.status !== 0) throw new Error(`plan-child ${layers}: ${child.stderr}`);
    return JSON.parse(child.stdout.trim().split('\n').at(-1));
  });
  const [small, large] = sizes;
  for (const size of sizes) check(size.kept === size.weights / 2, `plan of ${size.weights} weights kept ${size.kept}, expected half`);
  const ratio = large.medianMs / small.medianMs;
  const scale = large.weights / small.weights;
  const perWeight = (size) => `${size.bytesPerWeight.toFixed(1)} bytes/weight`;
  console.log(
    `bench plan-25m: median ${large.medianMs.toFixed(2)} ms, peak ${perWeight(large)} (baseline plan-5m: median ${small.medianMs.toFixed(2)} ms, peak ${perWeight(small)}; time ratio ${ratio.toFixed(2)} for ${scale}x the weights)`,
  );
  if (large.bytesPerWeight > 16) console.log(`  note: plan-25m is over target (${perWeight(large)} > 16 bytes/weight) on this machine`);
  if (ratio > scale * 1.3) console.log(`  note: plan-25m grows faster than linearly (time ratio ${ratio.toFixed(2)} > ${scale} x 1.3) on this machine`);
}

// startup: `hwcost --version` and `hwcost estimate` of the bundled example as whole processes,
// against `node -e 0`, in paired runs (the three commands one after another, repeatedly, so that
// machine load hits all of them alike); medians of wall time. Target: at most 2x `node -e 0`.
{
  const { spawnSync } = await import('node:child_process');
  const bin = new URL('../packages/cli/dist/bin.cjs', import.meta.url).pathname;
  // `estimate` runs every objective, and those that read kernels (vivado-hls's) load the example's
  // weights (HDF5, through jsfive); `estimate-closed-form` runs the objectives that need no weights.
  const closedForm = 'parameter,gpu-flops,vivado-dsp,vivado-ff,vivado-dsp-bram';
  const commands = { node: ['-e', '0'], version: [bin, '--version'], estimate: [bin, 'estimate'], 'estimate-closed-form': [bin, 'estimate', '--objective', closedForm] };
  const times = Object.fromEntries(Object.keys(commands).map((name) => [name, []]));
  const timed = (args) => {
    const started = performance.now();
    const child = spawnSync(process.execPath, args, { encoding: 'utf8' });
    if (child.status !== 0) throw new Error(`node ${args.join(' ')}: ${child.stderr}`);
    return performance.now() - started;
  };
  for (const args of Object.values(commands)) timed(args);
  for (let run = 0; run < 21; run++) for (const [name, args] of Object.entries(commands)) times[name].push(timed(args));
  const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];
  const node = median(times.node);
  const line = (name) => `${name} ${median(times[name]).toFixed(1)} ms (${(median(times[name]) / node).toFixed(2)}x)`;
  console.log(`bench startup: median ${line('version')}, ${line('estimate')}, ${line('estimate-closed-form')} (baseline node -e 0: median ${node.toFixed(1)} ms)`);
  for (const name of ['version', 'estimate']) {
    if (median(times[name]) > 2 * node) console.log(`  note: startup ${name} is over target (${(median(times[name]) / node).toFixed(2)}x > 2x node -e 0) on this machine`);
  }
}
