import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { Diagnostics, errorMessage, HwcostError, type IoType, type LayerAttributes } from '@hwcost/core';
import { applyHls4mlConfig, hls4mlConfigFrom, loadModelFile, loadWeightsFile, parseYaml, type DataValue, type ModelWeights } from '@hwcost/model';
import { parseHeader, type HeaderContents } from './firmware/header.js';
import { firmwareLayers, type FirmwareLayer } from './firmware/layers.js';
import { parseTopCalls } from './firmware/top.js';
import { rebuildLayers, type ProjectDefaults } from './layers/rebuild.js';
import { matchWeights } from './layers/weights.js';
import { attribute, type Attribution } from './reports/attribution.js';
import { readReports, reportParts, type ProjectReports } from './reports/folder.js';
import { readText } from './text.js';

/** The hls4ml settings of a project, from its config (the firmware may differ: it is what was synthesised). */
export interface ProjectSettings {
  projectName: string;
  backend?: string;
  part?: string;
  clockPeriodNs?: number;
  ioType?: IoType;
  strategy?: string;
  reuseFactor?: number;
  precision?: string;
}

/** An hls4ml project folder, read as far as it goes. */
export interface HlsProject {
  dir: string;
  settings: ProjectSettings;
  /** The synthesised layers in call order; empty when neither firmware nor a model could be read. */
  layers: LayerAttributes[];
  /** Where the layers come from: the firmware (what was synthesised), else the model and config. */
  layerSource: 'firmware' | 'model' | 'none';
  /** The model's kernels by layer name, when the folder has a model with weights. */
  weights?: ModelWeights;
  weightsFile?: string;
  reports: ProjectReports;
  /** csynth figures per layer, when there is a csynth report and layers to attribute them to. */
  attribution?: Attribution & { source: string };
  /** What the folder lacks, one line each (e.g. no `vivado_synth.rpt`). */
  missing: string[];
  /** Problems met and choices made while reading, one line each. */
  notes: string[];
  diagnostics: Diagnostics;
}

const CONFIG_NAMES = ['hls4ml_config.yml', 'hls4ml_config.yaml'];
const MODEL_EXTENSIONS = /\.(h5|hdf5|keras|json)$/i;

function mapping(value: DataValue | undefined): Record<string, DataValue> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, DataValue>) : undefined;
}

/** The config as data: a config wrapped in a single `config:` key (a Python dict written as YAML) is unwrapped. */
function configData(data: DataValue): Record<string, DataValue> | undefined {
  const top = mapping(data);
  const keys = top ? Object.keys(top) : [];
  if (top && keys.length === 1 && keys[0]!.toLowerCase() === 'config' && mapping(top[keys[0]!])) return mapping(top[keys[0]!]);
  return top;
}

function settingsOf(config: Record<string, DataValue> | undefined, fallbackName: string): ProjectSettings {
  const model = mapping(mapping(config?.HLSConfig)?.Model);
  const text = (v: DataValue | undefined) => (typeof v === 'string' ? v : undefined);
  const number = (v: DataValue | undefined) => (typeof v === 'number' ? v : typeof v === 'string' && /^\d+(\.\d+)?$/.test(v) ? Number(v) : undefined);
  const io = text(config?.IOType);
  const precision = model?.Precision;
  const settings: ProjectSettings = { projectName: text(config?.ProjectName) ?? fallbackName };
  const set = <K extends keyof ProjectSettings>(key: K, value: ProjectSettings[K] | undefined) => {
    if (value !== undefined) settings[key] = value;
  };
  set('backend', text(config?.Backend));
  set('part', text(config?.Part) ?? text(config?.XilinxPart));
  set('clockPeriodNs', number(config?.ClockPeriod));
  set('ioType', io === 'io_stream' || io === 'io_parallel' ? io : undefined);
  set('strategy', text(model?.Strategy));
  set('reuseFactor', number(model?.ReuseFactor));
  set('precision', text(precision) ?? text(mapping(precision)?.default));
  return settings;
}

/** The top function's source: `<project>.cpp`, else the one `.cpp` of `firmware/` that calls `nnet::` layers. */
async function topSource(firmwareDir: string, project: string): Promise<{ file: string; text: string } | undefined> {
  const named = path.join(firmwareDir, `${project}.cpp`);
  const files = existsSync(named) ? [named] : safeList(firmwareDir).filter((f) => f.endsWith('.cpp')).map((f) => path.join(firmwareDir, f));
  for (const file of files) {
    const text = await readText(file, 'firmware source');
    if (/nnet::\w+\s*</.test(text)) return { file, text };
  }
  return undefined;
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}

/** Model files of the folder: `model/*`, then the files the config names, looked up beside the project. */
function modelFiles(dir: string, config: Record<string, DataValue> | undefined): string[] {
  const found = safeList(path.join(dir, 'model'))
    .filter((f) => MODEL_EXTENSIONS.test(f))
    .map((f) => path.join(dir, 'model', f));
  for (const key of ['KerasModel', 'KerasJson', 'KerasH5']) {
    const value = config?.[key];
    if (typeof value !== 'string') continue;
    // hls4ml resolves these from its working directory, which is not kept: try the folder itself.
    for (const candidate of [path.resolve(dir, value), path.join(dir, path.basename(value)), path.join(dir, 'model', path.basename(value))]) {
      if (existsSync(candidate) && statSync(candidate).isFile()) found.push(candidate);
    }
  }
  return [...new Set(found)];
}

async function readFirmware(dir: string, project: string, notes: string[], missing: string[]): Promise<FirmwareLayer[] | undefined> {
  const firmwareDir = path.join(dir, 'firmware');
  if (!existsSync(firmwareDir)) {
    missing.push('no firmware/ folder (parameters.h, defines.h, the top function)');
    return undefined;
  }
  const headers: HeaderContents[] = [];
  for (const name of ['defines.h', 'parameters.h']) {
    const file = path.join(firmwareDir, name);
    if (existsSync(file)) headers.push(parseHeader(await readText(file, 'firmware header')));
    else missing.push(`no firmware/${name}`);
  }
  const top = await topSource(firmwareDir, project);
  if (!top) {
    missing.push(`no top function in firmware/ (${project}.cpp calling nnet:: layers)`);
    return undefined;
  }
  const layers = firmwareLayers(parseTopCalls(top.text), headers);
  if (layers.length === 0) notes.push(`${path.relative(dir, top.file)} calls no nnet:: layer`);
  return layers;
}

async function readWeights(files: string[], notes: string[]): Promise<{ weights: ModelWeights; file: string } | undefined> {
  for (const file of files.filter((f) => /\.(h5|hdf5|keras)$/i.test(f))) {
    try {
      const weights = await loadWeightsFile(file);
      if (weights.size > 0) return { weights, file };
      notes.push(`${path.basename(file)}: no layer kernels found in it`);
    } catch (error) {
      notes.push(`weights not read: ${errorMessage(error)}`);
    }
  }
  return undefined;
}

/** Layers from the model and config, for folders without firmware. */
async function modelLayers(files: string[], config: Record<string, DataValue> | undefined, configFile: string | undefined, diagnostics: Diagnostics, notes: string[]): Promise<LayerAttributes[] | undefined> {
  for (const file of files) {
    try {
      const model = await loadModelFile(file);
      const resolved = applyHls4mlConfig(model, config && configFile ? hls4mlConfigFrom(config, configFile) : undefined, diagnostics);
      return resolved.layers.filter((l) => l.supported).map((l) => l.attributes);
    } catch (error) {
      notes.push(`model not read: ${errorMessage(error)}`);
    }
  }
  return undefined;
}

/**
 * Reads an hls4ml project folder: its config, firmware, model weights and reports. The layers come
 * from the firmware (`parameters.h`, `defines.h` and the top function: what was synthesised, hand
 * edits included) or, without firmware, from the model and config. Whatever is missing is listed in
 * `missing`; only a folder that does not exist is an error.
 */
export async function readProject(dir: string): Promise<HlsProject> {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new HwcostError(`${dir} is not a folder (expected an hls4ml project folder)`);
  const missing: string[] = [];
  const notes: string[] = [];
  const diagnostics = new Diagnostics();
  const configName = CONFIG_NAMES.find((n) => existsSync(path.join(dir, n)));
  const configFile = configName ? path.join(dir, configName) : undefined;
  let config: Record<string, DataValue> | undefined;
  if (configFile) {
    try {
      config = configData(parseYaml(await readText(configFile, 'config'), configFile));
    } catch (error) {
      notes.push(`config not read: ${errorMessage(error)}`);
    }
  } else missing.push('no hls4ml_config.yml');
  const settings = settingsOf(config, 'myproject');
  const firmware = await readFirmware(dir, settings.projectName, notes, missing);
  const files = modelFiles(dir, config);
  if (files.length === 0) missing.push('no model file (model weights let the estimates see zero, power-of-two and narrow weights)');
  const weights = files.length > 0 ? await readWeights(files, notes) : undefined;
  const reports = await readReports(dir, settings.projectName);
  const defaults: ProjectDefaults = {
    ...((reports.csynth?.part ?? settings.part) ? { part: (reports.csynth?.part ?? settings.part)! } : {}),
    ...(reports.csynth ? { tool: reports.csynth.tool } : {}),
    ...((reports.csynth?.targetClockNs ?? settings.clockPeriodNs) ? { clockNs: (reports.csynth?.targetClockNs ?? settings.clockPeriodNs)! } : {}),
    ...(settings.ioType ? { ioType: settings.ioType } : {}),
    ...(settings.strategy ? { strategy: settings.strategy } : {}),
    ...(settings.reuseFactor ? { reuseFactor: settings.reuseFactor } : {}),
  };
  let layers: LayerAttributes[] = [];
  let layerSource: HlsProject['layerSource'] = 'none';
  if (firmware && firmware.length > 0) {
    layers = rebuildLayers(firmware, defaults);
    layerSource = 'firmware';
  } else {
    const fromModel = await modelLayers(files, config, configFile, diagnostics, notes);
    if (fromModel && fromModel.length > 0) {
      layers = fromModel;
      layerSource = 'model';
    } else missing.push('no layers: neither firmware nor a readable model (Keras JSON or .keras) with its config');
  }
  let kernels = weights?.weights;
  if (kernels && layers.length > 0) {
    const matched = matchWeights(layers, kernels);
    if (matched.renamed.length > 0) notes.push(`weights matched by order and kernel shape where the layers are named otherwise than in ${path.basename(weights!.file)}: ${matched.renamed.join(', ')}`);
    kernels = matched.weights;
  }
  notes.push(...reports.problems);
  if (reports.wrapper) notes.push(`csynth figures are those of ${reports.csynth!.top}, the function hls4ml generated; ${reports.wrapper}, the top synthesised around it, is left out`);
  if (!reports.csynth) missing.push('no csynth report (report/csynth.xml or <project>_prj/solution1/syn/report/)');
  if (!reports.synth) missing.push('no vivado_synth.rpt (logic synthesis figures)');
  const parts = reportParts(reports);
  let attribution: HlsProject['attribution'];
  if (parts && firmware && firmware.length > 0) {
    attribution = { ...attribute(firmware, parts.parts, !parts.hierarchical), source: parts.source };
    notes.push(...attribution.notes);
  } else if (reports.csynth && layerSource !== 'firmware') {
    notes.push('csynth figures are not split by layer: module names are matched to the firmware, which this folder lacks');
  }
  return {
    dir,
    settings,
    layers,
    layerSource,
    ...(weights && kernels ? { weights: kernels, weightsFile: weights.file } : {}),
    reports,
    ...(attribution ? { attribution } : {}),
    missing,
    notes,
    diagnostics,
  };
}
