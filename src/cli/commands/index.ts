import { Command } from '../command.js';
import { verifyCommand } from './verify.js';
import { replayCommand } from './replay.js';
import { mergeReportsCommand } from './merge-reports.js';
import { nashCommand } from './nash.js';
import { bestKOutputCommand } from './best-k-output.js';
import { exploitabilityCommand } from './exploitability.js';
import { winrateCommand } from './winrate.js';
import { checkCommand } from './check.js';
import { algorithmsCommand } from './algorithms.js';
import { equilibriumCommand } from './equilibrium.js';
import { selfplayCommand } from './selfplay.js';
import { exportNfgCommand } from './export-nfg.js';

/** Every `ualign` subcommand, in the order `ualign --help` lists them. */
export const COMMANDS: Command[] = [winrateCommand, exploitabilityCommand, nashCommand, bestKOutputCommand, equilibriumCommand, selfplayCommand, exportNfgCommand, checkCommand, algorithmsCommand, verifyCommand, replayCommand, mergeReportsCommand];
