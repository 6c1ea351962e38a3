/**
 * What a Keras layer class does, as far as cost estimation and shape inference care. Classification
 * is by this explicit table, never by substrings of class names, so a new class is unknown until
 * it is listed here.
 */
export type LayerKind =
  | 'input'
  | 'dense'
  | 'conv1d'
  | 'conv2d'
  | 'depthwise-conv2d'
  | 'separable-conv2d'
  | 'max-pooling1d'
  | 'max-pooling2d'
  | 'average-pooling1d'
  | 'average-pooling2d'
  | 'global-average-pooling1d'
  | 'global-average-pooling2d'
  | 'global-max-pooling1d'
  | 'global-max-pooling2d'
  | 'flatten'
  | 'reshape'
  | 'dropout'
  | 'activation'
  | 'softmax'
  | 'batch-normalization'
  | 'add'
  | 'concatenate'
  | 'zero-padding1d'
  | 'zero-padding2d';

/** Keras (and QKeras) class name → kind. QKeras layers share the kind of their float twin. */
export const KERAS_LAYER_KINDS: Readonly<Record<string, LayerKind>> = Object.freeze({
  InputLayer: 'input',
  Dense: 'dense',
  QDense: 'dense',
  Conv1D: 'conv1d',
  QConv1D: 'conv1d',
  Conv2D: 'conv2d',
  QConv2D: 'conv2d',
  DepthwiseConv2D: 'depthwise-conv2d',
  SeparableConv2D: 'separable-conv2d',
  MaxPooling1D: 'max-pooling1d',
  MaxPool1D: 'max-pooling1d',
  MaxPooling2D: 'max-pooling2d',
  MaxPool2D: 'max-pooling2d',
  AveragePooling1D: 'average-pooling1d',
  AvgPool1D: 'average-pooling1d',
  AveragePooling2D: 'average-pooling2d',
  AvgPool2D: 'average-pooling2d',
  GlobalAveragePooling1D: 'global-average-pooling1d',
  GlobalAveragePooling2D: 'global-average-pooling2d',
  GlobalMaxPooling1D: 'global-max-pooling1d',
  GlobalMaxPooling2D: 'global-max-pooling2d',
  Flatten: 'flatten',
  Reshape: 'reshape',
  Dropout: 'dropout',
  Activation: 'activation',
  QActivation: 'activation',
  ReLU: 'activation',
  LeakyReLU: 'activation',
  Softmax: 'softmax',
  BatchNormalization: 'batch-normalization',
  QBatchNormalization: 'batch-normalization',
  Add: 'add',
  Concatenate: 'concatenate',
  ZeroPadding1D: 'zero-padding1d',
  ZeroPadding2D: 'zero-padding2d',
});

/** The kind of a Keras class name, or undefined when hwcost does not know the class. */
export function layerKind(className: string): LayerKind | undefined {
  return Object.hasOwn(KERAS_LAYER_KINDS, className) ? KERAS_LAYER_KINDS[className] : undefined;
}

/** The kinds hls4ml's pruning handles (its SUPPORTED_LAYERS: Dense, Conv2D and their QKeras twins). */
export const PRUNABLE_KINDS: ReadonlySet<LayerKind> = new Set<LayerKind>(['dense', 'conv2d']);

/** True when hls4ml's pruning handles this class (it then carries hls4ml attributes). */
export function isPrunableLayerType(className: string): boolean {
  const kind = layerKind(className);
  return kind !== undefined && PRUNABLE_KINDS.has(kind);
}
