/**
 * The model files hwcost reads, as users know them; the README's list of inputs is generated from
 * this table. `loadModelFile` recognises each by its content.
 */
export const MODEL_FORMATS: ReadonlyArray<{ format: string; detail: string }> = Object.freeze([
  { format: 'Keras model JSON', detail: '`model.to_json()` of Keras 1, 2 or 3: Sequential or functional, nested models inlined; weights from `--weights`, the config\'s `KerasH5` or `<model>_weights.h5` beside it' },
  { format: 'Whole-model Keras `.h5`', detail: 'what Keras 2\'s `model.save()` writes (also when named `.keras`): the architecture from `model_config`, the weights from the same file' },
  { format: 'Keras 3 `.keras` archive', detail: '`config.json` and `model.weights.h5`, read in memory' },
]);
