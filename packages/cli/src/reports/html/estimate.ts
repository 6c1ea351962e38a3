import { formatPrecision, type Diagnostics, type ObjectiveEstimator } from '@hwcost/core';
import type { ModelEstimate } from '@hwcost/engine';
import type { ImportedModel } from '@hwcost/model';
import { formatCount } from '../../output/table.js';
import { columns } from '../estimate.js';
import { chart, figures, section, table, warnings, type Cell, type ShareChart } from './blocks.js';
import { html } from './markup.js';
import { renderPage } from './page.js';
import type { Provenance } from './provenance.js';

const count = (value: number): Cell => ({ text: formatCount(value), sort: value });

/**
 * The HTML report of `hwcost estimate`: totals, each layer's share of every dimension as stacked
 * bars, a sortable table of the settings each layer resolved to and its figures (`n/a` where an
 * objective declined it, with the reason), the warnings and what made the report.
 */
export function estimateHtml(model: ImportedModel, estimators: readonly ObjectiveEstimator[], result: ModelEstimate, diagnostics: Diagnostics, made: Provenance): string {
  const cols = columns(estimators).map((c) => ({ ...c, name: c.label.replace('\n', ':') }));
  const byName = new Map(result.layers.map((l) => [l.layer.name, l]));
  const totals = cols.map((c) => result.totals[c.id]![c.index]!);

  const share: ShareChart = {
    kind: 'share',
    categories: cols.map((c) => c.name),
    totals,
    series: result.layers
      .map(({ layer, estimates }) => ({ label: layer.name, values: cols.map((c) => estimates[c.id]!.resources?.[c.index] ?? null) }))
      .filter((s) => s.values.some((v) => v !== null && v > 0)),
  };

  const rows = model.layers.map(({ attributes: layer, supported, reason }) => {
    const h = layer.args.hls4ml;
    const estimate = byName.get(layer.name);
    const settings: (Cell | string)[] = h
      ? [formatPrecision(h.weightPrecision), formatPrecision(h.outputPrecision), count(h.reuseFactor), h.strategy, h.ioType]
      : ['', '', '', '', ''];
    const values = cols.map((c): Cell => {
      if (!estimate) return { text: '–', className: 'na', title: reason ?? 'not supported' };
      const e = estimate.estimates[c.id]!;
      return e.resources ? count(e.resources[c.index]!) : { text: 'n/a', className: 'na', title: e.error ?? 'not estimated' };
    });
    const type: Cell = supported ? { text: layer.layerType } : { text: `${layer.layerType} (unsupported)`, className: 'na', title: reason ?? 'not supported' };
    return [layer.name, type, ...settings, ...values];
  });
  const head = ['layer', 'type', 'weight precision', 'result precision', 'ReuseFactor', 'strategy', 'IO type', ...cols.map((c) => c.name)];
  const numeric = head.map((_h, i) => i === 4 || i >= 7);

  const unsupported = model.layers.filter((l) => !l.supported);
  const notes = [
    ...unsupported.map((l) => `not estimated: ${l.attributes.name} (${l.attributes.layerType}): ${l.reason ?? 'not supported'}`),
    ...diagnostics.lines(),
  ];
  const declined = result.layers.some((l) => Object.values(l.estimates).some((e) => e.error));

  return renderPage({
    title: `hwcost estimate: ${model.name}`,
    heading: `Estimate of ${model.name}`,
    lead: html`${model.source} &mdash; objectives ${estimators.map((e) => e.id).join(', ')}`,
    provenance: made,
    sections: [
      section('Totals', figures(cols.map((c, i) => ({ label: c.name, value: formatCount(totals[i]!) })))),
      section(
        "Each layer's share, per dimension",
        chart(share, 60 + 34 * share.categories.length + 18 * Math.ceil(share.series.length / 6), 'share of the total (%), per dimension; hover for the figures'),
        declined ? html`<p class="quiet">n/a: an objective does not apply to a layer (see warnings); totals and shares leave it out.</p>` : null,
      ),
      section('Layers', table(head, rows, { numeric, caption: 'settings each layer resolved to, and its figures; click a header to sort' })),
      section('Warnings', warnings(notes)),
    ],
  });
}
