import path from 'node:path';
import type { HlsProject } from './project.js';
import type { Resources } from './reports/resources.js';

/** What `compare` sets side by side, in csynth's units (BRAM in 18 Kb blocks, latency in cycles). */
export const QUANTITIES = ['DSP', 'BRAM', 'FF', 'LUT', 'latency'] as const;
export type Quantity = (typeof QUANTITIES)[number];

/** An objective dimension's name → the quantity it estimates, or undefined (parameters, FLOPs). */
export function quantityOf(dimension: string): Quantity | undefined {
  const name = dimension.trim().toUpperCase();
  if (name === 'DSP') return 'DSP';
  if (name === 'BRAM' || name === 'BRAM_18K' || name === 'BRAM18') return 'BRAM';
  if (name === 'FF') return 'FF';
  if (name === 'LUT') return 'LUT';
  if (name === 'CYCLES' || name === 'LATENCY') return 'latency';
  return undefined;
}

/** The objectives compared: their ids and dimensions. */
export interface ComparedObjective {
  id: string;
  dimensions: readonly string[];
}

/** An objective's per-layer results: one value per dimension, or null where it declined the layer. */
export type LayerResults = Record<string, readonly number[] | null>;

/** Figures per quantity; a quantity a source does not give is absent. */
export type Figures = Partial<Record<Quantity, number>>;

/** One row of the comparison: a layer (or the total), what each objective says and what the tools said. */
export interface ComparisonRow {
  name: string;
  type: string;
  csynth: Figures | null;
  estimates: Record<string, Figures>;
  /** Relative errors against csynth, per objective and quantity. */
  errors: Record<string, Figures>;
}

/** The comparison of one project. */
export interface Comparison {
  project: {
    dir: string;
    name: string;
    tool?: string;
    version?: string;
    part?: string;
    ioType?: string;
    layerSource: HlsProject['layerSource'];
    weightsFile?: string;
    csynthSource?: string;
  };
  objectives: { id: string; dimensions: string[]; quantities: Partial<Record<Quantity, number>> }[];
  layers: ComparisonRow[];
  /** csynth figures no layer could be given (top-level registers, muxes, unmatched instances). */
  unattributed: Figures | null;
  total: ComparisonRow & {
    synth: Figures | null;
    /** Relative errors against logic synthesis, per objective and quantity. */
    synthErrors: Record<string, Figures>;
    /** Objectives that declined some layers: their totals leave those layers out. */
    partial: string[];
  };
  missing: string[];
  notes: string[];
}

/**
 * Relative error of an estimate: (estimate − actual) / actual. A report of 0 counts as 1, so that
 * an estimate of 3 BRAM where csynth says 0 is off by 300 % rather than infinitely.
 */
export function relativeError(estimate: number, actual: number): number {
  return (estimate - actual) / Math.max(1, Math.abs(actual));
}

function figuresOf(resources: Resources, latency?: number): Figures {
  const f: Figures = {};
  if (resources.DSP !== undefined) f.DSP = resources.DSP;
  if (resources.BRAM_18K !== undefined) f.BRAM = resources.BRAM_18K;
  if (resources.FF !== undefined) f.FF = resources.FF;
  if (resources.LUT !== undefined) f.LUT = resources.LUT;
  if (latency !== undefined) f.latency = latency;
  return f;
}

function errorsOf(estimates: Record<string, Figures>, actual: Figures | null): Record<string, Figures> {
  const errors: Record<string, Figures> = {};
  for (const [id, figures] of Object.entries(estimates)) {
    errors[id] = {};
    for (const q of QUANTITIES) {
      const e = figures[q];
      const a = actual?.[q];
      if (e !== undefined && a !== undefined) errors[id]![q] = relativeError(e, a);
    }
  }
  return errors;
}

/**
 * Whether layer latencies add up: io_parallel designs run their layers one after another, while
 * io_stream designs are dataflow pipelines whose latency is about their slowest layer's.
 */
function latenciesOverlap(project: HlsProject): boolean {
  const stream = project.layers.filter((l) => (l.args.hlsFirmware as { ioType?: string } | undefined)?.ioType === 'io_stream').length;
  return project.settings.ioType === 'io_stream' || stream > project.layers.length / 2;
}

/**
 * Sets a project's estimates beside its reports: per layer, the csynth figures attributed to it;
 * in total, the top-level csynth figures and, when present, logic synthesis (its BRAM counted as
 * twice its 36 Kb tiles). `results` holds each layer's objective results by layer name.
 */
export function compareProject(project: HlsProject, objectives: readonly ComparedObjective[], results: ReadonlyMap<string, LayerResults>): Comparison {
  const columns = objectives.map((o) => {
    const quantities: Partial<Record<Quantity, number>> = {};
    o.dimensions.forEach((d, i) => {
      const q = quantityOf(d);
      if (q && quantities[q] === undefined) quantities[q] = i;
    });
    return { id: o.id, dimensions: [...o.dimensions], quantities };
  });
  const overlap = latenciesOverlap(project);
  const totals: Record<string, Figures> = Object.fromEntries(columns.map((c) => [c.id, {}]));
  const partial = new Set<string>();
  const layers = project.layers.map((layer): ComparisonRow => {
    const figures = project.attribution?.layers.get(layer.name);
    const csynth = figures ? figuresOf(figures.resources, figures.latency) : null;
    const estimates: Record<string, Figures> = {};
    for (const c of columns) {
      const values = results.get(layer.name)?.[c.id];
      estimates[c.id] = {};
      if (!values) {
        partial.add(c.id);
        continue;
      }
      for (const [q, i] of Object.entries(c.quantities) as [Quantity, number][]) {
        const v = values[i]!;
        estimates[c.id]![q] = v;
        const sum = totals[c.id]![q] ?? 0;
        totals[c.id]![q] = q === 'latency' && overlap ? Math.max(sum, v) : sum + v;
      }
    }
    return { name: layer.name, type: layer.layerType, csynth, estimates, errors: errorsOf(estimates, csynth) };
  });
  const top = project.reports.csynth?.module;
  const csynthTotal = top ? figuresOf(top.resources, top.timing.latencyWorst) : null;
  const synth = project.reports.synth;
  const synthTotal: Figures | null = synth
    ? {
        ...(synth.DSP === undefined ? {} : { DSP: synth.DSP }),
        ...(synth.bram18kEquivalent === undefined ? {} : { BRAM: synth.bram18kEquivalent }),
        ...(synth.FF === undefined ? {} : { FF: synth.FF }),
        ...(synth.LUT === undefined ? {} : { LUT: synth.LUT }),
      }
    : null;
  let unattributed: Figures | null = null;
  if (csynthTotal && project.attribution) {
    unattributed = {};
    for (const q of ['DSP', 'BRAM', 'FF', 'LUT'] as const) {
      const attributed = layers.reduce((sum, l) => sum + (l.csynth?.[q] ?? 0), 0);
      if (csynthTotal[q] !== undefined) unattributed[q] = csynthTotal[q]! - attributed;
    }
  }
  const csynth = project.reports.csynth;
  return {
    project: {
      dir: project.dir,
      name: path.basename(path.resolve(project.dir)),
      ...(csynth ? { tool: csynth.tool } : {}),
      ...(csynth?.version ? { version: csynth.version } : {}),
      ...(csynth?.part ?? project.settings.part ? { part: (csynth?.part ?? project.settings.part)! } : {}),
      ...(project.settings.ioType ? { ioType: project.settings.ioType } : {}),
      layerSource: project.layerSource,
      ...(project.weightsFile ? { weightsFile: project.weightsFile } : {}),
      ...(project.attribution ? { csynthSource: project.attribution.source } : {}),
    },
    objectives: columns,
    layers,
    unattributed,
    total: {
      name: 'total',
      type: '',
      csynth: csynthTotal,
      estimates: totals,
      errors: errorsOf(totals, csynthTotal),
      synth: synthTotal,
      synthErrors: errorsOf(totals, synthTotal),
      partial: [...partial].filter((id) => project.layers.length > 0),
    },
    missing: project.missing,
    notes: project.notes,
  };
}
