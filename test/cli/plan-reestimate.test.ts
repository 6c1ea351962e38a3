import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Diagnostics, ObjectiveRegistry } from '@hwcost/core';
import { layerWeights, loadModelInput, selectObjectives } from '@hwcost/engine';
import { expectedKernels, loadWeightsFile, type ModelWeights } from '@hwcost/model';
import vivadoHls from '@hwcost/plugin-vivado-hls';
import { oneLineError, runHwcost } from '../support/cli.js';
import { readNpz } from '../support/npz.js';

const project = '../shared/groundtruth/Hector-Plata__hls4ml-tutorial__model_1-hls4ml_prj__4ac4f07';
const model = `${project}/model/keras_model.h5`;
const config = `${project}/hls4ml_config.yml`;
const dir = mkdtempSync(path.join(tmpdir(), 'hwcost-plan-reestimate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const plan = (...args: string[]) => runHwcost(['plan', model, '--config', config, '--objective', 'hls-dsp', '--sparsity', '0.5', ...args]);

describe('hwcost plan with an objective that reads weights (hls-dsp, the tutorial model)', () => {
  it('meets the budget, and the written masks applied to the kernels give its after figures exactly', async () => {
    const masks = path.join(dir, 'masks.npz');
    const result = plan('--format', 'json', '--masks', masks);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.before).toEqual([1474]);
    expect(report.budget).toEqual([737]);
    expect(report.after[0]).toBeLessThanOrEqual(737);
    expect(report.reestimated).toMatchObject({ objectives: ['hls-dsp'], dimensions: ['DSP'] });

    const registry = new ObjectiveRegistry();
    expect(registry.use(vivadoHls)).toEqual([]);
    const [dsp] = selectObjectives(registry, 'hls-dsp');
    const { model: imported } = await loadModelInput({ model, config }, new Diagnostics());
    const kernels = await loadWeightsFile(model, expectedKernels(imported));
    const written = readNpz(masks);
    const pruned: ModelWeights = new Map([...kernels].map(([name, k]) => [name, { ...k, data: k.data.map((w, i) => (written[name]!.data[i] ? w : 0)) }]));
    registry.services.useWeights(layerWeights(pruned));
    const context = new Diagnostics().contextFor('hls-dsp', '');
    const figures = imported.layers.map((l) => dsp!.layerResources(l.attributes, context)[0]);
    expect(figures).toEqual(report.layers.map((l: { after: number[] }) => l.after[0]));
    expect(figures.reduce((a, b) => a + b!, 0)).toBe(report.after[0]);
  });

  it('carries the re-estimated figures in CSV and HTML, and says which figures they are', () => {
    const json = JSON.parse(plan('--format', 'json').stdout);
    const csv = plan('--format', 'csv').stdout.trim().split('\n');
    expect(csv.at(-1)!.split(',').slice(-2).map(Number)).toEqual([1474, json.after[0]]);
    const html = plan('--format', 'html').stdout;
    expect(html).toContain("the objective&#39;s own estimate of the pruned kernels");
    expect(plan().stdout).toMatch(/after \(DSP\): the objective's own estimate of the pruned kernels/);
  });

  it('says in one line when even removing everything cannot meet the budget, and plans the smallest reachable with best effort', () => {
    // A QKeras model whose Conv1D layers hls4ml does not prune: 584 DSP stay whatever the plan.
    const unreachable = '../shared/groundtruth/Berk-Bilgin__ML-fpga__model_2-hls4ml_prj';
    const args = ['plan', `${unreachable}/model/keras_model.h5`, '--config', `${unreachable}/hls4ml_config.yml`, '--objective', 'hls-dsp', '--sparsity', '0.5'];
    const refused = runHwcost(args);
    expect(refused.status).toBe(2);
    expect(oneLineError(refused)).toMatch(/smallest reachable DSP=584 \(budget 545\); use --best-effort to plan anyway$/);
    const report = JSON.parse(runHwcost([...args, '--best-effort', '--format', 'json']).stdout);
    expect(report.after).toEqual([584]);
    expect(report.warnings).toContain("objective hls-dsp: DSP of the model after pruning is 584 by the objective's estimate of the pruned kernels, above the budget (545); the smallest reachable is 584");
  });
});
