import { HwcostError, quote } from '@hwcost/core';

/**
 * A value read from a JSON or YAML file. Objects have no prototype, so a key such as `__proto__` or
 * `constructor` is plain data and can never reach `Object.prototype`.
 */
export type DataValue = null | boolean | number | string | DataValue[] | DataObject;

/** A mapping read from a file; created with {@link dataObject}, so it has no prototype. */
export interface DataObject {
  [key: string]: DataValue;
}

/**
 * How deeply files may nest arrays and mappings. Real Keras and hls4ml files stay far below it; the
 * limit keeps parsing and every later walk over the data from exhausting the stack.
 */
export const MAX_NESTING = 200;

/** An empty mapping without a prototype. */
export function dataObject(): DataObject {
  return Object.create(null) as DataObject;
}

/** True for a mapping (not null, not an array). */
export function isDataObject(value: unknown): value is DataObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The value under `key` when the mapping holds it as its own key (never an inherited property). */
export function field(object: DataObject, key: string): DataValue | undefined {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

/** The value as a mapping; `where` names it in the error otherwise. */
export function requireMapping(value: DataValue | undefined, where: string): DataObject {
  if (!isDataObject(value)) throw new HwcostError(`${where} must be a mapping, got ${quote(value)}`);
  return value;
}

/** The value as a list; `where` names it in the error otherwise. */
export function requireList(value: DataValue | undefined, where: string): DataValue[] {
  if (!Array.isArray(value)) throw new HwcostError(`${where} must be a list, got ${quote(value)}`);
  return value;
}
