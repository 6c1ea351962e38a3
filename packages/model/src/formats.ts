/**
 * The model files hwcost reads, as users know them; the README's list of inputs is generated from
 * this table. `loadModelFile` recognises each by its content.
 */
export const MODEL_FORMATS: ReadonlyArray<{ format: string; detail: string }> = Object.freeze([
  { format: 'Keras model JSON', detail: '`model.to_json()` of Keras 1, 2 or 3: Sequential or functional, nested models inlined; weights from `--weights`, the config\'s `KerasH5` or `<model>_weights.h5` beside it' },
  { format: 'Whole-model Keras `.h5`', detail: 'what Keras 2\'s `model.save()` writes (also when named `.keras`): the architecture from `model_config`, the weights from the same file' },
  { format: 'Keras 3 `.keras` archive', detail: "`config.json` and `model.weights.h5`, read in memory (also tf.keras 2.13–2.15's); the weights' groups, named by Keras after layer classes (`dense_1`), are matched to the config's layers as Keras numbers them" },
  {
    format: 'ONNX model',
    detail:
      "PyTorch's TorchScript (opset 13) and dynamo (opset 18–20) exporters, tf2onnx, QONNX; weights from the initializers (external-data files beside the model included); layers named after their weight initializers (`fc1.weight` → `fc1`), shapes reported in Keras layout",
  },
  { format: 'PyTorch `.pt`/`.pth`', detail: 'refused in one line with the export call `torch.onnx.export(model, example_input, "model.onnx")`' },
]);
