import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { errorMessage } from '@hwcost/core';
import { parseCsynthXml, type CsynthModule, type CsynthReport } from './csynth.js';
import { parseCsynthRpt, type CsynthRpt } from './csynth-rpt.js';
import type { ReportPart } from './attribution.js';
import { parseVivadoSynth, type SynthReport } from './vivado-synth.js';
import { readText } from '../text.js';

/** The reports of a project, as far as the folder has them. */
export interface ProjectReports {
  /** The top function's csynth report. */
  csynth?: CsynthReport;
  /** The top function's text report, for its instance and FIFO tables. */
  rpt?: CsynthRpt;
  /** Per-module reports (`<module>_csynth.xml`), by module name. */
  modules: Map<string, CsynthModule>;
  synth?: SynthReport;
  /** The report folder found, relative paths in messages. */
  reportDir?: string;
  /** Reports that exist but could not be read, one line each. */
  problems: string[];
  /**
   * The top function of a report that wraps the project's own (an AXI or platform shell synthesised
   * as the top): the project's function is compared, the wrapper is named here.
   */
  wrapper?: string;
}

/** Where hls4ml projects keep csynth reports: copied to `report/`, or where Vivado/Vitis HLS wrote them. */
function reportDirs(dir: string, project: string): string[] {
  const candidates = [path.join(dir, 'report'), path.join(dir, `${project}_prj`, 'solution1', 'syn', 'report')];
  for (const entry of safeList(dir)) {
    if (!entry.endsWith('_prj')) continue;
    for (const solution of safeList(path.join(dir, entry))) candidates.push(path.join(dir, entry, solution, 'syn', 'report'));
  }
  return [...new Set(candidates)].filter((d) => existsSync(d) && statSync(d).isDirectory());
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}

/**
 * Reads the reports of a project folder: the top csynth XML (`csynth.xml`, else `<top>_csynth.xml`),
 * the per-module XMLs beside it, the top text report, and `vivado_synth.rpt` (project root or report
 * folder). An unreadable report is a problem line, not an error: the rest still counts.
 */
export async function readReports(dir: string, project: string): Promise<ProjectReports> {
  const problems: string[] = [];
  const modules = new Map<string, CsynthModule>();
  const [reportDir] = reportDirs(dir, project);
  const result: ProjectReports = { modules, problems };
  const attempt = async <T>(file: string, read: (text: string) => T): Promise<T | undefined> => {
    try {
      return read(await readText(file, 'report'));
    } catch (error) {
      problems.push(errorMessage(error));
      return undefined;
    }
  };
  if (reportDir) {
    result.reportDir = reportDir;
    const files = safeList(reportDir);
    const tops = ['csynth.xml', `${project}_csynth.xml`].filter((f) => files.includes(f));
    // The estimates model the network hls4ml generated: its own function's report is preferred to a
    // wrapper's, and among reports of one function, Vitis HLS's with the instance hierarchy.
    const rank = (r: CsynthReport) => (r.top === project ? 2 : 0) + (r.instances ? 1 : 0);
    for (const file of tops) {
      const report = await attempt(path.join(reportDir, file), (text) => parseCsynthXml(text, path.join(reportDir, file)));
      if (!report) continue;
      if (result.csynth && report.top !== result.csynth.top && (report.top === project || result.csynth.top === project)) {
        result.wrapper = (report.top === project ? result.csynth.top : report.top) ?? '';
      }
      if (!result.csynth || rank(report) > rank(result.csynth)) result.csynth = report;
    }
    const top = result.csynth?.top ?? project;
    for (const file of files) {
      if (!file.endsWith('_csynth.xml') || file === `${top}_csynth.xml` || tops.includes(file)) continue;
      const report = await attempt(path.join(reportDir, file), (text) => parseCsynthXml(text, path.join(reportDir, file)));
      if (report) modules.set(report.module.name, report.module);
    }
    const rpt = [`${top}_csynth.rpt`, 'csynth.rpt'].find((f) => files.includes(f));
    if (rpt) result.rpt = await attempt(path.join(reportDir, rpt), parseCsynthRpt);
  }
  const synthFile = [path.join(dir, 'vivado_synth.rpt'), ...(reportDir ? [path.join(reportDir, 'vivado_synth.rpt')] : [])].find((f) => existsSync(f));
  if (synthFile) result.synth = await attempt(synthFile, (text) => parseVivadoSynth(text, synthFile));
  return result;
}

/**
 * The parts of the design to attribute to layers, from the most detailed source the reports have:
 * Vitis HLS's instance list with every module's figures; else the text report's instance, FIFO and
 * memory tables; else the per-module XMLs without a hierarchy (`hierarchical` false).
 */
export function reportParts(reports: ProjectReports): { parts: ReportPart[]; hierarchical: boolean; source: string } | undefined {
  const { csynth, rpt, modules } = reports;
  const storage: ReportPart[] = (rpt?.storage ?? []).map((s) => ({ name: s.name, resources: s.resources }));
  const withPorts = (module: string) => modules.get(module)?.ports;
  if (csynth?.instances && csynth.modules) {
    const parts = csynth.instances.flatMap((i): ReportPart[] => {
      const m = csynth.modules!.get(i.module);
      if (!m) return [];
      const ports = withPorts(i.module);
      return [{ name: i.instance, module: i.module, resources: m.resources, timing: m.timing, ...(ports ? { ports } : {}) }];
    });
    return { parts: [...parts, ...storage], hierarchical: true, source: `${path.basename(csynth.file)} (instance hierarchy)` };
  }
  if (rpt && rpt.instances.length > 0) {
    const parts = rpt.instances.map((i): ReportPart => {
      const ports = withPorts(i.module);
      const timing = Object.keys(i.timing).length > 0 ? i.timing : modules.get(i.module)?.timing;
      return { name: i.instance, module: i.module, resources: i.resources, ...(timing ? { timing } : {}), ...(ports ? { ports } : {}) };
    });
    return { parts: [...parts, ...storage], hierarchical: true, source: 'the csynth text report (instance table)' };
  }
  if (modules.size > 0) {
    const parts = [...modules.values()].map((m): ReportPart => ({ name: m.name, module: m.name, resources: m.resources, timing: m.timing, ...(m.ports ? { ports: m.ports } : {}) }));
    return { parts, hierarchical: false, source: 'per-module csynth XMLs (no hierarchy: each layer takes its largest module)' };
  }
  return undefined;
}
