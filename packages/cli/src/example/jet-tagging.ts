import { layerAttributes, type ImportedModel } from '@hwcost/core';

/**
 * The jet-tagging MLP of hls4ml's tutorials (16 → 64 → 32 → 32 → 5) under a Resource-strategy
 * config, described in code so that `hwcost estimate` has something to show without any file.
 */
export function jetTaggingExample(): ImportedModel {
  const widths = [16, 64, 32, 32, 5];
  const reuse = [4, 8, 8, 5];
  const layers = widths.slice(1).map((nOut, i) => {
    const nIn = widths[i]!;
    return layerAttributes({
      name: i === 3 ? 'output' : `fc${i + 1}`,
      layerType: 'Dense',
      inboundLayers: i === 0 ? ['input'] : [i === 1 ? 'fc1' : `fc${i}`],
      weightShape: [nIn, nOut],
      inputShape: [nIn],
      outputShape: [nOut],
      hls4ml: {
        nIn,
        nOut,
        ioType: 'io_parallel',
        strategy: 'Resource',
        weightPrecision: 'ap_fixed<16,6>',
        outputPrecision: 'ap_fixed<16,6>',
        reuseFactor: reuse[i]!,
      },
    });
  });
  return { name: 'jet-tagging MLP (bundled example)', source: 'built-in', layers: layers.map((attributes) => ({ attributes, supported: true })) };
}
