/** The resource kinds compared, in the units csynth reports them (BRAM in 18 Kb blocks). */
export const RESOURCE_KINDS = ['DSP', 'BRAM_18K', 'FF', 'LUT'] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

/** Resource counts; a kind a report does not give is absent, never zero. */
export type Resources = Partial<Record<ResourceKind | 'URAM', number>>;

/** Report column names → resource kinds: Vivado HLS says `DSP48E`, Vitis HLS `DSP`. */
const ALIASES: Record<string, ResourceKind | 'URAM'> = {
  DSP: 'DSP',
  DSP48E: 'DSP',
  DSP48: 'DSP',
  BRAM_18K: 'BRAM_18K',
  BRAM: 'BRAM_18K',
  FF: 'FF',
  LUT: 'LUT',
  URAM: 'URAM',
};

/** The resource kind a report's column or tag names, or undefined. */
export function resourceKind(name: string): ResourceKind | 'URAM' | undefined {
  return ALIASES[name.trim().toUpperCase()];
}

/** A count as reports write it: `-` and empty cells are absent. */
export function count(text: unknown): number | undefined {
  if (typeof text === 'number') return Number.isFinite(text) ? text : undefined;
  if (typeof text !== 'string') return undefined;
  const trimmed = text.trim();
  if (!/^\d+(\.\d+)?$/.test(trimmed)) return undefined;
  return Number(trimmed);
}

/** Adds `b` into `a`, kind by kind. */
export function addResources(a: Resources, b: Resources): Resources {
  const sum: Resources = { ...a };
  for (const [kind, value] of Object.entries(b) as [keyof Resources, number][]) sum[kind] = (sum[kind] ?? 0) + value;
  return sum;
}
