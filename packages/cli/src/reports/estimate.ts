import type { ModelEstimate } from '@hwcost/engine';
import { hls4mlSummary, type Diagnostics, type ObjectiveEstimator } from '@hwcost/core';
import type { ImportedModel, ModelLayer } from '@hwcost/model';
import { formatCount, renderTable } from '../output/table.js';
import { csvLine } from './csv.js';

/** The JSON report of `hwcost estimate`. */
export function estimateJson(model: ImportedModel, estimators: readonly ObjectiveEstimator[], result: ModelEstimate, diagnostics: Diagnostics) {
  const byName = new Map(result.layers.map((l) => [l.layer.name, l]));
  return {
    model: { name: model.name, source: model.source },
    objectives: estimators.map((e) => ({ id: e.id, dimensions: [...e.dimensions] })),
    layers: model.layers.map(({ attributes: layer, supported, reason }) => {
      const h = layer.args.hls4ml;
      return {
        name: layer.name,
        type: layer.layerType,
        weightShape: layer.weightShape,
        inputShape: layer.inputShape,
        outputShape: layer.outputShape,
        supported,
        ...(supported ? {} : { reason: reason ?? 'not supported' }),
        hls4ml: h ? hls4mlSummary(h) : null,
        estimates: byName.get(layer.name)?.estimates ?? {},
      };
    }),
    totals: result.totals,
    warnings: diagnostics.lines(),
  };
}

/** One column per objective dimension; `label` is `id\ndimension`. */
export function columns(estimators: readonly ObjectiveEstimator[]): { id: string; index: number; label: string }[] {
  return estimators.flatMap((e) => e.dimensions.map((dimension, index) => ({ id: e.id, index, label: `${e.id}\n${dimension}` })));
}

function unsupportedLine(layer: ModelLayer): string {
  return `${layer.attributes.name} (${layer.attributes.layerType}): ${layer.reason ?? 'not supported'}`;
}

/** Why each layer hwcost does not estimate is left out, one line per layer. */
export function unsupportedReasons(model: ImportedModel): string[] {
  return model.layers.filter((l) => !l.supported).map((l) => `not estimated: ${unsupportedLine(l)}`);
}

/** The terminal table: one row per layer, one column per objective dimension, a totals row. */
export function estimateTable(model: ImportedModel, estimators: readonly ObjectiveEstimator[], result: ModelEstimate, diagnostics: Diagnostics): string {
  const cols = columns(estimators);
  const byName = new Map(result.layers.map((l) => [l.layer.name, l]));
  const rows = model.layers.map(({ attributes: layer, supported }) => {
    const estimate = byName.get(layer.name);
    const values = cols.map((c) => {
      const resources = estimate?.estimates[c.id]!.resources;
      return resources ? formatCount(resources[c.index]!) : estimate ? 'n/a' : '–';
    });
    return [layer.name, supported ? layer.layerType : `${layer.layerType} (unsupported)`, ...values];
  });
  const footer = ['total', '', ...cols.map((c) => formatCount(result.totals[c.id]![c.index]!))];
  const align = ['left', 'left', ...cols.map(() => 'right')] as ('left' | 'right')[];
  let text = `${model.name} (${model.source})\n${renderTable(['layer', 'type', ...cols.map((c) => c.label)], rows, { footer, align })}`;
  const unsupported = model.layers.filter((l) => !l.supported).map(unsupportedLine);
  if (unsupported.length > 0) text += `\nnot estimated (unsupported):${unsupported.map((line) => `\n  - ${line}`).join('')}`;
  if (result.layers.some((l) => Object.values(l.estimates).some((e) => e.error))) text += '\nn/a: the objective does not apply to that layer (see warnings); totals leave it out';
  const warnings = diagnostics.lines();
  if (warnings.length > 0) text += `\n${warnings.length} warning(s):\n${warnings.map((w) => `  - ${w}`).join('\n')}`;
  return text;
}

/** CSV: a header, one line per layer (empty cells for unsupported layers), a totals line. */
export function estimateCsv(model: ImportedModel, estimators: readonly ObjectiveEstimator[], result: ModelEstimate): string {
  const cols = columns(estimators);
  const byName = new Map(result.layers.map((l) => [l.layer.name, l]));
  const lines = [['layer', 'type', 'supported', ...cols.map((c) => c.label.replace('\n', ':'))]];
  for (const { attributes: layer, supported } of model.layers) {
    const estimate = byName.get(layer.name);
    lines.push([layer.name, layer.layerType, String(supported), ...cols.map((c) => String(estimate?.estimates[c.id]!.resources?.[c.index] ?? ''))]);
  }
  lines.push(['total', '', '', ...cols.map((c) => String(result.totals[c.id]![c.index]))]);
  return `${lines.map(csvLine).join('\n')}\n`;
}
