/**
 * What a layer class does, as far as cost estimation and shape inference care. Classification is
 * by this explicit table, never by substrings of class names, so a new class is unknown until it is
 * listed here. Each kind has one shape rule (implemented by the model importers); the README's list
 * of supported layer classes is generated from this table.
 */
const KINDS = {
  input: { rule: 'declares the input shape (`batch_input_shape`, `batch_shape`)', classes: ['InputLayer'] },
  dense: {
    rule: 'last axis → `units`; kernel `[in, units]`',
    classes: ['Dense', 'QDense', 'QDenseBatchnorm', 'BinaryDense', 'TernaryDense', 'QuantizedDense', 'QuantDense', 'HDense', 'HDenseBatchNorm'],
  },
  conv1d: {
    rule: 'valid/same/causal window per `kernel_size`, `strides`, `dilation_rate`; kernel `[k, in/groups, filters]`',
    classes: ['Conv1D', 'Convolution1D', 'QConv1D', 'QuantConv1D', 'HConv1D', 'HConv1DBatchNorm'],
  },
  conv2d: {
    rule: 'valid/same window per axis; kernel `[kh, kw, in/groups, filters]`',
    classes: ['Conv2D', 'Convolution2D', 'QConv2D', 'QConv2DBatchnorm', 'BinaryConv2D', 'TernaryConv2D', 'QuantizedConv2D', 'QuantConv2D', 'HConv2D', 'HConv2DBatchNorm'],
  },
  'conv1d-transpose': { rule: 'length × stride (same) or (n−1)·stride + k (valid); kernel `[k, filters, in]`', classes: ['Conv1DTranspose'] },
  'conv2d-transpose': {
    rule: 'each axis × stride (same) or (n−1)·stride + k (valid); kernel `[kh, kw, filters, in]`',
    classes: ['Conv2DTranspose', 'Convolution2DTranspose', 'QConv2DTranspose', 'QuantConv2DTranspose'],
  },
  'depthwise-conv1d': { rule: 'window as Conv1D; channels × `depth_multiplier`; kernel `[k, in, multiplier]`', classes: ['DepthwiseConv1D', 'QDepthwiseConv1D'] },
  'depthwise-conv2d': {
    rule: 'window as Conv2D; channels × `depth_multiplier`; kernel `[kh, kw, in, multiplier]`',
    classes: ['DepthwiseConv2D', 'QDepthwiseConv2D', 'QuantDepthwiseConv2D'],
  },
  'separable-conv1d': {
    rule: 'window as Conv1D; channels → `filters`; kernel: the depthwise `[k, in, multiplier]`',
    classes: ['SeparableConv1D', 'QSeparableConv1D', 'QuantSeparableConv1D'],
  },
  'separable-conv2d': {
    rule: 'window as Conv2D; channels → `filters`; kernel: the depthwise `[kh, kw, in, multiplier]`',
    classes: ['SeparableConv2D', 'QSeparableConv2D', 'QuantSeparableConv2D'],
  },
  'max-pooling1d': { rule: 'window per `pool_size`, strides default to it', classes: ['MaxPooling1D', 'MaxPool1D', 'PMaxPooling1D', 'PMaxPool1D', 'QuantMaxPooling1D'] },
  'max-pooling2d': { rule: 'window per `pool_size`, strides default to it', classes: ['MaxPooling2D', 'MaxPool2D', 'PMaxPooling2D', 'PMaxPool2D', 'QuantMaxPooling2D'] },
  'average-pooling1d': {
    rule: 'window per `pool_size`, strides default to it',
    classes: ['AveragePooling1D', 'AvgPool1D', 'QAveragePooling1D', 'PAveragePooling1D', 'PAvgPool1D'],
  },
  'average-pooling2d': {
    rule: 'window per `pool_size`, strides default to it',
    classes: ['AveragePooling2D', 'AvgPool2D', 'QAveragePooling2D', 'PAveragePooling2D', 'PAvgPool2D'],
  },
  'global-average-pooling1d': { rule: 'drops the steps axis (`keepdims` keeps it as 1)', classes: ['GlobalAveragePooling1D', 'GlobalAvgPool1D', 'QGlobalAveragePooling1D'] },
  'global-average-pooling2d': { rule: 'drops both spatial axes (`keepdims` keeps them as 1)', classes: ['GlobalAveragePooling2D', 'GlobalAvgPool2D', 'QGlobalAveragePooling2D'] },
  'global-max-pooling1d': { rule: 'drops the steps axis (`keepdims` keeps it as 1)', classes: ['GlobalMaxPooling1D', 'GlobalMaxPool1D'] },
  'global-max-pooling2d': { rule: 'drops both spatial axes (`keepdims` keeps them as 1)', classes: ['GlobalMaxPooling2D', 'GlobalMaxPool2D'] },
  flatten: { rule: 'one axis of all values', classes: ['Flatten', 'PFlatten'] },
  reshape: { rule: '`target_shape`, one −1 resolved', classes: ['Reshape', 'PReshape'] },
  permute: { rule: 'axes reordered per `dims`', classes: ['Permute', 'PPermute', 'Transpose'] },
  'repeat-vector': { rule: '`[n, features]`', classes: ['RepeatVector'] },
  'data-movement': {
    rule: 'ONNX only: moves or copies values without arithmetic; shape per the operator',
    classes: ['Slice', 'Split', 'Gather', 'Expand', 'Tile', 'DepthToSpace', 'SpaceToDepth'],
  },
  dropout: {
    rule: 'keeps its input shape',
    classes: ['Dropout', 'SpatialDropout1D', 'SpatialDropout2D', 'GaussianDropout', 'GaussianNoise', 'AlphaDropout', 'ActivityRegularization', 'PDropout'],
  },
  quantizer: {
    rule: 'keeps its input shape (quantizes activations, no weights)',
    classes: ['FixedPointQuantizer', 'HQuantize', 'Signature', 'Quant', 'BipolarQuant', 'Trunc', 'QuantizeLinear', 'DequantizeLinear', 'MultiThreshold'],
  },
  scale: { rule: 'keeps its input shape (element-wise scale or shift by constants, no kernel)', classes: ['Rescaling', 'Normalization', 'ApplyAlpha'] },
  activation: {
    rule: 'keeps its input shape',
    classes: ['Activation', 'QActivation', 'QAdaptiveActivation', 'ReLU', 'LeakyReLU', 'ELU', 'ThresholdedReLU', 'HActivation', 'UnaryLUT'],
  },
  prelu: { rule: 'keeps its input shape; kernel: `alpha`, the input shape with `shared_axes` as 1', classes: ['PReLU'] },
  softmax: { rule: 'keeps its input shape', classes: ['Softmax'] },
  'batch-normalization': {
    rule: 'keeps its input shape; kernel: the sizes of the `axis` axes',
    classes: ['BatchNormalization', 'QBatchNormalization', 'HBatchNormalization'],
  },
  'layer-normalization': { rule: 'keeps its input shape; kernel: the sizes of the `axis` axes', classes: ['LayerNormalization'] },
  add: {
    rule: 'element-wise with broadcasting',
    classes: ['Add', 'Subtract', 'Multiply', 'Average', 'Maximum', 'Minimum', 'HAdd', 'PAdd'],
  },
  concatenate: { rule: 'sizes along `axis` add up', classes: ['Concatenate', 'PConcatenate'] },
  'tf-op': {
    rule: 'a TensorFlow op in a functional model: element-wise ones (`math.add`, `nn.relu`, …) broadcast their inputs; others are unsupported',
    classes: ['TFOpLambda'],
  },
  'zero-padding1d': { rule: 'steps + padding before and after', classes: ['ZeroPadding1D'] },
  'zero-padding2d': { rule: 'each spatial axis + padding before and after', classes: ['ZeroPadding2D'] },
  'cropping1d': { rule: 'steps − cropping before and after', classes: ['Cropping1D'] },
  'cropping2d': { rule: 'each spatial axis − cropping before and after', classes: ['Cropping2D'] },
  'upsampling1d': { rule: 'steps × `size`', classes: ['UpSampling1D'] },
  'upsampling2d': { rule: 'each spatial axis × `size`', classes: ['UpSampling2D'] },
  'simple-rnn': { rule: '`[steps, units]` with `return_sequences`, else `[units]`; kernel `[in, units]`', classes: ['SimpleRNN', 'QSimpleRNN'] },
  lstm: { rule: '`[steps, units]` with `return_sequences`, else `[units]`; kernel `[in, 4·units]`', classes: ['LSTM', 'QLSTM', 'CuDNNLSTM'] },
  gru: { rule: '`[steps, units]` with `return_sequences`, else `[units]`; kernel `[in, 3·units]`', classes: ['GRU', 'QGRU', 'CuDNNGRU'] },
  bidirectional: { rule: 'the wrapped RNN, units doubled by `merge_mode` concat; kernel: the forward kernel', classes: ['Bidirectional', 'QBidirectional'] },
  'time-distributed': { rule: 'the wrapped layer applied to each step; its kernel', classes: ['TimeDistributed'] },
  embedding: { rule: 'input + `[output_dim]`; kernel `[input_dim, output_dim]`', classes: ['Embedding'] },
  garnet: {
    rule: '`[n_filters]` collapsed, else `[vertices, n_filters]` (the last of a stack); kernel: the first input transform `[features, n_propagate]`',
    classes: ['GarNet', 'GarNetStack'],
  },
} as const satisfies Record<string, { rule: string; classes: readonly string[] }>;

export type LayerKind = keyof typeof KINDS;

/** Every kind with its shape rule and the class names it covers, in table order (for docs). */
export const LAYER_KINDS: ReadonlyArray<{ kind: LayerKind; rule: string; classes: readonly string[] }> = Object.freeze(
  (Object.keys(KINDS) as LayerKind[]).map((kind) => ({ kind, rule: KINDS[kind].rule, classes: KINDS[kind].classes })),
);

/**
 * Keras (QKeras, HGQ, larq, hls4ml) class name → kind. Quantized layers share the kind of their float
 * twin; ONNX operators are imported under the hls4ml class name of what they compute.
 */
export const KERAS_LAYER_KINDS: Readonly<Record<string, LayerKind>> = Object.freeze(
  Object.assign(Object.create(null) as Record<string, LayerKind>, Object.fromEntries(LAYER_KINDS.flatMap(({ kind, classes }) => classes.map((c) => [c, kind])))),
);

/** The kind of a class name, or undefined when hwcost does not know the class. */
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

/**
 * The kinds whose Keras layer has a `kernel` attribute, which is what hls4ml's
 * `get_last_layer_with_weights` looks for: BatchNormalization, PReLU and Embedding have weights but
 * no kernel, tf.keras names depthwise and separable kernels otherwise, and recurrent layers and
 * wrappers keep theirs in a cell or the wrapped layer.
 */
export const KERNEL_KINDS: ReadonlySet<LayerKind> = new Set<LayerKind>(['dense', 'conv1d', 'conv2d', 'conv1d-transpose', 'conv2d-transpose']);
