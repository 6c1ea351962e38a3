#!/usr/bin/env node
import manifest from '../package.json' with { type: 'json' };
import { runCommandLine } from './startup/run.js';

// Built as CommonJS (dist/bin.cjs): Node starts a CommonJS file about 7 ms sooner than an ES
// module, whose loader it must set up first. `hwcost --version` answers before the program loads.
const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  process.stdout.write(`${manifest.version}\n`);
} else {
  void runCommandLine(argv).then((code) => {
    process.exitCode = code;
  });
}
