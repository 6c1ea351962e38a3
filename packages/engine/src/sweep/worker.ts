// The entry of a sweep worker thread (built to dist/sweep-worker.js): it builds the run's objectives
// itself, then evaluates the chunks of points the main thread sends until it is terminated.
import { parentPort, workerData } from 'node:worker_threads';
import { errorMessage, isHwcostError } from '@hwcost/core';
import { selectObjectives } from '../compose/select.js';
import { createRegistry } from '../session/plugins.js';
import { SweepEvaluator, useRunContext, type SweepOutcome } from './evaluate.js';
import type { ChunkRequest, WorkerInit, WorkerMessage } from './protocol.js';

const port = parentPort!;
const send = (message: WorkerMessage) => port.postMessage(message);
const fail = (error: unknown) => send({ type: 'error', message: errorMessage(error), input: isHwcostError(error) });

try {
  const init = workerData as WorkerInit;
  const registry = await createRegistry(init.plugins);
  useRunContext(registry, init.run);
  const evaluator = new SweepEvaluator(init.space, selectObjectives(registry, init.objective), registry);
  port.on('message', ({ start, end }: ChunkRequest) => {
    try {
      const outcomes: SweepOutcome[] = [];
      for (let i = start; i < end; i++) outcomes.push(evaluator.evaluate(i));
      send({ type: 'chunk', start, outcomes });
    } catch (error) {
      fail(error);
    }
  });
  send({ type: 'ready' });
} catch (error) {
  fail(error);
}
