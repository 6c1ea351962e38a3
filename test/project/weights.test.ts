import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { layerAttributes } from '@hwcost/core';
import { matchWeights, readProject } from '@hwcost/project';
import { repoRoot } from '../support/cli.js';

const groundtruth = path.join(repoRoot, '..', 'shared', 'groundtruth');
const kernel = (shape: number[], fill: number) => ({ shape, data: new Float32Array(shape.reduce((a, b) => a * b, 1)).fill(fill) });
const layer = (name: string, weightShape: number[]) => layerAttributes({ name, layerType: weightShape.length ? 'Dense' : 'Activation', weightShape });

describe('kernels matched to the synthesised layers', () => {
  it('by name, else in call order with the first kernel left over of the same shape', () => {
    const weights = new Map([
      ['conv1d', kernel([3, 9, 16], 1)],
      ['dense', kernel([16, 6], 2)],
      ['fc2', kernel([6, 6], 3)],
      ['dense_1', kernel([6, 6], 4)],
      ['unused', kernel([2, 2], 5)],
    ]);
    const layers = [layer('conv1', [3, 9, 16]), layer('act', []), layer('fc1', [16, 6]), layer('fc2', [6, 6]), layer('fc3', [6, 6]), layer('fc4', [7, 7])];
    const matched = matchWeights(layers, weights);
    expect(Object.fromEntries([...matched.weights].map(([name, w]) => [name, w.data[0]]))).toEqual({ conv1: 1, fc1: 2, fc2: 3, fc3: 4 });
    expect(matched.renamed).toEqual(['conv1 ← conv1d', 'fc1 ← dense', 'fc3 ← dense_1']);
  });

  it('reads the kernels of a .keras archive of tf.keras 2.14 under the firmware layer names (Vitis HLS conv1d project)', async () => {
    const project = await readProject(path.join(groundtruth, 'seanlipps__ECE226_CoDesign__model_1-hls4ml_prj__5d10485'));
    expect(project.layers.filter((l) => l.weightShape.length > 0).map((l) => `${l.name}:${project.weights?.get(l.name)?.shape.join('x')}`)).toEqual(['conv1:3x9x16', 'dense_4:16x6']);
  });
});
