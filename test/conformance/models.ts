import path from 'node:path';
import { Diagnostics, hls4mlSummary, errorMessage, type LayerAttributes, type ObjectiveRegistry } from '@hwcost/core';
import { applyHls4mlConfig, loadHls4mlConfig, loadModelFile } from '@hwcost/model';
import { estimateLayer } from '@hwcost/engine';
import { conformanceDir, diff, type Summary } from './harness.js';

interface ExpectedEstimate {
  optimizable: boolean;
  attributes: unknown;
  resources: number[];
  savings: number[] | null;
}

interface ExpectedLayer {
  name: string;
  layerType: string;
  weightShape: number[];
  inputShape: number[];
  outputShape: number[];
  hls4ml: Record<string, unknown> | null;
  estimates: Record<string, ExpectedEstimate>;
}

export interface ModelCase {
  id: string;
  model: string;
  config: string;
  layers: ExpectedLayer[];
  totals: Record<string, number[]>;
}

/** The layer as models.json describes it; strategy lower-cased, as the README matches it case-insensitively. */
function described(layer: LayerAttributes) {
  const h = layer.args.hls4ml;
  return {
    layerType: layer.layerType,
    weightShape: layer.weightShape,
    inputShape: layer.inputShape,
    outputShape: layer.outputShape,
    hls4ml: h ? { ...hls4mlSummary(h), strategy: h.strategy.toLowerCase() } : null,
  };
}

function expectedDescription(layer: ExpectedLayer) {
  const { hls4ml } = layer;
  return {
    layerType: layer.layerType,
    weightShape: layer.weightShape,
    inputShape: layer.inputShape,
    outputShape: layer.outputShape,
    hls4ml: hls4ml ? { ...hls4ml, strategy: String(hls4ml.strategy).toLowerCase() } : null,
  };
}

/** Checks one case: imports model and config, estimates every listed layer with every objective. */
async function checkCase(c: ModelCase, registry: ObjectiveRegistry): Promise<string[]> {
  const problems: string[] = [];
  const diagnostics = new Diagnostics();
  const imported = await loadModelFile(path.join(conformanceDir, c.model));
  const model = applyHls4mlConfig(imported, await loadHls4mlConfig(path.join(conformanceDir, c.config)), diagnostics);
  const totals: Record<string, number[]> = {};
  for (const expected of c.layers) {
    const layer = model.layers.find((l) => l.attributes.name === expected.name)?.attributes;
    if (!layer) {
      problems.push(`layer ${expected.name} is missing`);
      continue;
    }
    const d = diff(described(layer), expectedDescription(expected));
    if (d) problems.push(`${expected.name}: ${d}`);
    for (const [id, want] of Object.entries(expected.estimates)) {
      const got = estimateLayer(layer, registry.get(id), diagnostics);
      const e = diff({ optimizable: got.optimizable, attributes: got.optimization, resources: got.resources, savings: got.savings }, want);
      if (e) problems.push(`${expected.name} ${id}: ${e}`);
      totals[id] = (got.resources ?? []).map((v, i) => v + (totals[id]?.[i] ?? 0));
    }
  }
  const t = diff(totals, c.totals, 'totals');
  if (t) problems.push(t);
  return problems;
}

/** Runs models.json cases: shapes, resolved hls4ml attributes and per-objective estimates of every listed layer, and the totals. */
export async function runModelCases(cases: ModelCase[], registry: ObjectiveRegistry): Promise<Summary> {
  const failures: string[] = [];
  for (const c of cases) {
    let problems: string[];
    try {
      problems = await checkCase(c, registry);
    } catch (error) {
      problems = [errorMessage(error)];
    }
    if (problems.length > 0) failures.push(`${c.id}: ${problems.join('; ')}`);
  }
  return { total: cases.length, failures };
}
