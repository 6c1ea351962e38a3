// Runs the built hwcost CLI in-process for each argument list the parent sends, and reports each
// run's exit code, stderr, time and this process's peak memory. One process serves many runs so a
// fuzz of hundreds of inputs stays fast; the parent watches for hangs and crashes.
import { main } from '../../../packages/cli/dist/index.js';

/** @param {string[]} args */
async function run(args) {
  const stdout = process.stdout.write;
  const stderr = process.stderr.write;
  let err = '';
  process.stdout.write = () => true;
  process.stderr.write = (chunk) => {
    err += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  };
  const started = performance.now();
  let status;
  try {
    status = await main(args);
  } finally {
    process.stdout.write = stdout;
    process.stderr.write = stderr;
  }
  return { status, stderr: err.slice(0, 4000), ms: performance.now() - started };
}

process.on('message', async (/** @type {{id: number, args: string[]} | {end: true}} */ job) => {
  if ('end' in job) {
    process.send({ maxRssKb: process.resourceUsage().maxRSS }, () => process.disconnect());
    return;
  }
  process.send({ start: job.id });
  const result = await run(job.args);
  process.send({ done: job.id, ...result, maxRssKb: process.resourceUsage().maxRSS });
});
process.send({ ready: true });
