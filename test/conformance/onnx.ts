import type { ObjectiveRegistry } from '@hwcost/core';
import type { Summary } from './harness.js';
import { runModelCases, type ModelCase } from './models.js';

/**
 * Runs onnx.json cases: the same form and checks as models.json (an ONNX model must give the
 * attributes and estimates of the Keras model it twins), on models that must be ONNX files.
 */
export async function runOnnxCases(cases: ModelCase[], registry: ObjectiveRegistry): Promise<Summary> {
  const notOnnx = cases.filter((c) => !c.model.toLowerCase().endsWith('.onnx'));
  const summary = await runModelCases(
    cases.filter((c) => !notOnnx.includes(c)),
    registry,
  );
  return { total: cases.length, failures: [...notOnnx.map((c) => `${c.id}: ${c.model} is not an .onnx model`), ...summary.failures] };
}
