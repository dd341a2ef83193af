import { InputError } from '../model/errors.js';
import { COMMANDS } from './commands/index.js';

async function usage(): Promise<string> {
  const cmds = await Promise.all(COMMANDS.map((c) => c.load()));
  const w = Math.max(...cmds.map((c) => c.name.length));
  return (
    'ualign — exact checks of test-time-scaling alignment (Cai & Zheng, Asymptotic Universal Alignment)\n\n' +
    'usage: ualign <command> [options]     ualign <command> --help\n\ncommands:\n' +
    cmds.map((c) => `  ${c.name.padEnd(w)}  ${c.summary}`).join('\n') +
    '\n'
  );
}

/** Entry point: returns the exit code; bad input is one line on stderr and exit 2. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(await usage());
    return name === undefined ? 2 : 0;
  }
  const entry = COMMANDS.find((c) => c.name === name);
  if (!entry) {
    process.stderr.write(`ualign: unknown command "${name}" (see ualign --help)\n`);
    return 2;
  }
  const cmd = await entry.load();
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(cmd.help + '\n');
    return 0;
  }
  try {
    return await cmd.run(rest);
  } catch (e) {
    if (e instanceof InputError || e instanceof RangeError) {
      // messages may already name the command: say it once.
      const msg = e.message.startsWith(`${name}: `) ? e.message.slice(name.length + 2) : e.message;
      process.stderr.write(`ualign ${name}: ${msg.split('\n')[0]}\n`);
      return 2;
    }
    process.stderr.write(`ualign ${name}: internal error: ${(e as Error).message}\n`);
    if (process.env.UALIGN_DEBUG) process.stderr.write(String((e as Error).stack) + '\n');
    return 3;
  }
}
