import type { Command } from '../command.ts';

/**
 * Commands CONTRACT.md names that later work builds. They exist so `--help`
 * shows the whole contract, and say plainly that they do nothing yet.
 */
export function planned(name: string, usage: string, summary: string, arrivesWith: string): Command {
  return {
    name,
    usage,
    summary: `${summary} (not implemented yet)`,
    options: {},
    notImplemented: `showroom ${name}: not implemented yet; it arrives with ${arrivesWith}.`,
    run: async () => 2,
  };
}

/** None at the moment: every command of the contract is built (`handoffs` arrived with issue #7). */
export const plannedCommands: Command[] = [];
