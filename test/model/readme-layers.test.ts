import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KERAS_LAYER_KINDS } from '@hwcost/core';
// @ts-expect-error: a plain ES module script without type declarations
import { BEGIN, END, inputsAndLayers } from '../../scripts/readme-layers.mjs';

describe("the README's list of inputs and layer classes", () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

  it('is the one the layer-kind table generates (run `node scripts/readme-layers.mjs` after changing the table)', () => {
    const section = readme.slice(readme.indexOf(BEGIN), readme.indexOf(END) + END.length);
    expect(section).toBe(inputsAndLayers());
  });

  it('names every class of the table', () => {
    for (const className of Object.keys(KERAS_LAYER_KINDS)) expect(readme).toContain(`\`${className}\``);
  });
});
