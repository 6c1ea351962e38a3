import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { nearestPackageDir, type ModelInput } from '@hwcost/engine';

/** The bundled example's hls4ml config, which ships with the CLI package (its "files" include examples). */
function bundledExampleConfig(): string {
  const packageDir = nearestPackageDir(path.dirname(fileURLToPath(import.meta.url))) ?? process.cwd();
  const config = path.join(packageDir, 'examples', 'jet-tagging', 'hls4ml-config.yml');
  const relative = path.relative(process.cwd(), config);
  return relative.startsWith('..') || path.isAbsolute(relative) ? config : relative;
}

/** A command's model input: with neither a model nor a config, the bundled jet-tagging example. */
export function withBundledExample(input: ModelInput): ModelInput {
  return input.model === undefined && input.config === undefined ? { config: bundledExampleConfig() } : input;
}
