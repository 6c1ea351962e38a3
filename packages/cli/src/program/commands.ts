/** hwcost's commands, by name. */
export const COMMAND_NAMES = ['objectives', 'estimate', 'plan', 'sweep', 'new-plugin', 'compare'] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

/** The command an argument list runs: the first argument that is no option or option value. */
export function commandOf(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--plugin') i++;
    else if (!arg.startsWith('-')) return arg;
  }
  return undefined;
}
