import { parsePrecision } from '@hwcost/core';
import type { FirmwareLayer } from '../firmware/layers.js';
import type { PortSummary, Timing } from './csynth.js';
import { addResources, type Resources } from './resources.js';

/** A piece of the synthesised design with figures: an instance, a module, a FIFO or a memory. */
export interface ReportPart {
  /** Instance or storage name as the report writes it. */
  name: string;
  module?: string;
  resources: Resources;
  timing?: Timing;
  ports?: PortSummary;
}

/** What csynth reported for one layer. */
export interface LayerFigures {
  resources: Resources;
  /** Worst-case latency of the layer's instance, in cycles. */
  latency?: number;
  /** Initiation interval of the layer's instance. */
  interval?: number;
  /** The report parts summed into these figures. */
  parts: string[];
}

/** Report parts assigned to layers, and the parts no layer could be found for. */
export interface Attribution {
  layers: Map<string, LayerFigures>;
  unattributed: ReportPart[];
  /** How parts were matched where their names did not say (for the report's notes). */
  notes: string[];
}

/** `…_config11_…`, `relu_config4_s`: the config struct number a module name carries. */
function configNumber(name: string): number | undefined {
  const match = /config(\d+)(?:_|$)/.exec(name);
  return match ? Number(match[1]) : undefined;
}

/** `layer2_out_V_data_0_V_U`, `w2_V_U`: the layer index a FIFO or memory name carries. */
function storageIndex(name: string): number | undefined {
  const match = /^(?:layer(\d+)_out|[wb]r?(\d+)_)/.exec(name);
  return match ? Number(match[1] ?? match[2]) : undefined;
}

/** The module a part runs, without HLS's instance decorations. */
function moduleOf(part: ReportPart): string {
  return part.module ?? part.name.replace(/^(grp_|call_ret\d*_)/, '').replace(/_(fu|U0)_?\d*$/, '');
}

/** The nnet functions that may implement a firmware call: `dense` runs as `dense_latency`, `dense_resource`, … */
function runsAs(layer: FirmwareLayer, module: string): boolean {
  if (module === layer.func || module.startsWith(`${layer.func}_`)) return true;
  return layer.func === 'dense' && /^dense_/.test(module);
}

function width(type: string | undefined): number | undefined {
  if (!type) return undefined;
  try {
    return parsePrecision(type).width;
  } catch {
    return undefined;
  }
}

/**
 * How well a module's data ports fit a layer's fan-out and fan-in (ports are partitioned or packed):
 * 2 for the outputs, 1 for the inputs. Inputs count less: HLS removes the ports of inputs whose
 * weights are all zero, so a pruned layer has fewer.
 */
function portScore(layer: FirmwareLayer, ports: PortSummary): number {
  const nIn = layer.values.n_in;
  const nOut = layer.values.n_out ?? layer.values.n_in;
  if (typeof nIn !== 'number' || typeof nOut !== 'number') return 0;
  const inWidth = width(layer.types.input);
  const outWidth = width(layer.types.result);
  const inFits = ports.inputs === nIn || (inWidth !== undefined && ports.inputBits === nIn * inWidth);
  const outFits = ports.outputs === nOut || (outWidth !== undefined && ports.outputBits === nOut * outWidth);
  return (outFits ? 2 : 0) + (inFits ? 1 : 0);
}

/**
 * Assigns report parts to firmware layers: by the config number in a module's name (`…config11…`),
 * else by the nnet function it implements, narrowed by its data ports (fan-in and fan-out, and
 * those of the neighbouring layers' modules) when several layers call the same function; FIFOs and memories by the layer index in their names.
 * `largestOnly` is for module reports without a hierarchy, where a layer's outer module contains
 * its inner ones: a layer then gets, per resource, the largest of its modules rather than the sum.
 */
export function attribute(layers: readonly FirmwareLayer[], parts: readonly ReportPart[], largestOnly = false): Attribution {
  const byIndex = new Map<number, FirmwareLayer>();
  for (const layer of layers) if (layer.index !== undefined && layer.configName) byIndex.set(layer.index, layer);
  const storageByIndex = new Map<number, FirmwareLayer>();
  for (const layer of layers) if (layer.index !== undefined) storageByIndex.set(layer.index, layer);
  const figures = new Map<string, LayerFigures>();
  const unattributed: ReportPart[] = [];
  const notes: string[] = [];
  const taken = new Set<string>();

  const assign = (layer: FirmwareLayer, part: ReportPart) => {
    taken.add(layer.name);
    const current = figures.get(layer.name) ?? { resources: {}, parts: [] };
    const resources = largestOnly ? largest(current.resources, part.resources) : addResources(current.resources, part.resources);
    const latency = part.timing?.latencyWorst;
    const interval = part.timing?.intervalMax;
    figures.set(layer.name, {
      resources,
      ...(latency !== undefined || current.latency !== undefined ? { latency: Math.max(latency ?? 0, current.latency ?? 0) } : {}),
      ...(interval !== undefined || current.interval !== undefined ? { interval: Math.max(interval ?? 0, current.interval ?? 0) } : {}),
      parts: [...current.parts, part.name],
    });
  };

  // Ports of the parts matched by name: a module's outputs feed the next layer's inputs, which
  // tells layers of one function apart even when pruning removed some of their ports.
  const portsOf = new Map<string, PortSummary>();
  const neighbourScore = (layer: FirmwareLayer, ports: PortSummary): number => {
    const i = layers.indexOf(layer);
    const next = layers[i + 1] && portsOf.get(layers[i + 1]!.name);
    const previous = i > 0 ? portsOf.get(layers[i - 1]!.name) : undefined;
    return (next && next.inputs === ports.outputs ? 2 : 0) + (previous && previous.outputs === ports.inputs ? 1 : 0);
  };
  const pending: ReportPart[] = [];
  for (const part of parts) {
    const module = moduleOf(part);
    const storage = part.module === undefined ? storageIndex(part.name) : undefined;
    const byName = storage !== undefined ? storageByIndex.get(storage) : byIndex.get(configNumber(module) ?? -1);
    if (byName) {
      assign(byName, part);
      if (part.ports) portsOf.set(byName.name, part.ports);
    } else pending.push(part);
  }
  for (const part of pending) {
    const module = moduleOf(part);
    let candidates = layers.filter((l) => runsAs(l, module));
    if (candidates.length > 1 && part.ports) {
      const scores = candidates.map((l) => portScore(l, part.ports!) + neighbourScore(l, part.ports!));
      const best = Math.max(...scores);
      if (best > 0) candidates = candidates.filter((_, i) => scores[i] === best);
    }
    if (candidates.length > 1) {
      const free = candidates.filter((l) => !taken.has(l.name));
      if (free.length > 0) candidates = free;
    }
    const [chosen] = candidates;
    if (!chosen) {
      unattributed.push(part);
      continue;
    }
    if (candidates.length > 1) notes.push(`${module}: ${candidates.length} layers fit (${candidates.map((l) => l.name).join(', ')}); assigned to ${chosen.name}, the first in call order`);
    assign(chosen, part);
  }
  return { layers: figures, unattributed, notes };
}

function largest(a: Resources, b: Resources): Resources {
  const out: Resources = { ...a };
  for (const [kind, value] of Object.entries(b) as [keyof Resources, number][]) out[kind] = Math.max(out[kind] ?? 0, value);
  return out;
}
