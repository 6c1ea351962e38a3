import { describe, expect, it } from 'vitest';
import { Diagnostics, ObjectiveRegistry } from '@hwcost/core';
import { layerWeights, loadRun, planReestimation, selectObjectives } from '@hwcost/engine';
import type { ModelWeights } from '@hwcost/model';
import { planPruning, type PlanOptions } from '@hwcost/plan';
import parameter from '@hwcost/plugin-parameter';
import vivado from '@hwcost/plugin-vivado';
import vivadoHls from '@hwcost/plugin-vivado-hls';

const project = '../shared/groundtruth/Hector-Plata__hls4ml-tutorial__model_1-hls4ml_prj__4ac4f07';

async function tutorialRun(objectives: string) {
  const registry = new ObjectiveRegistry();
  for (const plugin of [parameter, vivado, vivadoHls]) expect(registry.use(plugin)).toEqual([]);
  const [objective] = selectObjectives(registry, objectives, { composite: true });
  const diagnostics = new Diagnostics();
  const input = { model: `${project}/model/keras_model.h5`, config: `${project}/hls4ml_config.yml` };
  const loaded = await loadRun(registry, input, [objective!], diagnostics, { command: 'plan', requireWeights: true });
  const options: PlanOptions = { objective: objective!, budget: { sparsity: 0.5 }, metric: 'l1', local: false, solver: 'auto', bestEffort: false };
  const plan = (extra: Partial<PlanOptions> = {}) => planPruning(loaded.model, loaded.weights!, { ...options, ...extra }, new Diagnostics());
  return { registry, objective: objective!, loaded, plan, reestimation: planReestimation(registry, objective!, loaded.weights!) };
}

describe('plans of objectives that read weights', () => {
  it('meet the budget by the objective’s own estimate of the pruned kernels, which the masks reproduce', async () => {
    const { registry, objective, loaded, plan, reestimation } = await tutorialRun('hls-dsp');
    expect(reestimation?.dimensions).toEqual([true]);
    const result = await plan({ reestimation: reestimation! });
    expect(result.before).toEqual([1474]);
    expect(result.budget).toEqual([737]);
    expect(result.after[0]).toBeLessThanOrEqual(737);
    expect(result.reestimated).toMatchObject({ dimensions: ['DSP'] });
    // Layers whose rounded saving per weight is 0 (fc2, fc3) are pruned too.
    for (const name of ['fc1', 'fc2', 'fc3']) expect(result.layers.find((l) => l.name === name)!.keptGroups).toBeLessThan(result.layers.find((l) => l.name === name)!.groups);

    // The masks applied to the kernels, estimated afresh: the plan's after figures exactly.
    const pruned: ModelWeights = new Map(
      [...loaded.weights!].map(([name, kernel]) => {
        const mask = result.masks.get(name)!.data;
        return [name, { ...kernel, data: kernel.data.map((w, i) => (mask[i] ? w : 0)) }];
      }),
    );
    registry.services.useWeights(layerWeights(pruned));
    const context = new Diagnostics().contextFor(objective.id, '');
    const figures = loaded.model.layers.map((l) => objective.layerResources(l.attributes, context)[0]);
    expect(figures).toEqual(result.layers.map((l) => l.after![0]));
    expect(figures.reduce((a, b) => a + b!, 0)).toBe(result.after[0]);
  });

  it('warn that the after figures are linear predictions when the plan cannot re-estimate', async () => {
    const { loaded, objective } = await tutorialRun('hls-dsp');
    const diagnostics = new Diagnostics();
    const options: PlanOptions = { objective, budget: { sparsity: 0.5 }, metric: 'l1', local: false, solver: 'auto', bestEffort: true };
    const result = await planPruning(loaded.model, loaded.weights!, options, diagnostics);
    expect(result.reestimated).toBeNull();
    expect(diagnostics.lines().join('\n')).toMatch(/cannot re-estimate the pruned kernels/);
  });

  it('leave objectives that do not read weights exactly as before', async () => {
    const { plan, reestimation } = await tutorialRun('vivado-dsp');
    expect(reestimation).toBeUndefined();
    const result = await plan();
    expect(result.reestimated).toBeNull();
    const composite = await tutorialRun('hls-dsp,parameter');
    expect(composite.reestimation?.dimensions).toEqual([true, false]);
    const mixed = await composite.plan({ reestimation: composite.reestimation! });
    // parameter's figures stay its savings times the groups removed.
    for (const l of mixed.layers) if (l.before && l.after && l.groups > 0) expect(l.after[1]).toBe(l.before[1]! - (l.groups - l.keptGroups) * l.savingsPerGroup![1]!);
    expect(mixed.after[0]).toBeLessThanOrEqual(mixed.budget[0]!);
    expect(mixed.after[1]).toBeLessThanOrEqual(mixed.budget[1]!);
  });
});
