import { Command } from '../command.js';

/**
 * Every `ualign` subcommand, in the order `ualign --help` lists them. Each module is loaded only
 * when its command runs, so a command's start-up pays for its own imports alone.
 */
export const COMMANDS: { readonly name: string; readonly load: () => Promise<Command> }[] = [
  { name: 'winrate', load: async () => (await import('./winrate.js')).winrateCommand },
  { name: 'exploitability', load: async () => (await import('./exploitability.js')).exploitabilityCommand },
  { name: 'nash', load: async () => (await import('./nash.js')).nashCommand },
  { name: 'best-k-output', load: async () => (await import('./best-k-output.js')).bestKOutputCommand },
  { name: 'equilibrium', load: async () => (await import('./equilibrium.js')).equilibriumCommand },
  { name: 'selfplay', load: async () => (await import('./selfplay.js')).selfplayCommand },
  { name: 'export-nfg', load: async () => (await import('./export-nfg.js')).exportNfgCommand },
  { name: 'check', load: async () => (await import('./check.js')).checkCommand },
  { name: 'algorithms', load: async () => (await import('./algorithms.js')).algorithmsCommand },
  { name: 'verify', load: async () => (await import('./verify.js')).verifyCommand },
  { name: 'replay', load: async () => (await import('./replay.js')).replayCommand },
  { name: 'merge-reports', load: async () => (await import('./merge-reports.js')).mergeReportsCommand },
];
