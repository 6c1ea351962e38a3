import {
  Diagnostics,
  EstimatorError,
  HwcostError,
  OBJECTIVE_ESTIMATOR,
  ObjectiveRegistry,
  PLUGIN_API_VERSION,
  definePlugin,
  isDeclined,
  isHwcostError,
  isPluginContractError,
  layerAttributes,
  type ObjectiveEstimator,
} from '@hwcost/core';
import { describe, expect, it } from 'vitest';

function estimator(id: string, overrides: Partial<ObjectiveEstimator> = {}): ObjectiveEstimator {
  return {
    id,
    dimensions: ['units'],
    isLayerOptimizable: () => ({ optimizable: true, attributes: { structureType: 'unstructured', pruning: true, weightSharing: false, blockShape: [1, 1], patternOffset: 1, consecutivePatterns: 1 } }),
    layerResources: () => [1],
    layerSavings: () => [1],
    ...overrides,
  };
}

function plugin(name: string, ...estimators: ObjectiveEstimator[]) {
  return definePlugin({
    meta: { name, version: '1.0.0', apiVersion: PLUGIN_API_VERSION },
    register(container) {
      for (const e of estimators) container.register(OBJECTIVE_ESTIMATOR, { useValue: e });
    },
  });
}

const layer = layerAttributes({ name: 'fc1', layerType: 'Dense', weightShape: [4, 2] });
const context = new Diagnostics().contextFor('x', 'fc1');

function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(isHwcostError(error)).toBe(true);
    expect((error as HwcostError).code).toBe('HWCOST_INPUT');
    return (error as Error).message;
  }
  throw new Error('expected an error');
}

describe('ObjectiveRegistry lookup', () => {
  it('finds objectives by id or alias, case-insensitively', () => {
    const registry = new ObjectiveRegistry();
    registry.use(plugin('p', estimator('lut', { aliases: ['LutEstimator'] })));
    expect(registry.get('lut').id).toBe('lut');
    expect(registry.get(' luteSTIMATOR ').id).toBe('lut');
    expect(registry.entry('LUT').plugin).toEqual({ name: 'p', version: '1.0.0', apiVersion: 1 });
  });

  it('an unknown id lists the known ids', () => {
    const registry = new ObjectiveRegistry();
    registry.use(plugin('p', estimator('lut'), estimator('bits')));
    expect(messageOf(() => registry.get('dsp'))).toBe('unknown objective "dsp"; known: lut, bits');
  });

  it('an unknown id also names the plugins that failed to load', () => {
    const registry = new ObjectiveRegistry();
    registry.use(plugin('good', estimator('lut')));
    registry.use({ ...plugin('broken'), register: () => { throw new Error('boom'); } });
    registry.use(plugin('late', estimator('lut')));
    expect(messageOf(() => registry.get('dsp'))).toBe('unknown objective "dsp"; known: lut; plugins that failed to load: broken (see "hwcost objectives")');
  });

  it('selects comma-separated lists without repeats, and all', () => {
    const registry = new ObjectiveRegistry();
    registry.use(plugin('p', estimator('a'), estimator('b', { aliases: ['B-Class'] })));
    expect(registry.select('b, a,B-Class').map((e) => e.id)).toEqual(['b', 'a']);
    expect(registry.select('all').map((e) => e.id)).toEqual(['a', 'b']);
    expect(messageOf(() => registry.select(' , '))).toBe('no objective given; use an id, a comma-separated list or "all"');
    expect(messageOf(() => new ObjectiveRegistry().select('all'))).toBe('no objectives are registered');
  });

  it('keeps runs apart: each registry has its own container', () => {
    const first = new ObjectiveRegistry();
    first.use(plugin('p', estimator('lut')));
    const second = new ObjectiveRegistry();
    expect(second.list()).toEqual([]);
    expect(first.container.resolveAll(OBJECTIVE_ESTIMATOR).map((e) => e.id)).toEqual(['lut']);
    expect(second.container.isRegistered(OBJECTIVE_ESTIMATOR, true)).toBe(false);
  });
});

describe('ObjectiveRegistry duplicate ids', () => {
  it('the plugin loaded first keeps the id; the later one is a problem naming both', () => {
    const registry = new ObjectiveRegistry();
    expect(registry.use(plugin('first', estimator('lut', { layerResources: () => [1] })), { source: '/a/index.js' })).toEqual([]);
    const problems = registry.use(plugin('second', estimator('lut', { layerResources: () => [2] }), estimator('bits')));
    expect(problems).toEqual([
      { plugin: 'second', kind: 'duplicate', objectives: [], message: 'plugin second: objective lut is already registered by plugin first@1.0.0 (/a/index.js), loaded first; keeping that one' },
    ]);
    expect(registry.get('lut').layerResources(layer, context)).toEqual([1]);
    expect(registry.list().map((o) => `${o.estimator.id}:${o.plugin.name}`)).toEqual(['lut:first', 'bits:second']);
    expect(registry.container.resolveAll(OBJECTIVE_ESTIMATOR)).toHaveLength(2);
  });

  it('an alias that another plugin holds is a duplicate too', () => {
    const registry = new ObjectiveRegistry();
    registry.use(plugin('first', estimator('lut', { aliases: ['LutEstimator'] })));
    const [problem] = registry.use(plugin('second', estimator('lut2', { aliases: ['lutestimator'] })));
    expect(problem!.message).toBe('plugin second: objective lut2: its alias lutestimator is already registered by plugin first@1.0.0, loaded first; keeping that one');
    expect(registry.problems).toHaveLength(1);
  });
});

describe('ObjectiveRegistry plugin contract', () => {
  const useOne = (candidate: unknown, origin?: { name?: string; source?: string }) => {
    const registry = new ObjectiveRegistry();
    const problems = registry.use(candidate, origin);
    expect(registry.problems).toEqual(problems);
    expect(problems).toHaveLength(1);
    return { registry, problem: problems[0]! };
  };

  it('rejects another plugin API version with a clear message', () => {
    const { registry, problem } = useOne({ ...plugin('future', estimator('lut')), meta: { name: 'future', version: '3.1.0', apiVersion: 2 } });
    expect(problem).toMatchObject({ plugin: 'future', kind: 'load', objectives: [] });
    expect(problem.message).toBe('plugin future: version 3.1.0 is written for plugin API version 2, but this hwcost supports plugin API version 1; use a release of future made for API version 1');
    expect(registry.list()).toEqual([]);
  });

  it('rejects a plugin without meta.apiVersion', () => {
    const { problem } = useOne({ meta: { name: 'old', version: '0.1.0' }, register() {} });
    expect(problem.message).toBe('plugin old: declares no meta.apiVersion, but this hwcost supports plugin API version 1; use a release of old made for API version 1');
  });

  it('names a plugin without usable meta by its package name', () => {
    expect(useOne(() => undefined, { name: 'pkg', source: '/x/index.js' }).problem).toEqual({
      plugin: 'pkg',
      source: '/x/index.js',
      kind: 'load',
      objectives: [],
      message: 'plugin pkg: the default export is function, not a plugin object {meta, register}',
    });
    expect(useOne({ register() {} }, { name: 'pkg' }).problem.message).toBe('plugin pkg: the default export lacks meta {name, version, apiVersion}');
  });

  it('rejects a plugin without register', () => {
    expect(useOne({ meta: { name: 'p', version: '1.0.0', apiVersion: 1 } }).problem.message).toBe('plugin p: has no register(container) function');
  });

  it('reports a register that throws, and registers none of its objectives', () => {
    const { registry, problem } = useOne({
      ...plugin('p'),
      register(container: { register: (token: unknown, provider: unknown) => void }) {
        container.register(OBJECTIVE_ESTIMATOR, { useValue: estimator('lut') });
        throw new Error('no license');
      },
    });
    expect(problem.message).toBe('plugin p: register() threw: no license');
    expect(registry.list()).toEqual([]);
  });

  it('reports an asynchronous register without an unhandled rejection', async () => {
    const { problem } = useOne({ ...plugin('p'), register: async () => { throw new Error('late'); } });
    expect(problem.message).toBe('plugin p: register() returned a promise; it must register its objectives synchronously');
    await new Promise((resolve) => setTimeout(resolve, 10));
  });

  it('reports a plugin that registers no objective', () => {
    expect(useOne(plugin('empty')).problem.message).toBe('plugin empty: register() registered no objective under OBJECTIVE_ESTIMATOR');
  });

  it('leaves out an invalid objective, keeps the valid ones, and says why when it is requested', () => {
    const registry = new ObjectiveRegistry();
    const problems = registry.use(plugin('p', estimator('lut', { dimensions: [] }), estimator('a+b'), estimator('ok', { aliases: ['all'] }), estimator('bits')));
    expect(problems.map((p) => [p.kind, p.objectives, p.message])).toEqual([
      ['objective', ['lut'], 'plugin p: objective lut: dimensions must be a non-empty array of names'],
      ['objective', ['a+b'], 'plugin p: objective a+b: invalid id "a+b" (letters, digits, ".", "_", "-"; not "all")'],
      ['objective', ['ok'], 'plugin p: objective ok: aliases must be an array of names like ids, got ["all"]'],
    ]);
    expect(registry.list().map((o) => o.estimator.id)).toEqual(['bits']);
    expect(messageOf(() => registry.get('LUT'))).toBe('objective LUT is unavailable: plugin p: objective lut: dimensions must be a non-empty array of names');
  });
});

describe('estimator results', () => {
  const guarded = (overrides: Partial<ObjectiveEstimator>) => {
    const registry = new ObjectiveRegistry();
    registry.use(plugin('p', estimator('lut', { dimensions: ['LUT', 'FF'], layerResources: () => [1, 2], layerSavings: () => [0, 0], ...overrides })));
    return registry.get('lut');
  };
  const thrown = (run: () => unknown): Error => {
    try {
      run();
    } catch (error) {
      return error as Error;
    }
    throw new Error('expected an error');
  };
  /** The message of a broken contract: a PluginContractError, never mistaken for a decline. */
  const failure = (run: () => unknown) => {
    const error = thrown(run);
    expect([isPluginContractError(error), isDeclined(error)]).toEqual([true, false]);
    return error.message;
  };
  /** The message of a deliberate decline: an EstimatorError, never mistaken for a broken plugin. */
  const decline = (run: () => unknown) => {
    const error = thrown(run);
    expect([isDeclined(error), isPluginContractError(error)]).toEqual([true, false]);
    return error.message;
  };

  it.each([
    ['a wrong length', [1], '[1]'],
    ['NaN', [1, Number.NaN], '[1, NaN]'],
    ['Infinity', [Number.POSITIVE_INFINITY, 1], '[Infinity, 1]'],
    ['a negative number', [1, -1], '[1, -1]'],
    ['a non-integer', [0.5, 1], '[0.5, 1]'],
    ['a string', ['1', 1], '["1", 1]'],
    ['no array', undefined, 'undefined'],
  ])('rejects %s', (_what, value, shown) => {
    const e = guarded({ layerResources: () => value as number[], layerSavings: () => value as number[] });
    expect(failure(() => e.layerResources(layer, context))).toBe(`objective lut, layer fc1: layerResources returned ${shown}; expected 2 non-negative integer(s) (LUT, FF) (plugin p)`);
    expect(failure(() => e.layerSavings(layer, context))).toBe(`objective lut, layer fc1: layerSavings returned ${shown}; expected 2 non-negative integer(s) (LUT, FF) (plugin p)`);
  });

  it('names the plugin, objective, layer and method when an estimator throws', () => {
    const e = guarded({
      isLayerOptimizable: () => {
        throw new TypeError('x is undefined');
      },
    });
    expect(failure(() => e.isLayerOptimizable(layer, context))).toBe('objective lut, layer fc1: isLayerOptimizable threw: x is undefined (plugin p)');
  });

  it('keeps the reason of an EstimatorError the estimator threw on purpose', () => {
    const e = guarded({
      layerResources: (l) => {
        throw new EstimatorError('lut', l.name, 'needs hls4ml attributes');
      },
    });
    expect(decline(() => e.layerResources(layer, context))).toBe('objective lut, layer fc1: needs hls4ml attributes (plugin p)');
  });

  it('checks what isLayerOptimizable returns', () => {
    expect(failure(() => guarded({ isLayerOptimizable: () => ({ optimizable: 'yes' }) as never }).isLayerOptimizable(layer, context))).toBe(
      'objective lut, layer fc1: isLayerOptimizable returned {"optimizable":"yes"}; expected {optimizable, attributes} (plugin p)',
    );
    expect(
      failure(() => guarded({ isLayerOptimizable: () => ({ optimizable: true, attributes: { structureType: 'diagonal' } }) as never }).isLayerOptimizable(layer, context)),
    ).toMatch(/^objective lut, layer fc1: isLayerOptimizable returned invalid attributes: .*unknown structure type "diagonal".* \(plugin p\)$/);
  });

  it('passes well-formed results through', () => {
    const e = guarded({});
    expect(e.layerResources(layer, context)).toEqual([1, 2]);
    expect(e.isLayerOptimizable(layer, context).attributes?.structureType).toBe('unstructured');
  });
});
