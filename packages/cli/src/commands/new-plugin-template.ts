/** What `hwcost new-plugin` writes: a TypeScript objective plugin package, file by file. */

export interface TemplateOptions {
  /** The package name, e.g. `hwcost-plugin-lut`. */
  name: string;
  /** The objective id, e.g. `lut`. */
  id: string;
  /** The `@hwcost/core` version the plugin is written against. */
  coreVersion: string;
}

/** `lut` → `Lut`, `weight-bits` → `WeightBits`. */
function pascal(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
}

/** Relative path → content of every file of the template. */
export function pluginTemplate({ name, id, coreVersion }: TemplateOptions): Record<string, string> {
  const className = `${pascal(id)}Estimator`;
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
  return {
    'package.json': json({
      name,
      version: '0.1.0',
      description: `hwcost objective plugin: ${id}`,
      type: 'module',
      exports: './dist/index.js',
      types: './dist/index.d.ts',
      files: ['dist'],
      keywords: ['hwcost', 'hwcost-plugin'],
      hwcost: { plugin: './dist/index.js', objectives: [id, className] },
      scripts: { build: 'tsup', test: 'tsup && node --test', prepack: 'tsup' },
      peerDependencies: { '@hwcost/core': `^${coreVersion}` },
      devDependencies: { '@hwcost/core': coreVersion, '@hwcost/testkit': coreVersion, tsup: '8.5.1', typescript: '5.9.3' },
    }),
    'tsconfig.json': json({
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        // Legacy decorators: @injectable() and @inject(TOKEN) on constructor parameters.
        experimentalDecorators: true,
        declaration: true,
        skipLibCheck: true,
        types: [],
        rootDir: 'src',
        outDir: 'dist',
      },
      include: ['src'],
    }),
    'tsup.config.ts': `import { defineConfig } from 'tsup';

// ESM for Node 20 with declarations. Every constructor parameter names its token with @inject, so
// esbuild's legacy decorators suffice (no emitDecoratorMetadata, no @swc/core).
export default defineConfig({ entry: ['src/index.ts'], format: ['esm'], target: 'node20', dts: true, clean: true });
`,
    '.gitignore': 'node_modules/\ndist/\n*.tgz\n',
    'src/index.ts': `import { OBJECTIVE_ESTIMATOR, definePlugin } from '@hwcost/core';
import { ${className} } from './${id}-estimator.js';

export default definePlugin({
  meta: { name: '${name}', version: '0.1.0', apiVersion: 1 },
  register(container) {
    // Created by hwcost's DI container, which injects the constructor's dependencies.
    container.register(OBJECTIVE_ESTIMATOR, { useClass: ${className} });
  },
});
`,
    [`src/${id}-estimator.ts`]: `import {
  DIAGNOSTIC_SINK,
  NOT_OPTIMIZABLE,
  hasWeights,
  inject,
  injectable,
  product,
  prunable,
  removesWeights,
  weightsPerGroup,
  type DiagnosticSink,
  type EstimateContext,
  type LayerAttributes,
  type ObjectiveEstimator,
  type OptimizableResult,
} from '@hwcost/core';

/** Bits assumed for a weight when the layer has no hls4ml precision. */
const DEFAULT_WIDTH = 16;

/**
 * The ${id} objective: bits of weight storage (weights × weight precision width). Replace the
 * model with your own; keep every result one non-negative integer per dimension.
 */
@injectable()
export class ${className} implements ObjectiveEstimator {
  readonly id = '${id}';
  readonly dimensions = ['bits'];
  readonly aliases = ['${className}'];
  readonly description = 'bits of weight storage: weights × weight precision width';

  // Import injectable and inject from @hwcost/core (never from tsyringe), and name every
  // constructor parameter's token with @inject.
  constructor(@inject(DIAGNOSTIC_SINK) private readonly sink: DiagnosticSink) {}

  isLayerOptimizable(layer: LayerAttributes): OptimizableResult {
    return hasWeights(layer) ? prunable('unstructured') : NOT_OPTIMIZABLE;
  }

  layerResources(layer: LayerAttributes): number[] {
    return [hasWeights(layer) ? product(layer.weightShape) * this.width(layer) : 0];
  }

  layerSavings(layer: LayerAttributes, context: EstimateContext): number[] {
    if (!hasWeights(layer) || !removesWeights(layer, context, 'weight bits')) return [0];
    return [weightsPerGroup(layer, this.id) * this.width(layer)];
  }

  /** Bits of one weight: the layer's hls4ml weight precision, else a default, with a warning. */
  private width(layer: LayerAttributes): number {
    const hls4ml = layer.args.hls4ml;
    if (hls4ml) return hls4ml.weightPrecision.width;
    this.sink.warn(\`no hls4ml weight precision; \${DEFAULT_WIDTH} bits assumed\`, { objective: this.id, layer: layer.name });
    return DEFAULT_WIDTH;
  }
}
`,
    [`test/${id}.test.js`]: `// Runs with \`npm test\` (node --test) on the built plugin, through @hwcost/testkit: one test per
// case, and the contract sweep over every layer kind, structure type and precision.
import { testObjective } from '@hwcost/testkit';
import plugin from '../dist/index.js';

const hls4ml = { nIn: 16, nOut: 64, ioType: 'io_parallel', strategy: 'Latency', weightPrecision: 'ap_fixed<8,3>', outputPrecision: 'ap_fixed<16,6>', reuseFactor: 1 };
const dense = { name: 'fc1', layerType: 'Dense', weightShape: [16, 64], inputShape: [16], outputShape: [64], hls4ml };

testObjective(plugin, [
  { name: 'a Dense layer: weights × width; one weight saves its width', layer: dense, resources: [16 * 64 * 8], structure: 'unstructured', savings: [8], warns: false },
  { name: 'a layer without weights costs nothing', layer: { name: 'relu', layerType: 'Activation', inputShape: [64], outputShape: [64] }, resources: [0], optimizable: false },
  { name: 'without hls4ml precision: 16 bits, with a warning', layer: { ...dense, hls4ml: null }, resources: [16 * 64 * 16], warns: /16 bits assumed/ },
]);
`,
    'README.md': `# ${name}

An [hwcost](https://www.npmjs.com/package/@hwcost/cli) objective plugin: \`${id}\`.

    npm install && npm test      # builds with tsup, tests with node --test and @hwcost/testkit
    npm pack                     # → ${name}-0.1.0.tgz, to install beside @hwcost/cli in a project

While developing, from a project that has hwcost installed:

    npx hwcost objectives --strict --no-discovery --plugin ./path/to/${name}
    npx hwcost estimate --plugin ./path/to/${name} --objective ${id}

\`package.json\` declares the plugin's entry and objectives (\`"hwcost"\`), and \`@hwcost/core\` as a
peer dependency: hwcost provides it. Keep \`"hwcost.objectives"\` in step with the ids the plugin
registers: hwcost imports the plugin only for runs that ask for one of them.
`,
  };
}
