import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chartCensus, launch, openReport, resultsDir } from '../browser/browser.js';
import { repoRoot, runHwcost } from '../support/cli.js';

const groundtruth = path.join(repoRoot, '..', 'shared', 'groundtruth');

describe('hwcost compare --format html', () => {
  it('draws csynth beside every estimate per layer and lists the figures with their errors, offline', async () => {
    mkdirSync(resultsDir, { recursive: true });
    const file = path.join(resultsDir, 'compare-pominiq-model_03.html');
    const project = path.join(groundtruth, 'pominiq__DNNonSilicon__model_03-hls4ml_prj');
    const result = runHwcost(['compare', project, '--objective', 'hls-dsp,hls-ff,vivado-dsp', '--format', 'html', '--output', file]);
    expect(result.status, result.stderr).toBe(0);
    const browser = await launch();
    try {
      await checkPage(browser, file);
    } finally {
      await browser.close();
    }
  });
});

/** The page renders offline, draws the DSP chart of three layers and tables the figures with their errors. */
async function checkPage(browser: Awaited<ReturnType<typeof launch>>, file: string): Promise<void> {
  const { page, log } = await openReport(browser, file);
  expect(log.errors).toEqual([]);
  expect(log.requests).toEqual([]);
  const charts = await chartCensus(page);
  // One chart per quantity; the DSP one has csynth and the two DSP objectives.
  const dsp = charts.find((c) => c.datasets.map((d) => d.label).join() === 'csynth,hls-dsp,vivado-dsp')!;
  expect(dsp.datasets.map((d) => d.drawn)).toEqual([3, 3, 3]);
  expect(dsp.inked).toBeGreaterThan(0);
  const rows = await page.evaluate(() => {
    // Runs in the page; the repository compiles without the DOM library.
    interface Node {
      textContent: string | null;
      querySelectorAll(selector: string): ArrayLike<Node>;
    }
    const doc = (globalThis as unknown as { document: Node }).document;
    const section = Array.from(doc.querySelectorAll('section')).find((s) => s.querySelectorAll('h2')[0]?.textContent === 'DSP')!;
    return Array.from(section.querySelectorAll('tbody tr')).map((row) => Array.from(row.querySelectorAll('td')).map((td) => td.textContent ?? ''));
  });
  expect(rows[0]).toEqual(['conv2d', 'Conv2D', '12', '12 (0%)', '12 (0%)']);
  expect(rows.at(-1)!.slice(0, 3)).toEqual(['total', '', '164']);
  await page.close();
}
