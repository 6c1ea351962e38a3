import type { PluginOptions } from '../session/plugins.js';
import type { RunContext, SweepOutcome, SweepSpace } from './evaluate.js';

/** What a worker needs to evaluate points on its own: the space, and how to build the same objectives with the same run services. */
export interface WorkerInit {
  space: SweepSpace;
  /** The objective spec, as `selectObjectives` reads it. */
  objective: string;
  plugins: PluginOptions;
  run: RunContext;
}

/** Main thread → worker: evaluate points `start` (inclusive) to `end` (exclusive). */
export interface ChunkRequest {
  start: number;
  end: number;
}

/** Worker → main thread. */
export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'chunk'; start: number; outcomes: SweepOutcome[] }
  /** `input` marks a user-input error (an HwcostError), which crosses the thread boundary as text. */
  | { type: 'error'; message: string; input: boolean };
