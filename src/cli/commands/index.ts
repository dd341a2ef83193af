import { Command } from '../command.js';
import { exploitabilityCommand } from './exploitability.js';
import { winrateCommand } from './winrate.js';

/** Every `ualign` subcommand, in the order `ualign --help` lists them. */
export const COMMANDS: Command[] = [winrateCommand, exploitabilityCommand];
