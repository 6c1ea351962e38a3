import path from 'node:path';
import { HwcostError } from '@hwcost/core';
import { dataObject, field, quote, requireMapping, type DataObject, type DataValue } from '../io/data.js';
import { parseJson } from '../io/json.js';
import { readFileBytes } from '../io/read.js';
import { decodeText } from '../io/text.js';
import { parseYaml } from '../io/yaml.js';

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
  /** `KerasJson`, resolved against the config file's directory. */
  kerasJson?: string;
  /** `KerasH5`, resolved against the config file's directory. */
  kerasH5?: string;
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

function filePath(value: DataValue | undefined, where: string, dir: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value === '') throw new HwcostError(`${where} must be a file path, got ${quote(value)}`);
  return path.isAbsolute(value) ? value : path.join(dir, value);
}

function checkSections(hlsConfig: DataObject, where: string): void {
  mapping(field(hlsConfig, 'Model'), `${where}Model`);
  for (const section of ['LayerType', 'LayerName']) {
    const entries = mapping(field(hlsConfig, section), `${where}${section}`) ?? {};
    for (const [name, entry] of Object.entries(entries)) mapping(entry, `${where}${section}.${name}`);
  }
}

/**
 * Reads parsed config data: hls4ml's project form (top-level `IOType`, `HLSConfig`, optionally
 * `KerasJson`/`KerasH5`) or a bare HLSConfig mapping (`Model`, `LayerType`, `LayerName`, optionally
 * `IOType`). Relative model paths are resolved against the directory of `source`.
 */
export function hls4mlConfigFrom(data: DataValue, source: string): Hls4mlConfig {
  const top = mapping(data, `${source}: the config`);
  if (!top) throw new HwcostError(`${source}: the config is empty`);
  const project = Object.hasOwn(top, 'HLSConfig');
  const prefix = project ? 'HLSConfig.' : '';
  const hlsConfig = project ? (mapping(field(top, 'HLSConfig'), `${source}: HLSConfig`) ?? dataObject()) : top;
  checkSections(hlsConfig, `${source}: ${prefix}`);
  const ioTypeKey = Object.hasOwn(top, 'IOType') ? 'IOType' : `${prefix}IOType`;
  const ioType = field(top, 'IOType') ?? field(hlsConfig, 'IOType');
  const dir = path.dirname(source);
  return {
    source,
    prefix,
    hlsConfig,
    ioType: ioType === undefined || ioType === null ? undefined : { value: ioType, key: ioTypeKey },
    kerasJson: filePath(field(top, 'KerasJson'), `${source}: KerasJson`, dir),
    kerasH5: filePath(field(top, 'KerasH5'), `${source}: KerasH5`, dir),
  };
}

/** Reads an hls4ml config file (YAML or JSON). */
export async function loadHls4mlConfig(file: string): Promise<Hls4mlConfig> {
  const text = decodeText(await readFileBytes(file, 'config', MAX_CONFIG_BYTES), file);
  return hls4mlConfigFrom(parseConfigText(text, file), file);
}
