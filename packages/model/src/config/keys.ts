/**
 * The keys hls4ml reads from a config file, for telling an hls4ml config from another file and for
 * warning about misspelt keys. Lists are generous: hls4ml versions and backends add keys, and a key
 * listed here that hwcost does not use is simply ignored.
 */

/** Keys that name the model (and weights) file, in the order hls4ml's converter looks at them. */
export const MODEL_FILE_KEYS = ['OnnxModel', 'PytorchModel', 'KerasModel', 'KerasJson', 'KerasH5'] as const;
export type ModelFileKey = (typeof MODEL_FILE_KEYS)[number];

/** Top-level keys of hls4ml's project form (`hls4ml convert -c config.yml`). */
export const PROJECT_KEYS: ReadonlySet<string> = new Set([
  ...MODEL_FILE_KEYS,
  'HLSConfig',
  'IOType',
  'OutputDir',
  'ProjectName',
  'Part',
  'XilinxPart',
  'Board',
  'Backend',
  'ClockPeriod',
  'ClockUncertainty',
  'Interface',
  'AcceleratorConfig',
  'InputData',
  'OutputPredictions',
  'Stamp',
  'Version',
  'WriterConfig',
  'InputShape',
  'InputShapes',
  'OutputShapes',
  'clock_period',
  'input_data_tb',
  'output_data_tb',
  'InputsChannelLast',
  'TransposeOutputs',
  'Namespace',
  'WriteWeightsTxt',
  'WriteTar',
  'TBFiles',
  'BuildOptions',
  'Driver',
  'Precision',
  'HLSProjectName',
  'TrainingConfig',
]);

/** Keys of an HLSConfig mapping (also the top level of the bare form). */
export const BARE_KEYS: ReadonlySet<string> = new Set(['Model', 'LayerType', 'LayerName', 'IOType', 'Optimizers', 'SkipOptimizers', 'Flows', 'Optimization']);

/** Keys of `Model`, `LayerType.<class>` and `LayerName.<layer>` entries. */
export const LAYER_KEYS: ReadonlySet<string> = new Set([
  'Precision',
  'ReuseFactor',
  'Strategy',
  'ParallelizationFactor',
  'Trace',
  'TraceOutput',
  'Compression',
  'BramFactor',
  'ConvImplementation',
  'Implementation',
  'TableSize',
  'table_size',
  'exp_range',
  'Skip',
  'TargetCycles',
  'PipelineStyle',
  'PipelineInterval',
  'FIFO_depth',
  'InputsChannelLast',
  'TransposeOutputs',
  'ChannelsLastConversion',
  'MaxPrecision',
  'RecurrentReuseFactor',
  'recurrent_reuse_factor',
  'Static',
  'static',
  'ConvBackend',
  'accum_t',
  'table_t',
  'exp_table_t',
  'inv_table_t',
  'n_partitions',
  'Partitions',
  'DepthwiseReuseFactor',
  'PointwiseReuseFactor',
  'BitExact',
  'EnableBitExact',
]);
