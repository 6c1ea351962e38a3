import type { Diagnostics, ObjectiveEstimator } from '@hwcost/core';
import type { ClassKnapsackResult, ItemClass } from '@hwcost/knapsack';
import type { Prunable } from './formulation.js';
import type { Knapsack, Posed } from './pose.js';
import type { Reestimate } from './reestimate.js';
import { SEGMENTS, keepTop, measureSegments, segmentClasses, segmentLayer, type SegmentedLayer } from './segments.js';

/**
 * At most this many knapsacks are solved for a plan whose objective re-estimates the pruned
 * kernels (each followed by one re-estimate of the model), each after correcting every pruned
 * layer's costs by what the objective measured for the last plan. Measured on the golden projects
 * planned with hls-dsp at sparsity 0.5, global and local: where the solves reach the budget, the
 * first plan within it came by the third solve, mostly within {@link SLACK} of it by the second
 * (tutorial: 735 of 737 DSP); the slowest still moved by a DSP or two at the eighth. Eight bound a
 * plan to eight re-estimates past the measuring ones; a 4-million-weight synthetic model took 14 s.
 */
export const MAX_ROUNDS = 8;

/**
 * When no round ends within budget, at most this many more solves bisect the share of the capacity
 * the knapsack may fill (1/64 resolution), and the plan removing everything removable comes last.
 */
export const NARROWING_STEPS = 6;

/**
 * Re-estimated costs reach the knapsack as integers scaled so that the smallest positive cost per
 * group is at least this many units: rounding each group up then overstates a layer's cost by
 * under 1%, which only makes a plan keep slightly less than it could.
 */
const COST_RESOLUTION = 100;

/**
 * A plan within budget that leaves less than this share of every re-estimated limit unused (or
 * one unit, for small limits) ends the solves early: the rest could keep little more importance.
 */
const SLACK = 0.01;

/** One plan tried (a solve of the knapsacks, or a share of every layer's groups) and what the objective re-estimated for it. */
export interface Round {
  kept: Map<string, Uint8Array>;
  solves: ClassKnapsackResult[];
  /** Per layer, the re-estimated figure of each re-estimated dimension (null in the others); null for a layer without figures or a plan without re-estimates. */
  figures: Figures;
  /** How far the re-estimated figures end above the knapsacks' limits, each relative to its limit; 0 within budget. */
  excess: number;
  value: number;
  warnings: Diagnostics | null;
}

/** The most valuable plan within budget by the re-estimates, else the one least above it. */
export function bestRound(tried: readonly Round[]): Round {
  return tried.reduce((best, r) => (r.excess < best.excess || (r.excess === best.excess && r.value > best.value) ? r : best));
}

/** The kept importance of a plan, each layer's groups normalised by its largest, as the hwcost formulation values them. */
export function keptValue(prunable: readonly Prunable[], kept: ReadonlyMap<string, Uint8Array>): number {
  let value = 0;
  for (const { name, groups } of prunable) {
    const flags = kept.get(name)!;
    const read = groups.importanceOver(groups.max > 0 ? groups.max : 1);
    for (let g = 0; g < flags.length; g++) if (flags[g]) value += read(g);
  }
  return value;
}

/** Tells plans apart: kept counts and an FNV-1a hash of the kept flags. */
export function fingerprint(kept: readonly Uint8Array[]): string {
  let hash = 0x811c9dc5;
  for (const flags of kept) for (let g = 0; g < flags.length; g++) hash = Math.imul(hash ^ flags[g]!, 0x01000193);
  return `${kept.map(keptCount).join(',')}:${hash >>> 0}`;
}

export function keptCount(kept: Uint8Array): number {
  let n = 0;
  for (let g = 0; g < kept.length; g++) n += kept[g]!;
  return n;
}

/**
 * Measures every pruned layer's cost curve: the objective re-estimates the model with each layer
 * keeping its most important groups up to each segment boundary (all layers at once, one
 * re-estimate per inner boundary); the ends are known (`floors`: nothing kept; the layer's
 * resources: everything kept).
 */
export function measureCurves(
  prunable: readonly Prunable[],
  floors: readonly (number[] | null)[],
  measured: readonly boolean[],
  measure: (kept: ReadonlyMap<string, Uint8Array>) => Reestimate,
): Map<string, SegmentedLayer> {
  const segments = new Map(prunable.map((p) => [p.name, segmentLayer(p)]));
  const prefix = new Map(prunable.map((p) => [p.name, [floors[p.index]!]]));
  for (let j = 1; j < SEGMENTS; j++) {
    const { figures } = measure(new Map(prunable.map((p) => [p.name, keepTop(segments.get(p.name)!, segments.get(p.name)!.bounds[j]!)])));
    for (const p of prunable) prefix.get(p.name)!.push(figures[p.index]!);
  }
  for (const p of prunable) measureSegments(segments.get(p.name)!, [...prefix.get(p.name)!, p.before], measured);
  return segments;
}

/**
 * The knapsack of one round over the members' segments: in re-estimated rows a group weighs its
 * segment's measured cost times the layer's correction and the capacity is the limit less the
 * members' cost with nothing kept and the fixed layers' latest figures, times `share`, all scaled
 * to integers ({@link COST_RESOLUTION}); other rows are as posed.
 */
export function segmentedKnapsack(
  knapsack: Knapsack,
  layers: readonly SegmentedLayer[],
  measured: readonly boolean[],
  correction: ReadonlyMap<string, number[]>,
  current: readonly (number[] | null)[],
  share: number,
): { classes: ItemClass[]; capacity: number[] } {
  const scale = knapsack.rows.map((m) => {
    if (!measured[m]) return 1;
    let least = Infinity;
    let total = 0;
    for (const s of layers) {
      s.perGroup.forEach((cost, j) => {
        const c = cost[m]! * correction.get(s.layer.name)![m]!;
        if (c > 0) least = Math.min(least, c);
        total += c * (s.bounds[j + 1]! - s.bounds[j]!);
      });
    }
    // Scaled totals stay far below 2^53, where integers stop being exact.
    return Math.max(1, Math.min(least === Infinity ? 1 : COST_RESOLUTION / least, 2 ** 40 / Math.max(1, total)));
  });
  const classes = layers.flatMap((s) => segmentClasses(s, knapsack.rows, measured, correction.get(s.layer.name)!, scale));
  const capacity = knapsack.rows.map((m, row) => {
    if (!measured[m]) return knapsack.capacity[row]!;
    const fixed = knapsack.fixed.reduce((sum, i) => sum + current[i]![m]!, 0);
    const floors = layers.reduce((sum, s) => sum + s.floor[m]!, 0);
    return Math.max(0, Math.floor(share * (knapsack.limits[m]! - fixed - floors) * scale[row]! + 1e-9));
  });
  return { classes, capacity };
}

export type Figures = readonly ((number | null)[] | null)[];

/** The re-estimated figure of dimension `m` summed over a knapsack's members and fixed layers. */
export function scopeTotal(knapsack: Knapsack, figures: Figures, m: number): number {
  return [...knapsack.fixed, ...knapsack.members.map((p) => p.index)].reduce((t, i) => t + (figures[i]?.[m] ?? 0), 0);
}

/** How far a knapsack's layers end above its limits in the re-estimated dimensions, each relative to its limit. */
export function excessOf(knapsack: Knapsack, figures: Figures, measured: readonly boolean[]): number {
  return knapsack.rows.reduce((sum, m) => (measured[m] ? sum + Math.max(0, scopeTotal(knapsack, figures, m) - knapsack.limits[m]!) / Math.max(1, knapsack.limits[m]!) : sum), 0);
}

/** Whether a knapsack's layers leave at most {@link SLACK} (or one unit) of every re-estimated limit unused. */
export function nearlyFull(knapsack: Knapsack, figures: Figures, measured: readonly boolean[]): boolean {
  return knapsack.rows.every((m) => !measured[m] || knapsack.limits[m]! - scopeTotal(knapsack, figures, m) <= Math.max(1, SLACK * knapsack.limits[m]!));
}

/** Why no plan was found within budget although removing everything reaches it. */
export function unsettled(objective: ObjectiveEstimator, posed: Posed, chosen: Round, solves: number): string {
  const dims = objective.dimensions;
  const parts = posed.knapsacks.flatMap((k) =>
    k.rows.flatMap((m) => {
      const total = scopeTotal(k, chosen.figures, m);
      return total > k.limits[m]! ? [`${k.scope}: ${dims[m]}=${total} (budget ${k.limits[m]}, smallest reachable ${k.floor[m]})`] : [];
    }),
  );
  return `no plan within the budget by objective ${objective.id}'s estimate of the pruned kernels after ${solves} solve(s): closest ${parts.join(', ')}`;
}
