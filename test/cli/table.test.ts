import { describe, expect, it } from 'vitest';
import { renderTable } from '../../packages/cli/src/output/table.js';

// Tables are drawn by hwcost itself (cli-table3 took a tenth of a run); they look as cli-table3's
// compact style did, which the README and users' scripts have seen.

describe('renderTable', () => {
  it('draws the header, the rows and a footer, numbers right-aligned after the first column', () => {
    expect(renderTable(['layer', 'DSP'], [['fc1', 1024], ['output', 5]], { footer: ['total', '1,029'] })).toBe(
      [
        '┌────────┬───────┐',
        '│ layer  │   DSP │',
        '├────────┼───────┤',
        '│ fc1    │  1024 │',
        '│ output │     5 │',
        '│ total  │ 1,029 │',
        '└────────┴───────┘',
      ].join('\n'),
    );
  });

  it('puts a cell of several lines on as many lines, top-aligned, and counts characters, not bytes', () => {
    expect(renderTable(['layer', 'hls-dsp\nDSP'], [['dense_μ', '—']], { align: ['left', 'left'] })).toBe(
      [
        '┌─────────┬─────────┐',
        '│ layer   │ hls-dsp │',
        '│         │ DSP     │',
        '├─────────┼─────────┤',
        '│ dense_μ │ —       │',
        '└─────────┴─────────┘',
      ].join('\n'),
    );
  });

  it('draws a header alone when there are no rows', () => {
    expect(renderTable(['objective', 'plugin'], [])).toBe(['┌───────────┬────────┐', '│ objective │ plugin │', '└───────────┴────────┘'].join('\n'));
  });
});
