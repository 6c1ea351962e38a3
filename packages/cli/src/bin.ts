#!/usr/bin/env node
import manifest from '../package.json' with { type: 'json' };

// `hwcost --version` answers before the program loads: loading it costs more than Node's own start.
const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  process.stdout.write(`${manifest.version}\n`);
} else {
  const { main } = await import('./main.js');
  process.exitCode = await main(argv);
}
