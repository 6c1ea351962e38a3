import { HwcostError } from '@hwcost/core';
import { parseJson } from '../io/json.js';
import { readZipMember } from '../io/zip.js';
import { decodeText } from '../io/text.js';
import { importKerasModel } from './keras-json.js';
import type { ImportedModel } from '../types.js';

/** Limits that keep a hostile archive (a zip bomb) from exhausting memory or time. */
export interface ArchiveLimits {
  /** Largest `config.json` accepted, declared or actually inflated. */
  maxConfigBytes: number;
}

/** A model config of 64 MiB is already absurd (real ones are kilobytes to a few megabytes). */
export const DEFAULT_ARCHIVE_LIMITS: Readonly<ArchiveLimits> = Object.freeze({ maxConfigBytes: 64 * 1024 * 1024 });

const CONFIG_NAME = 'config.json';

/**
 * Reads the `config.json` of a Keras 3 `.keras` archive in memory (nothing is unpacked to disk).
 * The member's declared size and its actually inflated size are both capped.
 */
export function readKerasArchiveConfig(bytes: Uint8Array, source: string, limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS): string {
  const content = readZipMember(bytes, CONFIG_NAME, source, limits.maxConfigBytes);
  if (!content) throw new HwcostError(`${source}: the archive holds no ${CONFIG_NAME}, so it is not a Keras 3 .keras model`);
  return decodeText(content, `${source}: ${CONFIG_NAME}`);
}

/** Imports a Keras 3 `.keras` archive from its bytes. */
export function importKerasArchive(bytes: Uint8Array, source: string, limits?: ArchiveLimits): ImportedModel {
  return { ...importKerasModel(parseJson(readKerasArchiveConfig(bytes, source, limits), `${source}: ${CONFIG_NAME}`), source), holdsWeights: true };
}
