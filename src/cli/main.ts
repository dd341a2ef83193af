import { readFileSync } from 'node:fs';
import { InputError } from '../model/errors.js';
import { COMMANDS } from './commands/index.js';

async function usage(): Promise<string> {
  const cmds = await Promise.all(COMMANDS.map((c) => c.load()));
  const w = Math.max(...cmds.map((c) => c.name.length));
  return (
    'ualign — exact checks of test-time-scaling alignment (Cai & Zheng, Asymptotic Universal Alignment)\n\n' +
    'usage: ualign <command> [options]     ualign <command> --help     ualign --version\n\ncommands:\n' +
    cmds.map((c) => `  ${c.name.padEnd(w)}  ${c.summary}`).join('\n') +
    '\n\nExit codes: 0 ok; 1 a check failed (the output says which); 2 bad input or a refused size (one line on\n' +
    'stderr); 3 internal error (UALIGN_DEBUG=1 prints the stack).\n'
  );
}

/** The package version, from package.json next to dist/. */
export function version(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

const debug = (): boolean => (process.env.UALIGN_DEBUG ?? '') !== '' && process.env.UALIGN_DEBUG !== '0';

/** The command running, for errors that reach the process handlers. */
let current = '';

/**
 * Process-wide handlers of the `ualign` executable (bin/ualign.mjs), not of `main` itself: a closed
 * stdout or stderr (`ualign nash … | head -c 10`) ends quietly with exit 0, since nobody reads any more;
 * an error outside a command's own flow gets the same one line and exit code as inside it.
 */
export function installProcessHandlers(): void {
  for (const s of [process.stdout, process.stderr])
    s.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED') process.exit(0);
      throw e;
    });
  const stray = (e: unknown) => {
    const bad = e instanceof InputError;
    const where = current === '' ? 'ualign' : `ualign ${current}`;
    try {
      process.stderr.write(`${where}: ${bad ? '' : 'internal error: '}${(e instanceof Error ? e.message : String(e)).split('\n')[0]}\n`);
      if (!bad && debug()) process.stderr.write(String(e instanceof Error ? e.stack : e) + '\n');
    } finally {
      process.exit(bad ? 2 : 3);
    }
  };
  process.on('uncaughtException', stray);
  process.on('unhandledRejection', stray);
}

/** Entry point: returns the exit code. Bad input (InputError) is one line on stderr and exit 2; anything else is exit 3. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-V') {
    process.stdout.write(`ualign ${version()}\n`);
    return 0;
  }
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(await usage());
    return name === undefined ? 2 : 0;
  }
  const entry = COMMANDS.find((c) => c.name === name);
  if (!entry) {
    process.stderr.write(`ualign: unknown command ${JSON.stringify(name)} (see ualign --help)\n`);
    return 2;
  }
  const cmd = await entry.load();
  current = name;
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(cmd.help + '\n');
    return 0;
  }
  try {
    return await cmd.run(rest);
  } catch (e) {
    if (e instanceof InputError) {
      // messages may already name the command: say it once.
      const msg = e.message.startsWith(`${name}: `) ? e.message.slice(name.length + 2) : e.message;
      process.stderr.write(`ualign ${name}: ${msg.split('\n')[0]}\n`);
      return 2;
    }
    const msg = e instanceof Error ? e.message : String(e);
    process.stderr.write(`ualign ${name}: internal error: ${msg.split('\n')[0]}\n`);
    if (debug()) process.stderr.write(String(e instanceof Error ? e.stack : e) + '\n');
    return 3;
  }
}
