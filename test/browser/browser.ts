import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { repoRoot } from '../support/cli.js';

/** Debian's chromium, driven by playwright-core (which downloads no browser of its own). */
export const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Where reports and screenshots go for a person to look at (gitignored). */
export const resultsDir = path.join(repoRoot, 'test-results');
/** Screenshots the README shows, refreshed when HWCOST_DOCS_IMAGES=1. */
const docsImages = path.join(repoRoot, 'docs', 'images');

export async function launch(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium); .ci/run does`);
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

/** What a page did while it loaded: console errors, uncaught exceptions, and every request but the page itself. */
export interface PageLog {
  errors: string[];
  requests: string[];
}

/**
 * Opens a report file offline: every request other than the file itself is recorded and refused,
 * console errors and uncaught exceptions are recorded, and the page is awaited until its script
 * says it has rendered.
 */
export async function openReport(browser: Browser, file: string): Promise<{ page: Page; log: PageLog }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, offline: true });
  const page = await context.newPage();
  const url = pathToFileURL(file).href;
  const log: PageLog = { errors: [], requests: [] };
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') log.errors.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => log.errors.push(`page error: ${error.message}`));
  page.on('request', (request) => {
    if (request.url() !== url) log.requests.push(request.url());
  });
  await context.route('**/*', (route) => (route.request().url() === url ? route.continue() : route.abort()));
  await page.goto(url);
  await page.waitForSelector('html[data-rendered="true"]', { timeout: 15_000 });
  return { page, log };
}

/** Per chart on the page, per dataset: its label and how many of its elements were drawn with a size (bars) or inside the plot (points). */
export interface ChartCensus {
  id: string;
  type: string;
  datasets: { label: string; drawn: number }[];
  /** Pixels of the canvas that are not blank: a chart that drew nothing has none. */
  inked: number;
}

export function chartCensus(page: Page): Promise<ChartCensus[]> {
  // Runs in the page; the repository compiles without the DOM library, so the little it uses is typed here.
  return page.evaluate(() => {
    interface Canvas {
      id: string;
      width: number;
      height: number;
      getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } };
    }
    interface Element {
      skip?: boolean;
      getProps(names: string[], final: boolean): { x: number; y: number; base?: number; horizontal?: boolean };
    }
    interface ChartInstance {
      config: { type: string };
      chartArea: { left: number; right: number; top: number; bottom: number };
      data: { datasets: { label: string }[] };
      getDatasetMeta(i: number): { data: Element[] };
    }
    const page = globalThis as unknown as { document: { querySelectorAll(selector: string): ArrayLike<Canvas> }; Chart: { getChart(canvas: Canvas): ChartInstance } };
    return Array.from(page.document.querySelectorAll('figure.chart canvas')).map((canvas) => {
      const chart = page.Chart.getChart(canvas);
      const area = chart.chartArea;
      const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      let inked = 0;
      for (let i = 3; i < pixels.length; i += 4) if (pixels[i]! > 0) inked++;
      const datasets = chart.data.datasets.map((dataset, i) => {
        const drawn = chart.getDatasetMeta(i).data.filter((element) => {
          if (element.skip) return false;
          const p = element.getProps(['x', 'y', 'base', 'horizontal'], true);
          if (!Number.isFinite(p.x) || !Number.isFinite(p.y)) return false;
          if (chart.config.type === 'bar') return (p.horizontal ? Math.abs(p.x - p.base!) : Math.abs(p.y - p.base!)) > 0.5;
          return p.x >= area.left - 1 && p.x <= area.right + 1 && p.y >= area.top - 1 && p.y <= area.bottom + 1;
        }).length;
        return { label: dataset.label, drawn };
      });
      return { id: canvas.id, type: chart.config.type, datasets, inked };
    });
  });
}

/** Saves a full-page screenshot under test-results/ (and, for the README's, docs/images/ when HWCOST_DOCS_IMAGES=1). */
export async function screenshot(page: Page, name: string, options: { readme?: boolean } = {}): Promise<string> {
  mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  if (options.readme && process.env.HWCOST_DOCS_IMAGES === '1') {
    mkdirSync(docsImages, { recursive: true });
    copyFileSync(file, path.join(docsImages, `${name}.png`));
  }
  return file;
}
