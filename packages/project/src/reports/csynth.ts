import { HwcostError, errorMessage } from '@hwcost/core';
import { XMLParser } from 'fast-xml-parser';
import { count, resourceKind, type Resources } from './resources.js';

/** Latency in clock cycles and initiation interval, as far as a report gives them. */
export interface Timing {
  latencyBest?: number;
  latencyWorst?: number;
  intervalMin?: number;
  intervalMax?: number;
}

/** The data ports of a module, which tell a layer's fan-in and fan-out when its name does not. */
export interface PortSummary {
  inputs: number;
  inputBits: number;
  outputs: number;
  outputBits: number;
}

/** One synthesised module: the top function or one of its callees. */
export interface CsynthModule {
  name: string;
  resources: Resources;
  timing: Timing;
  ports?: PortSummary;
}

/** An instance of a module inside the top function (Vitis HLS lists them in its XML). */
export interface CsynthInstance {
  instance: string;
  module: string;
}

/** One `csynth.xml`: the top function's module, or a callee's `<module>_csynth.xml`. */
export interface CsynthReport {
  file: string;
  tool: 'Vivado HLS' | 'Vitis HLS';
  version?: string;
  part?: string;
  top?: string;
  targetClockNs?: number;
  estimatedClockNs?: number;
  module: CsynthModule;
  /** First-level instances of the top function (Vitis HLS only). */
  instances?: CsynthInstance[];
  /** Every module's figures, by name (Vitis HLS only: its top-level XML holds them all). */
  modules?: Map<string, CsynthModule>;
}

type Node = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  isArray: (name) => ['RtlPorts', 'Instance', 'Module'].includes(name),
});

function node(value: unknown): Node {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Node) : {};
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value.trim() : undefined;
}

function list(value: unknown): Node[] {
  return Array.isArray(value) ? value.map(node) : [];
}

function resourcesOf(area: Node): Resources {
  const resources: Resources = {};
  for (const [tag, value] of Object.entries(node(area.Resources))) {
    const kind = resourceKind(tag);
    const n = count(value);
    if (kind && n !== undefined) resources[kind] = n;
  }
  return resources;
}

function timingOf(performance: Node): Timing {
  const overall = node(performance.SummaryOfOverallLatency);
  const timing: Timing = {};
  const set = (key: keyof Timing, tag: string) => {
    const n = count(overall[tag]);
    if (n !== undefined) timing[key] = n;
  };
  set('latencyBest', 'Best-caseLatency');
  set('latencyWorst', 'Worst-caseLatency');
  set('intervalMin', 'Interval-min');
  set('intervalMax', 'Interval-max');
  return timing;
}

const CONTROL_PORT = /^ap_(clk|rst|rst_n|start|done|idle|ready|ce|continue)$/;
const HANDSHAKE = /_(ap_vld|ap_ack|TVALID|TREADY|TKEEP|TSTRB|TLAST|empty_n|full_n|write)$/;

/**
 * A data port, not a control one. Vivado HLS names a function's scalar inputs `<arg>_read`, so a
 * `_read` port is data when it is wider than a bit (a FIFO's read enable is one bit).
 */
function isDataPort(port: Node): boolean {
  const name = text(port.name) ?? '';
  if (text(port.Attribute) === 'control' || CONTROL_PORT.test(name) || HANDSHAKE.test(name)) return false;
  return !name.endsWith('_read') || (count(port.Bits) ?? 0) > 1;
}

function portsOf(profile: Node): PortSummary | undefined {
  const ports = list(node(profile.InterfaceSummary).RtlPorts).filter(isDataPort);
  if (ports.length === 0) return undefined;
  const summary: PortSummary = { inputs: 0, inputBits: 0, outputs: 0, outputBits: 0 };
  for (const port of ports) {
    const bits = count(port.Bits) ?? 0;
    if (text(port.Dir) === 'in') {
      summary.inputs++;
      summary.inputBits += bits;
    } else if (text(port.Dir) === 'out') {
      summary.outputs++;
      summary.outputBits += bits;
    }
  }
  return summary;
}

function moduleInformation(profile: Node): Map<string, CsynthModule> | undefined {
  const modules = list(node(profile.ModuleInformation).Module);
  if (modules.length === 0) return undefined;
  const byName = new Map<string, CsynthModule>();
  for (const m of modules) {
    const name = text(m.Name);
    if (name) byName.set(name, { name, resources: resourcesOf(node(m.AreaEstimates)), timing: timingOf(node(m.PerformanceEstimates)) });
  }
  return byName;
}

function topInstances(profile: Node): CsynthInstance[] | undefined {
  const top = node(node(profile.RTLDesignHierarchy).TopModule);
  const instances = list(node(top.InstancesList).Instance);
  if (instances.length === 0) return undefined;
  return instances.flatMap((i) => {
    const instance = text(i.InstName);
    const module = text(i.ModuleName);
    return instance && module ? [{ instance, module }] : [];
  });
}

/**
 * Parses a csynth XML report of Vivado HLS or Vitis HLS: part, clock, top-level resources (DSP48E
 * and DSP both become `DSP`), latency and interval, data ports, and, where Vitis HLS writes them,
 * the top function's instances and every module's figures. `file` names the report in errors.
 */
export function parseCsynthXml(xml: string, file: string): CsynthReport {
  let document: Node;
  try {
    document = node(parser.parse(xml));
  } catch (error) {
    throw new HwcostError(`${file}: not a readable csynth XML report (${errorMessage(error).split('\n')[0]})`);
  }
  const profile = node(document.profile);
  const area = node(profile.AreaEstimates);
  if (Object.keys(area).length === 0) throw new HwcostError(`${file}: not a csynth report (no <profile><AreaEstimates>)`);
  const user = node(profile.UserAssignments);
  const performance = node(profile.PerformanceEstimates);
  const resources = resourcesOf(area);
  const vitis = 'FlowTarget' in user || Object.hasOwn(node(area.Resources), 'DSP');
  const name = text(user.TopModelName) ?? file;
  const ports = portsOf(profile);
  const instances = topInstances(profile);
  const modules = moduleInformation(profile);
  const optional = <T>(key: string, value: T | undefined) => (value === undefined ? {} : { [key]: value });
  return {
    file,
    tool: vitis ? 'Vitis HLS' : 'Vivado HLS',
    ...optional('version', text(node(profile.ReportVersion).Version)),
    ...optional('part', text(user.Part)),
    ...optional('top', text(user.TopModelName)),
    ...optional('targetClockNs', count(user.TargetClockPeriod)),
    ...optional('estimatedClockNs', count(node(performance.SummaryOfTimingAnalysis).EstimatedClockPeriod)),
    module: { name, resources, timing: timingOf(performance), ...(ports ? { ports } : {}) },
    ...optional('instances', instances),
    ...optional('modules', modules),
  };
}
