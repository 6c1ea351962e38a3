import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadWeightsFile } from '@hwcost/model';
import { repoRoot, runHwcost } from '../support/cli.js';

const model = '../shared/conformance/models/KERAS_3layer.onnx';
const dir = mkdtempSync(path.join(tmpdir(), 'hwcost-recipe-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The numpy side of the README's PyTorch recipe needs python3 with numpy; without them it is skipped, and says so. */
const numpy = spawnSync('python3', ['-c', 'import numpy'], { encoding: 'utf8' });
const hasNumpy = numpy.status === 0;
if (!hasNumpy) console.log(`pytorch recipe: skipped, python3 with numpy is not installed (${(numpy.error?.message ?? numpy.stderr).trim()})`);

/**
 * Steps 3 and 4 of the recipe with numpy standing in for torch: load the masks, and apply each to
 * the initializer it is keyed by, as `prune.custom_from_mask` multiplies `module.weight` by it.
 */
const APPLY = `
import json, sys, numpy
masks = numpy.load(sys.argv[1])
weights = json.load(open(sys.argv[2]))
out = {}
for name, w in weights.items():
    mask = masks[name]
    pruned = numpy.array(w["data"], dtype=numpy.float32).reshape(w["shape"]) * mask
    assert mask.dtype == numpy.float32 and set(numpy.unique(mask)) <= {0.0, 1.0}
    out[name] = {"shape": list(mask.shape), "kept": int(mask.sum()), "zeros": int((pruned == 0).sum())}
print(json.dumps(out))
`;

describe("the README's PyTorch recipe", () => {
  it('shows the five steps', () => {
    const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    for (const step of ['torch.onnx.export(model, example_input, "model.onnx")', '"--masks", "masks.npz"', 'numpy.load("masks.npz")', 'torch.nn.utils.prune.custom_from_mask(module, "weight", torch.from_numpy(masks[name]))', 'train(model)']) {
      expect(readme).toContain(step);
    }
  });

  it.skipIf(!hasNumpy)('masks load with numpy in each Linear weight\'s own [out, in] shape and zero what the plan removes', async () => {
    const masks = path.join(dir, 'masks.npz');
    const plan = runHwcost(['plan', model, '--objective', 'parameter', '--sparsity', '0.5', '--masks', masks, '--format', 'json']);
    expect(plan.status).toBe(0);
    // The initializers, as PyTorch holds module.weight ([out, in]), for numpy to multiply.
    const weights = Object.fromEntries(
      [...(await loadWeightsFile(model))].map(([name, t]) => {
        const rows = t.source!.shape[0]!;
        const cols = t.source!.shape[1]!;
        const stored = Array.from({ length: t.data.length }, (_v, i) => t.data[(i % cols) * rows + Math.floor(i / cols)]!);
        return [name, { shape: t.source!.shape, data: stored }];
      }),
    );
    const weightsFile = path.join(dir, 'weights.json');
    writeFileSync(weightsFile, JSON.stringify(weights));
    const applied = spawnSync('python3', ['-c', APPLY, masks, weightsFile], { encoding: 'utf8' });
    expect(applied.stderr).toBe('');
    const result = JSON.parse(applied.stdout);
    const report = JSON.parse(plan.stdout);
    const pruned = report.layers.filter((l: { pruned: boolean }) => l.pruned);
    expect(Object.keys(result).sort()).toEqual(pruned.map((l: { name: string }) => l.name).sort());
    for (const layer of pruned) {
      expect(result[layer.name].shape).toEqual(weights[layer.name]!.shape);
      expect(result[layer.name].kept).toBe(layer.keptWeights);
      expect(result[layer.name].zeros).toBeGreaterThanOrEqual(layer.weights - layer.keptWeights);
    }
  });
});
