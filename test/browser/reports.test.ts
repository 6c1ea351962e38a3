import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modelWithDeclinedAndUnknownLayers } from '../model/fixtures.js';
import { runHwcost } from '../support/cli.js';
import { chartCensus, launch, openReport, resultsDir, screenshot, type ChartCensus, type PageLog } from './browser.js';

const models = '../shared/conformance/models';

let browser: Browser;
beforeAll(async () => {
  mkdirSync(resultsDir, { recursive: true });
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** Runs hwcost, expecting success; with `--format html --output` the report lands in test-results/. */
function hwcost(...args: string[]): string {
  const result = runHwcost(args);
  expect(result.stderr, args.join(' ')).toBe('');
  expect(result.status, args.join(' ')).toBe(0);
  return result.stdout;
}

function report(name: string, ...args: string[]): string {
  const file = path.join(resultsDir, `${name}.html`);
  hwcost(...args, '--format', 'html', '--output', file);
  return file;
}

/** Opens a report and checks what every report must do: render with no console error and no request. */
async function open(file: string): Promise<{ page: Page; log: PageLog }> {
  const opened = await openReport(browser, file);
  expect(opened.log.errors).toEqual([]);
  expect(opened.log.requests).toEqual([]);
  return opened;
}

const drawn = (chart: ChartCensus) => chart.datasets.reduce((n, d) => n + d.drawn, 0);

/** The text of every cell of the first table in `section` (by its heading), row by row. */
function tableCells(page: Page, heading: string): Promise<string[][]> {
  return page.evaluate((title) => {
    const doc = (globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<{ textContent: string | null; querySelectorAll(s: string): ArrayLike<{ textContent: string | null; querySelectorAll(s: string): ArrayLike<{ textContent: string | null }> }> }> } }).document;
    const section = Array.from(doc.querySelectorAll('section')).find((s) => s.querySelectorAll('h2')[0]?.textContent === title)!;
    return Array.from(section.querySelectorAll('tbody tr')).map((row) => Array.from(row.querySelectorAll('td')).map((td) => td.textContent ?? ''));
  }, heading);
}

interface PlanLayer {
  name: string;
  pruned: boolean;
  weights: number;
  keptWeights: number;
}

interface EstimateJson {
  objectives: { id: string; dimensions: string[] }[];
  layers: { name: string; supported: boolean; weightShape: number[]; estimates: Record<string, { resources: number[] | null }> }[];
}

describe('HTML reports in Chromium', () => {
  it('estimate: one stacked segment per layer and dimension with a share, a sortable settings table', async () => {
    const file = report('estimate', 'estimate');
    const json = JSON.parse(hwcost('estimate', '--format', 'json')) as EstimateJson;
    const { page } = await open(file);
    const [share, ...others] = await chartCensus(page);
    expect(others).toEqual([]);
    expect(share!.type).toBe('bar');
    expect(share!.inked).toBeGreaterThan(0);
    // Each layer with a nonzero figure is a dataset, drawn once per dimension where its figure is nonzero.
    const expected = json.layers
      .map((l) => ({ label: l.name, drawn: json.objectives.flatMap((o) => o.dimensions.map((_d, i) => l.estimates[o.id]?.resources?.[i] ?? 0)).filter((v) => v > 0).length }))
      .filter((d) => d.drawn > 0);
    expect(share!.datasets).toEqual(expected);
    // At least the four Dense layers in every dimension of the first-party objectives.
    expect(drawn(share!)).toBeGreaterThanOrEqual(24);

    const rows = await tableCells(page, 'Layers');
    expect(rows.map((r) => r[0])).toEqual(json.layers.map((l) => l.name));
    expect(rows.find((r) => r[0] === 'fc1')!.slice(2, 7)).toEqual(['ap_fixed<16,6>', 'ap_fixed<16,6>', '4', 'Resource', 'io_parallel']);
    await screenshot(page, 'estimate', { readme: true });
    await page.click('th:text-is("ReuseFactor")');
    const sorted = (await tableCells(page, 'Layers')).map((r) => r[4]).filter((v) => v !== '');
    expect(sorted).toEqual(['2', '4', '8', '8']);
    await page.click('th:text-is("ReuseFactor")');
    const reversed = (await tableCells(page, 'Layers')).map((r) => r[4]).filter((v) => v !== '');
    expect(reversed).toEqual(['8', '8', '4', '2']);
  });

  it('estimate: n/a and unsupported layers are shown, never hidden', async () => {
    const model = path.join(resultsDir, 'odd-model.json');
    writeFileSync(model, JSON.stringify(modelWithDeclinedAndUnknownLayers()));
    const json = JSON.parse(hwcost('estimate', model, '--format', 'json')) as EstimateJson;
    const { page } = await open(report('estimate-na', 'estimate', model));
    const rows = await tableCells(page, 'Layers');
    expect(countNa(json)).toBeGreaterThan(0);
    expect(rows.flat().filter((cell) => cell === 'n/a')).toHaveLength(countNa(json));
    expect(rows.find((r) => r[0] === 'head')![1]).toBe('MyCustomHead (unsupported)');
    const warnings = await page.locator('ul.warnings li').allTextContents();
    expect(warnings.some((w) => w.includes('head (MyCustomHead): class MyCustomHead is not known to hwcost'))).toBe(true);
    expect(warnings.some((w) => /layer bn: not estimated/.test(w))).toBe(true);
    await screenshot(page, 'estimate-na');
  });

  it('plan: before/after/budget per dimension, kept fractions, one mask image per pruned layer', async () => {
    const args = ['plan', `${models}/KERAS_3layer.json`, '--objective', 'vivado-dsp-bram', '--sparsity', '0.5'];
    const json = JSON.parse(hwcost(...args, '--format', 'json'));
    const { page } = await open(report('plan', ...args));
    const charts = await chartCensus(page);
    expect(charts).toHaveLength(json.dimensions.length + 1);
    json.dimensions.forEach((_d: string, m: number) => {
      const figures = [json.before[m], json.after[m], json.budget[m]];
      expect(charts[m]!.datasets.map((d) => d.label)).toEqual(['before', 'after', 'budget']);
      expect(charts[m]!.datasets.map((d) => d.drawn)).toEqual(figures.map((v) => (v > 0 ? 1 : 0)));
    });
    const kept = charts.at(-1)!;
    expect(kept.datasets[0]!.drawn).toBe(json.layers.filter((l: PlanLayer) => l.weights > 0 && l.keptWeights > 0).length);

    const pruned = json.layers.filter((l: PlanLayer) => l.pruned);
    expect(pruned.length).toBeGreaterThan(0);
    const masks = await maskCensus(page);
    expect(masks.map((m) => m.layer)).toEqual(pruned.map((l: PlanLayer) => l.name));
    // The dark (kept) pixels of each image are the weights the layer's mask keeps.
    for (const [i, l] of pruned.entries()) expect(masks[i]!.kept, l.name).toBe(l.keptWeights);
    await screenshot(page, 'plan', { readme: true });
  });

  it('plan: a conv kernel is folded to (kh·kw·cin) × filters', async () => {
    const model = `${models}/KERAS_conv2d_model.json`;
    const shapes = new Map((JSON.parse(hwcost('estimate', model, '--format', 'json')) as EstimateJson).layers.map((l) => [l.name, l.weightShape]));
    const args = ['plan', model, '--objective', 'parameter', '--sparsity', '0.5'];
    const pruned = JSON.parse(hwcost(...args, '--format', 'json')).layers.filter((l: PlanLayer) => l.pruned);
    const { page } = await open(report('plan-conv', ...args));
    const masks = await maskCensus(page);
    expect(masks.map((m) => m.layer)).toEqual(pruned.map((l: PlanLayer) => l.name));
    expect(masks.map((m) => m.layer)).toContain('conv2d_1');
    for (const mask of masks) {
      const shape = shapes.get(mask.layer)!;
      expect([mask.rows, mask.cols], mask.layer).toEqual([shape.slice(0, -1).reduce((a, b) => a * b, 1), shape.at(-1)]);
    }
  });

  it('sweep: every point on the Pareto chart, the front of the two measures shown marked, axes switchable', async () => {
    const args = ['sweep', '--layer', 'fc2', '--objective', 'vivado-dsp-bram,vivado-ff', '--vary', 'ReuseFactor=1,2,4,8,16,32,64', '--vary', 'Precision=ap_fixed<6..16,4>', '--vary', 'Strategy=Latency,Resource'];
    const json = JSON.parse(hwcost(...args, '--format', 'json'));
    const { page } = await open(report('sweep', ...args));
    const measures = ['vivado-dsp-bram:DSP', 'vivado-dsp-bram:BRAM', 'vivado-ff:FF', 'interval'];
    const value = (p: { totals: Record<string, number[]>; interval: number }, m: string) => {
      if (m === 'interval') return p.interval;
      const [id, dim] = m.split(':') as [string, string];
      return p.totals[id]![json.objectives.find((o: { id: string }) => o.id === id).dimensions.indexOf(dim)];
    };
    // The definition, pair by pair: no other point is as good in both and better in one.
    const frontSize = (x: string, y: string) => {
      const v = json.points.map((p: never) => [value(p, x), value(p, y)] as [number, number]);
      return v.filter(([a, b]: [number, number]) => !v.some(([c, d]: [number, number]) => c <= a && d <= b && (c < a || d < b))).length;
    };
    const check = async (x: string, y: string) => {
      const [scatter, ...others] = await chartCensus(page);
      expect(others).toEqual([]);
      expect(scatter!.type).toBe('scatter');
      const [front, rest] = scatter!.datasets;
      expect(front!.drawn, `${x} × ${y}`).toBe(frontSize(x, y));
      expect(front!.drawn + rest!.drawn).toBe(json.points.length);
    };
    // Opens on the first dimension against the interval.
    await check('interval', 'vivado-dsp-bram:DSP');
    expect(frontSize('interval', 'vivado-dsp-bram:DSP')).toBeLessThan(json.points.length);
    await page.selectOption('select >> nth=0', String(measures.indexOf('vivado-ff:FF')));
    await page.selectOption('select >> nth=1', String(measures.indexOf('vivado-dsp-bram:BRAM')));
    await check('vivado-ff:FF', 'vivado-dsp-bram:BRAM');
    await page.selectOption('select >> nth=0', String(measures.indexOf('interval')));
    await page.selectOption('select >> nth=1', String(measures.indexOf('vivado-dsp-bram:DSP')));

    // The table holds the front over every measure, one row per distinct set of figures.
    const front = json.points.filter((p: { pareto: boolean }) => p.pareto);
    const distinct = new Set(front.map((p: never) => measures.map((m) => value(p, m)).join(',')));
    const rows = await tableCells(page, 'Pareto front');
    expect(rows).toHaveLength(distinct.size);
    expect(rows.reduce((n, r) => n + Number(r.at(-1)), 0)).toBe(front.length);
    await screenshot(page, 'sweep', { readme: true });
  });

  it('writes the page to stdout without --output, with a policy that forbids every request', () => {
    const page = hwcost('estimate', '--objective', 'parameter', '--format', 'html');
    expect(page.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(page).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none';`);
    expect(page).not.toMatch(/\b(src|href)=/);
    expect(readFileSync(path.join(resultsDir, 'estimate.html'), 'utf8').length).toBeGreaterThan(200_000);
  });
});

/** n/a cells of an estimate report: every dimension of every objective that declined a supported layer. */
function countNa(json: EstimateJson): number {
  return json.layers
    .filter((l) => l.supported)
    .reduce((n, l) => n + json.objectives.reduce((k, o) => k + (l.estimates[o.id]?.resources === null ? o.dimensions.length : 0), 0), 0);
}

/** Each mask image: its layer, its size, and how many of its pixels are dark (kept). */
function maskCensus(page: Page): Promise<{ layer: string; rows: number; cols: number; kept: number }[]> {
  return page.evaluate(() => {
    interface Canvas {
      width: number;
      height: number;
      dataset: Record<string, string>;
      getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } };
    }
    const doc = (globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<Canvas> } }).document;
    return Array.from(doc.querySelectorAll('canvas.mask-image')).map((canvas) => {
      const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      let kept = 0;
      for (let i = 0; i < pixels.length; i += 4) if (pixels[i]! < 128) kept++;
      return { layer: canvas.dataset.layer!, rows: canvas.height, cols: canvas.width, kept };
    });
  });
}
