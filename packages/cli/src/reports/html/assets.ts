import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { nearestPackageDir } from '@hwcost/engine';

/** What every report page inlines: the chart library, the page's script and its styles. */
export interface PageAssets {
  chartJs: string;
  script: string;
  style: string;
}

let cached: PageAssets | undefined;

/**
 * Reads the assets once per process: Chart.js's browser bundle (UMD, defines `Chart`) from the
 * installed chart.js package, whose exports name no bundle, so it is found beside its main module;
 * the page script and styles from this package's `assets/html`.
 */
export function pageAssets(): PageAssets {
  if (cached) return cached;
  const chartMain = createRequire(import.meta.url).resolve('chart.js');
  const packageDir = nearestPackageDir(path.dirname(fileURLToPath(import.meta.url)))!;
  const asset = (name: string) => readFileSync(path.join(packageDir, 'assets', 'html', name), 'utf8');
  cached = {
    chartJs: readFileSync(path.join(path.dirname(chartMain), 'chart.umd.js'), 'utf8'),
    script: asset('report.js'),
    style: asset('report.css'),
  };
  return cached;
}
