// One size of the plan-25m benchmark, run in its own process so its peak memory is its own:
// `node --expose-gc bench/plan-child.mjs <layers>` plans `layers` Dense 1000x1000 layers (float32
// kernels, seeded) for the parameter objective at sparsity 0.5 (one group per weight, the most
// groups any objective makes), three times, and prints one JSON line: the median time of
// planPruning (checks, grouping, knapsack, masks) and the peak resident memory above what the
// process held before the kernels were made, per weight (kernels included).
import { readFileSync } from 'node:fs';
import { Diagnostics, ObjectiveRegistry, layerAttributes } from '../packages/core/dist/index.js';
import { planPruning } from '../packages/plan/dist/index.js';
import parameter from '../plugins/parameter/dist/index.js';
import { random } from './random.mjs';

const memory = (key) => Number(/(\d+)\s*kB/.exec(readFileSync('/proc/self/status', 'utf8').split('\n').find((l) => l.startsWith(key)))[1]) * 1024;

const count = Number(process.argv[2]);
const width = 1000;
const registry = new ObjectiveRegistry();
registry.use(parameter);
const objective = registry.get('parameter');
globalThis.gc?.();
const baseline = memory('VmRSS:');

const rnd = random(25);
const weights = new Map();
const layers = [];
for (let l = 0; l < count; l++) {
  const name = `fc${l + 1}`;
  const data = new Float32Array(width * width);
  for (let i = 0; i < data.length; i++) data[i] = rnd() * 2 - 1;
  weights.set(name, { shape: [width, width], data });
  const attributes = layerAttributes({ name, layerType: 'Dense', weightShape: [width, width], inputShape: [width], outputShape: [width] });
  layers.push({ attributes, supported: true });
}
const model = { name: `dense-${count}x${width}x${width}`, source: 'bench', layers };

const times = [];
let kept = 0;
for (let run = 0; run < 3; run++) {
  globalThis.gc?.();
  const started = performance.now();
  const plan = await planPruning(model, weights, { objective, budget: { sparsity: 0.5 }, metric: 'l1', local: false, solver: 'auto', bestEffort: false }, new Diagnostics());
  times.push(performance.now() - started);
  kept = plan.after[0];
}
times.sort((a, b) => a - b);
const n = count * width * width;
console.log(JSON.stringify({ weights: n, medianMs: times[1], bytesPerWeight: (memory('VmHWM:') - baseline) / n, kept }));
