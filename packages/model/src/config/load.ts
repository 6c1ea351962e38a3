import path from 'node:path';
import { HwcostError, quote } from '@hwcost/core';
import { dataObject, field, isDataObject, requireMapping, type DataObject, type DataValue } from '../io/data.js';
import { parseJson } from '../io/json.js';
import { readFileBytes } from '../io/read.js';
import { decodeText } from '../io/text.js';
import { parseYaml } from '../io/yaml.js';
import { BARE_KEYS, MODEL_FILE_KEYS, PROJECT_KEYS, type ModelFileKey } from './keys.js';

/** hls4ml configs are a few kilobytes; this leaves room for generated per-layer configs of big models. */
const MAX_CONFIG_BYTES = 16 * 1024 * 1024;

/** An hls4ml config, in project or bare HLSConfig form, reduced to what hwcost reads. */
export interface Hls4mlConfig {
  /** The config file, for error messages. */
  source: string;
  /** Prefix of key paths in messages: `HLSConfig.` in the project form, empty in the bare form. */
  prefix: string;
  /** The HLSConfig mapping: `Model`, `LayerType`, `LayerName`. */
  hlsConfig: DataObject;
  /** The `IOType` as written (validated when resolved) and its key path; undefined when unset. */
  ioType?: { value: DataValue; key: string };
  /**
   * The model and weights files the config names (`KerasJson`, `KerasH5`, `KerasModel`,
   * `OnnxModel`, `PytorchModel`), as written; {@link locateConfigFile} finds them as hls4ml would.
   */
  files?: Partial<Record<ModelFileKey, string>>;
  /** Top-level keys hls4ml does not know (in the form the config is written in), for a warning. */
  unknownTopKeys?: string[];
}

/** Parses config text by its extension (`.json`, `.yml`, `.yaml`), else as JSON when it starts with `{`, else as YAML. */
export function parseConfigText(text: string, source: string): DataValue {
  const extension = path.extname(source).toLowerCase();
  const json = extension === '.json' || (extension !== '.yml' && extension !== '.yaml' && text.trimStart().startsWith('{'));
  return json ? parseJson(text, source) : parseYaml(text, source);
}

/** An optional mapping: absent or null (an empty YAML key) is undefined. */
function mapping(value: DataValue | undefined, where: string): DataObject | undefined {
  return value === undefined || value === null ? undefined : requireMapping(value, where);
}

function filePath(value: DataValue | undefined, where: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value === '') throw new HwcostError(`${where} must be a file path, got ${quote(value)}`);
  return value;
}

function checkSections(hlsConfig: DataObject, where: string): void {
  mapping(field(hlsConfig, 'Model'), `${where}Model`);
  for (const section of ['LayerType', 'LayerName']) {
    const entries = mapping(field(hlsConfig, section), `${where}${section}`) ?? {};
    for (const [name, entry] of Object.entries(entries)) mapping(entry, `${where}${section}.${name}`);
  }
}

const isHls4mlKey = (key: string) => PROJECT_KEYS.has(key) || BARE_KEYS.has(key);

/**
 * A file without one hls4ml key is not an hls4ml config: say which keys it has, and where the
 * hls4ml keys are when they sit one level down (`hls_config: {Model: …}`).
 */
function refuseForeign(top: DataObject, source: string): void {
  const keys = Object.keys(top);
  if (keys.some(isHls4mlKey)) return;
  const nested = keys.find((key) => isDataObject(top[key]) && Object.keys(top[key] as DataObject).some(isHls4mlKey));
  const found = keys.length > 0 ? keys.slice(0, 8).map((k) => quote(k)).join(', ') + (keys.length > 8 ? ', …' : '') : 'none';
  if (nested !== undefined) {
    throw new HwcostError(`${source}: not an hls4ml config at its top level (keys: ${found}); the hls4ml settings are nested under ${quote(nested)}: move them to the top level`);
  }
  throw new HwcostError(`${source}: not an hls4ml config (keys: ${found}); expected HLSConfig, IOType, KerasJson, … or the HLSConfig keys Model, LayerType, LayerName`);
}

/**
 * Reads parsed config data: hls4ml's project form (top-level `IOType`, `HLSConfig`, optionally
 * `KerasJson`/`KerasH5`/`OnnxModel`, …) or a bare HLSConfig mapping (`Model`, `LayerType`,
 * `LayerName`, optionally `IOType`). A mapping without any hls4ml key is refused, naming its keys.
 */
export function hls4mlConfigFrom(data: DataValue, source: string): Hls4mlConfig {
  const top = mapping(data, `${source}: the config`);
  if (!top) throw new HwcostError(`${source}: the config is empty`);
  refuseForeign(top, source);
  const project = Object.hasOwn(top, 'HLSConfig');
  const prefix = project ? 'HLSConfig.' : '';
  const hlsConfig = project ? (mapping(field(top, 'HLSConfig'), `${source}: HLSConfig`) ?? dataObject()) : top;
  checkSections(hlsConfig, `${source}: ${prefix}`);
  const ioTypeKey = Object.hasOwn(top, 'IOType') ? 'IOType' : `${prefix}IOType`;
  const ioType = field(top, 'IOType') ?? field(hlsConfig, 'IOType');
  const files: Partial<Record<ModelFileKey, string>> = {};
  for (const key of MODEL_FILE_KEYS) {
    // hls4ml writes the model it converted as `KerasModel: !keras_model 'path'`; any other value is not a path.
    const value = field(top, key);
    if (key === 'KerasModel' && typeof value !== 'string') continue;
    const file = filePath(value, `${source}: ${key}`);
    if (file !== undefined) files[key] = file;
  }
  return {
    source,
    prefix,
    hlsConfig,
    ioType: ioType === undefined || ioType === null ? undefined : { value: ioType, key: ioTypeKey },
    files,
    unknownTopKeys: Object.keys(top).filter((key) => !(project ? PROJECT_KEYS : BARE_KEYS).has(key) && !(MODEL_FILE_KEYS as readonly string[]).includes(key)),
  };
}

/** Reads an hls4ml config file (YAML or JSON). */
export async function loadHls4mlConfig(file: string): Promise<Hls4mlConfig> {
  const text = decodeText(await readFileBytes(file, 'config', MAX_CONFIG_BYTES), file);
  return hls4mlConfigFrom(parseConfigText(text, file), file);
}
