import { createRequire } from 'node:module';
import { setImmediate as yieldToEvents } from 'node:timers/promises';
import type { Worker } from 'node:worker_threads';
import { HwcostError } from '@hwcost/core';
import type { SweepEvaluator, SweepOutcome } from './evaluate.js';
import type { ChunkRequest, WorkerInit, WorkerMessage } from './protocol.js';

/** Chunks handed to a worker at a time: the one it works on and one in reserve. */
const IN_FLIGHT = 2;

export interface EvaluateAllOptions {
  total: number;
  /** Points per chunk: large enough that messaging is negligible, small enough to balance the threads. */
  chunkSize: number;
  /** Evaluates chunks on the calling thread, between the messages of the workers. */
  evaluator: SweepEvaluator;
  /** Worker threads besides the calling thread. */
  workers: number;
  workerFile?: URL;
  init?: WorkerInit;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Evaluates points 0 … total-1 on the calling thread and `workers` worker threads, which all pull
 * chunks from one queue as they finish the last: the calling thread is busy while the workers
 * start (about 200 ms each), and a slow thread holds back only its own chunk. Outcomes come back
 * in index order; the first error stops every thread.
 */
export function evaluateAll(options: EvaluateAllOptions): Promise<SweepOutcome[]> {
  const { total, chunkSize } = options;
  const outcomes = new Array<SweepOutcome>(total);
  const threads: Worker[] = [];
  let next = 0;
  let done = 0;
  let settled = false;

  return new Promise<SweepOutcome[]>((resolve, reject) => {
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      for (const worker of threads) void worker.terminate();
      if (error) reject(error);
      else resolve(outcomes);
    };
    const take = (): ChunkRequest | undefined => {
      if (settled || next >= total) return undefined;
      const start = next;
      next = Math.min(total, next + chunkSize);
      return { start, end: next };
    };
    const record = (start: number, chunk: readonly SweepOutcome[]) => {
      chunk.forEach((outcome, i) => (outcomes[start + i] = outcome));
      done += chunk.length;
      options.onProgress?.(done, total);
      if (done === total) finish();
    };

    // Loaded here, not imported: every run that loads the engine would pay for it (1.6 ms).
    const { Worker } = createRequire(import.meta.url)('node:worker_threads') as typeof import('node:worker_threads');
    for (let w = 0; w < options.workers; w++) {
      const worker = new Worker(options.workerFile!, { workerData: options.init });
      threads.push(worker);
      worker.on('message', (message: WorkerMessage) => {
        if (message.type === 'error') return finish(message.input ? new HwcostError(message.message) : new Error(message.message));
        if (message.type === 'chunk') record(message.start, message.outcomes);
        // A worker holds one chunk in reserve, so it never waits for the calling thread (busy with
        // chunks of its own) to hand it the next.
        for (let n = message.type === 'ready' ? IN_FLIGHT : 1; n > 0; n--) {
          const chunk = take();
          if (chunk) worker.postMessage(chunk);
        }
      });
      worker.on('error', (error) => finish(error));
      worker.on('exit', (code) => finish(new Error(`a sweep worker stopped unexpectedly (exit code ${code})`)));
    }

    void (async () => {
      for (let chunk = take(); chunk; chunk = take()) {
        const list: SweepOutcome[] = [];
        for (let i = chunk.start; i < chunk.end; i++) list.push(options.evaluator.evaluate(i));
        record(chunk.start, list);
        // Lets worker messages and a progress bar through between chunks.
        await yieldToEvents();
      }
    })().catch((error: unknown) => finish(error instanceof Error ? error : new Error(String(error))));
  });
}
