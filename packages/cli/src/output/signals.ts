import { rmSync } from 'node:fs';
import { constants } from 'node:os';

/** Temporary files being written now; removed if the process is interrupted. */
const pending = new Set<string>();
const SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
/** Taken when hwcost starts: once plugins load, `process.exit` is trapped so that a plugin cannot end the run. */
const exit = process.exit.bind(process);

function onSignal(signal: NodeJS.Signals): void {
  for (const file of pending) rmSync(file, { force: true });
  // The shell's convention for a process ended by a signal: 128 + its number (130 for SIGINT, 143 for SIGTERM).
  exit(128 + (constants.signals[signal] ?? 0));
}

/**
 * Marks temporary files for removal should SIGINT, SIGTERM or SIGHUP end the process while they
 * exist (the handlers are installed only meanwhile, so an interrupt at any other time ends the
 * process as usual). Returns the function that unmarks them once they are renamed or removed.
 */
export function removeOnSignal(files: readonly string[]): () => void {
  if (pending.size === 0 && files.length > 0) for (const signal of SIGNALS) process.on(signal, onSignal);
  for (const file of files) pending.add(file);
  return () => {
    for (const file of files) pending.delete(file);
    if (pending.size === 0) for (const signal of SIGNALS) process.off(signal, onSignal);
  };
}
