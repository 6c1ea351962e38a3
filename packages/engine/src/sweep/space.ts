import type { SweepAxis, SweepKey } from './axes.js';

/** The settings of one sweep point: one value per axis. */
export type SweepSettings = Partial<Record<SweepKey, number | string>>;

/** How many points the axes span: the product of their lengths. */
export function sweepSize(axes: readonly SweepAxis[]): number {
  return axes.reduce((n, axis) => n * axis.values.length, 1);
}

/**
 * The settings of point `index` (0 ≤ index < {@link sweepSize}), counting in mixed radix with the
 * last axis fastest, so a point is found from its index alone and workers need only index ranges.
 */
export function pointAt(axes: readonly SweepAxis[], index: number): SweepSettings {
  const settings: SweepSettings = {};
  let rest = index;
  for (let a = axes.length - 1; a >= 0; a--) {
    const { key, values } = axes[a]!;
    settings[key] = values[rest % values.length]!;
    rest = Math.floor(rest / values.length);
  }
  return settings;
}
