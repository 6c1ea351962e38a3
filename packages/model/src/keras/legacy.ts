import { dataObject, field, type DataObject, type DataValue } from '../io/data.js';

/** Keras 1 class names that Keras 2 renamed; the Keras 2 name is the one in the layer-kind table. */
const RENAMED_CLASSES: Readonly<Record<string, string>> = Object.freeze(
  Object.assign(Object.create(null) as Record<string, string>, { Deconvolution2D: 'Conv2DTranspose', AtrousConvolution2D: 'Conv2D' }),
);

/** Keras 1 config keys → their Keras 2 names, per setting. */
const RENAMED_KEYS: readonly [string, string][] = [
  ['output_dim', 'units'],
  ['nb_filter', 'filters'],
  ['border_mode', 'padding'],
  ['subsample', 'strides'],
  ['subsample_length', 'strides'],
  ['filter_length', 'kernel_size'],
  ['pool_length', 'pool_size'],
  ['stride', 'strides'],
  ['atrous_rate', 'dilation_rate'],
];

/**
 * The Keras 2 class name of a Keras 1 class (unchanged for every other class). Keras 1's `Merge`
 * became `Concatenate` (mode `concat`) or an element-wise merge (`sum`, `mul`, `ave`, `max`).
 */
export function modernClassName(className: string, config: DataObject): string {
  if (className === 'Merge') return (field(config, 'mode') ?? 'sum') === 'concat' ? 'Concatenate' : 'Add';
  return Object.hasOwn(RENAMED_CLASSES, className) ? RENAMED_CLASSES[className]! : className;
}

/**
 * A layer config with Keras 1 settings (`output_dim`, `nb_filter`, `nb_row`/`nb_col`, `border_mode`,
 * `subsample`, `dim_ordering`, a first layer's `input_dim`, …) under their Keras 2 names, so one set of shape rules reads both. Keys already
 * present in Keras 2 form win; a Keras 2 config comes back unchanged.
 */
export function modernConfig(className: string, config: DataObject): DataObject {
  const renamed = RENAMED_KEYS.filter(([old, current]) => field(config, old) !== undefined && field(config, current) === undefined);
  const rows = field(config, 'nb_row');
  const cols = field(config, 'nb_col');
  const kernel = typeof rows === 'number' && typeof cols === 'number' && field(config, 'kernel_size') === undefined;
  // Keras 1's dim_ordering: 'th' is channels first (which hwcost then declines), 'tf' channels last.
  const ordering = field(config, 'dim_ordering');
  const format = ordering === 'th' ? 'channels_first' : ordering === 'tf' ? 'channels_last' : undefined;
  const inputDim = field(config, 'input_dim');
  const inputShape = typeof inputDim === 'number' && field(config, 'batch_input_shape') === undefined && field(config, 'input_shape') === undefined;
  if (renamed.length === 0 && !kernel && className !== 'Merge' && format === undefined && !inputShape) return config;
  const out = dataObject();
  Object.assign(out, config);
  for (const [old, current] of renamed) out[current] = config[old] as DataValue;
  if (kernel) out.kernel_size = [rows, cols];
  if (format !== undefined && field(config, 'data_format') === undefined) out.data_format = format;
  if (inputShape) out.batch_input_shape = [null, inputDim];
  // Keras 1's Merge layer was a concatenation unless its mode said otherwise; its axis key was concat_axis.
  if (className === 'Merge' && field(config, 'axis') === undefined && field(config, 'concat_axis') !== undefined) out.axis = config.concat_axis as DataValue;
  return out;
}
