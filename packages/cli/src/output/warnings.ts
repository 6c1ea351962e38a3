/**
 * Writes warnings a report format has no place for (CSV) to stderr, one line each, so that they
 * always reach the user and never corrupt the report.
 */
export function warnOnStderr(warnings: readonly string[]): void {
  for (const warning of warnings) process.stderr.write(`hwcost: warning: ${warning.replace(/\s*\n\s*/g, ' ')}\n`);
}
