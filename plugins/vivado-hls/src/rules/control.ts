import type { HlsLayer } from '../layer.js';
import type { ControlCosts, LoopKind } from './calibration.js';
import type { MultiplierPlan } from './multipliers.js';

/**
 * Rule "loops cost control": the loop a layer runs, if any (see {@link LoopKind}). A fully unrolled
 * io_parallel layer runs none: it is pure datapath.
 */
export function loopKind(layer: HlsLayer, plan: MultiplierPlan | undefined): LoopKind | undefined {
  if (plan && layer.strategy === 'Resource') return 'resource';
  if (layer.io !== 'io_stream') return plan?.shared && layer.strategy === 'Latency' ? 'shared' : undefined;
  if (plan) return 'products';
  return layer.role === 'pooling' ? 'window' : 'elementwise';
}

/** The control cost of a layer's loop, from `costs` (flip-flops or LUTs per loop kind). */
export function controlCost(layer: HlsLayer, plan: MultiplierPlan | undefined, costs: ControlCosts): number {
  const kind = loopKind(layer, plan);
  return kind ? costs[kind] : 0;
}
