import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import * as core from '@hwcost/core';
import {
  DIAGNOSTIC_SINK,
  Diagnostics,
  LAYER_WEIGHTS,
  OBJECTIVE_ESTIMATOR,
  ObjectiveRegistry,
  RUN_SETTINGS,
  definePlugin,
  inject,
  injectable,
  layerAttributes,
  type DependencyContainer,
  type DiagnosticSink,
  type InjectionToken,
  type LayerAttributes,
  type LayerWeights,
  type ObjectiveEstimator,
  type RunSettings,
} from '@hwcost/core';
import { loadRun, runDiagnostics, runEstimate, selectObjectives } from '@hwcost/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/cli.js';

const example = path.join(repoRoot, 'packages/cli/examples/jet-tagging');
const layer = layerAttributes({ name: 'fc1', layerType: 'Dense', weightShape: [4, 2] });
const NOT_OPTIMIZABLE = () => ({ optimizable: false, attributes: null });

/** A plugin-private service: only this plugin's estimators can inject it. */
interface Scale {
  factor: number;
}
const SCALE: InjectionToken<Scale> = Symbol('test scale');

/** An estimator class that injects every run service and a private one, as a third party would write it. */
@injectable()
class NonzeroEstimator implements ObjectiveEstimator {
  readonly id = 'nonzero';
  readonly dimensions = ['weights'];
  readonly usesWeights = true;

  constructor(
    @inject(LAYER_WEIGHTS) private readonly weights: LayerWeights,
    @inject(RUN_SETTINGS) readonly settings: RunSettings,
    @inject(DIAGNOSTIC_SINK) private readonly sink: DiagnosticSink,
    @inject(SCALE) private readonly scale: Scale,
  ) {}

  isLayerOptimizable = NOT_OPTIMIZABLE;

  layerResources(layer: LayerAttributes): number[] {
    const kernel = this.weights.kernel(layer.name);
    if (!kernel) {
      if (layer.weightShape.length > 0) this.sink.warn('no kernel', { layer: layer.name });
      return [0];
    }
    return [kernel.data.reduce((n, v) => n + (v !== 0 ? 1 : 0), 0) * this.scale.factor];
  }

  layerSavings(): number[] {
    return [0];
  }
}

function nonzeroPlugin(factor = 1) {
  return definePlugin({
    meta: { name: 'test-nonzero', version: '1.0.0', apiVersion: 1 },
    register(container) {
      container.register(SCALE, { useValue: { factor } });
      container.register(OBJECTIVE_ESTIMATOR, { useClass: NonzeroEstimator });
    },
  });
}

function registryWith(...plugins: unknown[]): ObjectiveRegistry {
  const registry = new ObjectiveRegistry();
  for (const plugin of plugins) expect(registry.use(plugin).map((p) => p.message)).toEqual([]);
  return registry;
}

/** Compiles a TypeScript plugin module as its author's build would and evaluates it against this core. */
function compilePlugin(source: string, compilerOptions: ts.CompilerOptions): unknown {
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, ...compilerOptions },
  });
  const module = { exports: {} as { default?: unknown } };
  new Function('require', 'module', 'exports', outputText)((id: string) => (id === '@hwcost/core' ? core : undefined), module, module.exports);
  return module.exports.default;
}

const decoratedPlugin = `
import { DIAGNOSTIC_SINK, OBJECTIVE_ESTIMATOR, inject, injectable } from '@hwcost/core';
@injectable()
class LutEstimator {
  id = 'lut';
  dimensions = ['LUT'];
  constructor(@inject(DIAGNOSTIC_SINK) sink) { this.sink = sink; }
  isLayerOptimizable() { return { optimizable: false, attributes: null }; }
  layerResources() { return [1]; }
  layerSavings() { return [0]; }
}
export default {
  meta: { name: 'ts-lut', version: '1.0.0', apiVersion: 1 },
  register(container) { container.register(OBJECTIVE_ESTIMATOR, { useClass: LutEstimator }); },
};
`;

describe('estimators resolved by the DI container', () => {
  it('a useClass estimator gets the run services and its plugin\'s private service injected', () => {
    const registry = registryWith(nonzeroPlugin(3));
    const estimator = registry.get('nonzero');
    expect(estimator.usesWeights).toBe(true);
    registry.services.useWeights({ kernel: (name) => (name === 'fc1' ? { shape: [4, 2], data: Float32Array.from([0, 1, 0, 2, 0, 0, 3, 4]) } : undefined) });
    expect(estimator.layerResources(layer, new Diagnostics().contextFor('nonzero', 'fc1'))).toEqual([4 * 3]);
  });

  it('a useValue estimator still works beside it, and one plugin\'s private services stay its own', () => {
    const plain: ObjectiveEstimator = { id: 'plain', dimensions: ['n'], isLayerOptimizable: NOT_OPTIMIZABLE, layerResources: () => [7], layerSavings: () => [0] };
    const registry = registryWith(
      nonzeroPlugin(),
      definePlugin({ meta: { name: 'plain', version: '1.0.0', apiVersion: 1 }, register: (c) => void c.register(OBJECTIVE_ESTIMATOR, { useValue: plain }) }),
    );
    expect(registry.get('plain').layerResources(layer, new Diagnostics().contextFor('plain', 'fc1'))).toEqual([7]);
    expect(registry.container.isRegistered(SCALE, true)).toBe(false);
  });

  it('the settings are a read-only view of what the run filled in', () => {
    const registry = registryWith(nonzeroPlugin());
    const settings = (registry.container.resolve(RUN_SETTINGS) as RunSettings);
    registry.services.useSettings({ command: 'estimate', modelFile: 'm.json', objectives: ['nonzero'] });
    expect({ ...settings }).toEqual({ command: 'estimate', modelFile: 'm.json', objectives: ['nonzero'] });
    expect(() => ((settings as { command: string }).command = 'plan')).toThrow(TypeError);
    expect(settings.command).toBe('estimate');
  });

  it('warnings through DIAGNOSTIC_SINK or the call context carry the plugin that raised them', () => {
    const registry = registryWith(
      nonzeroPlugin(),
      definePlugin({
        meta: { name: 'warner', version: '1.0.0', apiVersion: 1 },
        register: (c) =>
          void c.register(OBJECTIVE_ESTIMATOR, {
            useValue: { id: 'warner', dimensions: ['n'], isLayerOptimizable: NOT_OPTIMIZABLE, layerSavings: () => [0], layerResources: (_l: LayerAttributes, context: core.EstimateContext) => (context.warn('careful'), [0]) },
          }),
      }),
    );
    const diagnostics = runDiagnostics(registry);
    registry.get('nonzero').layerResources(layer, diagnostics.contextFor('nonzero', 'fc1'));
    registry.get('warner').layerResources(layer, diagnostics.contextFor('warner', 'fc1'));
    expect(diagnostics.items).toEqual([
      { level: 'warning', message: 'no kernel', layer: 'fc1', plugin: 'test-nonzero' },
      { level: 'warning', message: 'careful', objective: 'warner', layer: 'fc1', plugin: 'warner' },
    ]);
  });

  it('a class compiled with legacy decorators (experimentalDecorators) is created', () => {
    const registry = registryWith(compilePlugin(decoratedPlugin, { experimentalDecorators: true }));
    expect(registry.get('lut').dimensions).toEqual(['LUT']);
  });

  it('a class compiled with standard decorators is a problem naming the fix', () => {
    // Standard decorators cannot decorate constructor parameters: an author drops @inject, and
    // tsyringe alone would only say "TypeInfo not known".
    const source = decoratedPlugin.replace('@inject(DIAGNOSTIC_SINK) sink', 'sink');
    const registry = new ObjectiveRegistry();
    const [problem] = registry.use(compilePlugin(source, { experimentalDecorators: false }));
    expect(problem!.message).toBe(
      'plugin ts-lut: class LutEstimator could not be created: its constructor takes 1 parameter(s) but it has no injection metadata; decorate it with @injectable() and each parameter with @inject(TOKEN), both imported from \'@hwcost/core\', and compile with "experimentalDecorators": true in tsconfig.json (standard decorators cannot decorate constructor parameters)',
    );
  });

  it('a class decorated by another copy of tsyringe is a problem naming the fix', () => {
    class Foreign {
      readonly id = 'foreign';
      constructor(readonly sink: DiagnosticSink) {}
    }
    // What another tsyringe's @injectable() leaves: metadata hwcost's copy never registered.
    (Reflect as unknown as { defineMetadata: (k: string, v: unknown, t: object) => void }).defineMetadata('design:paramtypes', [Object], Foreign);
    const registry = new ObjectiveRegistry();
    const [problem] = registry.use({ meta: { name: 'foreign', version: '1.0.0', apiVersion: 1 }, register: (c: DependencyContainer) => c.register(OBJECTIVE_ESTIMATOR, { useClass: Foreign as never }) });
    expect(problem!.message).toBe(
      "plugin foreign: class Foreign could not be created: it carries injection metadata, but not from hwcost's copy of tsyringe; import injectable and inject from '@hwcost/core', not from 'tsyringe'",
    );
  });

  it('one class that cannot be created leaves its plugin\'s other objectives in place', () => {
    const registry = new ObjectiveRegistry();
    const problems = registry.use(
      definePlugin({
        meta: { name: 'half', version: '1.0.0', apiVersion: 1 },
        register(container) {
          container.register(OBJECTIVE_ESTIMATOR, { useClass: NonzeroEstimator }); // SCALE is not registered
          container.register(OBJECTIVE_ESTIMATOR, { useValue: { id: 'fine', dimensions: ['n'], isLayerOptimizable: NOT_OPTIMIZABLE, layerResources: () => [1], layerSavings: () => [0] } });
        },
      }),
    );
    expect(problems.map((p) => p.message)).toEqual([expect.stringMatching(/^plugin half: class NonzeroEstimator could not be created: .*position #3/)]);
    expect(registry.list().map((o) => o.estimator.id)).toEqual(['fine']);
  });
});

describe('LAYER_WEIGHTS in runs', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'hwcost-weights-'));
    await copyFile(path.join(example, 'jet-tagging.json'), path.join(dir, 'bare.json'));
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function estimate(input: { model?: string; config?: string }, objectives: string) {
    const registry = registryWith(nonzeroPlugin(), (await import('@hwcost/plugin-parameter')).default);
    const estimators = selectObjectives(registry, objectives);
    const diagnostics = runDiagnostics(registry);
    const loaded = await loadRun(registry, input, estimators, diagnostics, { command: 'estimate' });
    return { loaded, result: runEstimate(loaded.model, estimators, diagnostics), settings: registry.container.resolve(RUN_SETTINGS), diagnostics };
  }

  it('are loaded before the first call when a selected estimator uses them', async () => {
    const { loaded, result, settings } = await estimate({ config: path.join(example, 'hls4ml-config.yml') }, 'nonzero,parameter');
    expect(loaded.weightsFile).toBe(path.join(example, 'jet-tagging_weights.h5'));
    // The example's seeded weights have no exact zeros: every parameter is counted.
    expect(result.totals.nonzero).toEqual(result.totals.parameter);
    expect(settings).toMatchObject({ command: 'estimate', objectives: ['nonzero', 'parameter'], weightsFile: loaded.weightsFile });
  });

  it('are not read when no selected estimator uses them', async () => {
    const { loaded } = await estimate({ config: path.join(example, 'hls4ml-config.yml') }, 'parameter');
    expect(loaded.weightsFile).toBeUndefined();
  });

  it('are empty, without an error, when the model has none', async () => {
    const { loaded, result, diagnostics } = await estimate({ model: path.join(dir, 'bare.json') }, 'nonzero');
    expect(loaded.weightsFile).toBeUndefined();
    expect(result.totals.nonzero).toEqual([0]);
    expect(diagnostics.items.map((d) => d.message)).toContain('no kernel');
  });
});
