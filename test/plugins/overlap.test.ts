import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHwcost } from '@hwcost/engine';
import { repoRoot } from '../support/cli.js';

const example = path.join(repoRoot, 'packages', 'cli', 'examples', 'jet-tagging');

describe('runs that overlap in one process', () => {
  it('give stdout and process.exit back once both are done', async () => {
    const { write } = process.stdout;
    const { exit } = process;
    const hw = await createHwcost({ discovery: false });
    const run = () => hw.estimate(path.join(example, 'jet-tagging.json'), { config: path.join(example, 'hls4ml-config.yml'), objectives: 'parameter,hls-dsp' });
    const [a, b] = await Promise.all([run(), run()]);
    expect(a.totals).toEqual(b.totals);
    // Were either left patched, a script's own output would vanish or its exit would throw.
    expect(process.stdout.write).toBe(write);
    expect(process.exit).toBe(exit);
  });
});
