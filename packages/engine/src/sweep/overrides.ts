import type { DataObject, DataValue, Hls4mlConfig } from '@hwcost/model';
import type { SweepSettings } from './space.js';

/** A copy of a config mapping, without a prototype as the config readers make them. */
function copyMapping(value: DataValue | undefined): DataObject {
  const copy = Object.create(null) as DataObject;
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) Object.assign(copy, value);
  return copy;
}

/**
 * The config of one sweep point: `base` (or hls4ml's defaults when there is none) with the point's
 * per-layer settings written into `LayerName` for each of `layers`, the most specific level of
 * hls4ml's resolution, so they win over `Model`, `LayerType` and the layer's own entry; `IOType`
 * replaces the model's. The config then goes through the same resolution as any config file, which
 * checks each value and moves a ReuseFactor the layer cannot use.
 */
export function configForPoint(base: Hls4mlConfig | undefined, settings: SweepSettings, layers: readonly string[]): Hls4mlConfig {
  const hlsConfig = copyMapping(base?.hlsConfig);
  const entries = copyMapping(hlsConfig.LayerName);
  const perLayer = Object.entries(settings).filter(([key]) => key !== 'IOType');
  for (const layer of layers) {
    // hls4ml matches LayerName keys case-insensitively: a point's settings go into every entry the
    // resolution could pick for this layer, and into a new one when there is none.
    const keys = Object.keys(entries).filter((k) => k.toLowerCase() === layer.toLowerCase());
    for (const key of keys.length > 0 ? keys : [layer]) {
      const entry = copyMapping(entries[key]);
      for (const [setting, value] of perLayer) entry[setting] = value!;
      entries[key] = entry;
    }
  }
  hlsConfig.LayerName = entries;
  const source = `${base?.source ?? 'hls4ml defaults'} with sweep settings`;
  const ioType = settings.IOType === undefined ? base?.ioType : { value: settings.IOType, key: 'IOType' };
  return { ...base, source, prefix: base?.prefix ?? '', hlsConfig, ...(ioType ? { ioType } : {}) };
}
