// `cmd:` plug-ins: one child process per check, speaking protocol 1 (protocol.ts) on stdin/stdout.
// Started without a shell, in its own process group so that killing it also stops what it started.
// Its stderr goes to ours, each line prefixed with its name.
import { ChildProcess, spawn } from 'node:child_process';
import { basename } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { MAX_ANSWER_BYTES } from './checks.js';
import { quote, readAnswer, readHello } from './protocol.js';
import { Hello, LineSplitter, logSplitter, PluginRequest, Reply, Transport } from './runner.js';

/** How long `close` waits for the plug-in to exit after its stdin is closed, before killing it. */
const CLOSE_GRACE_MS = 1000;

export interface ProcessOptions {
  readonly cwd?: string;
  /** Where the plug-in's stderr lines go; gets the current prefix (the program, then the plug-in's name). */
  readonly log?: (prefix: string, line: string) => void;
}

const defaultLog = (prefix: string, line: string) => process.stderr.write(`[${prefix}] ${line}\n`);

/** A transport over the process `argv[0] argv[1…]`. */
export function processTransport(argv: readonly string[], o: ProcessOptions = {}): Transport {
  const log = o.log ?? defaultLog;
  let prefix = basename(argv[0]);
  let child: ChildProcess | null = null;
  let dead: string | null = null;
  let killed = false;
  let exited: Promise<void> = Promise.resolve();
  let hello: { resolve: (h: Hello) => void; reject: (e: Error) => void } | null = null;
  let pending: { id: number; resolve: (r: Reply) => void; reject: (e: Error) => void } | null = null;

  const die = (why: string) => {
    if (dead !== null) return;
    dead = why;
    hello?.reject(new Error(why));
    pending?.reject(new Error(why));
    hello = pending = null;
    kill();
  };

  function kill(): void {
    if (child === null || child.exitCode !== null || child.signalCode !== null) return;
    killed = true;
    try {
      process.kill(-child.pid!, 'SIGKILL'); // the whole group
    } catch {
      child.kill('SIGKILL');
    }
  }

  const onLine = (line: string) => {
    if (dead !== null) return;
    try {
      if (hello !== null) {
        const h = readHello(line);
        prefix = h.name;
        const r = hello;
        hello = null;
        r.resolve(h);
      } else if (pending !== null) {
        const p = pending;
        const reply = readAnswer(line, p.id);
        pending = null;
        p.resolve(reply);
      } else throw new Error(`wrote a line when no request was pending: ${quote(line)}`);
    } catch (e) {
      die((e as Error).message);
    }
  };

  return {
    start() {
      return new Promise<Hello>((resolve, reject) => {
        hello = { resolve, reject };
        const c = spawn(argv[0], argv.slice(1), { cwd: o.cwd, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
        child = c;
        exited = new Promise((done) => c.once('close', () => done()));
        c.unref(); // idle plug-ins do not keep the process alive; a pending call's timer does
        for (const s of [c.stdin!, c.stdout!, c.stderr!]) (s as unknown as { unref?: () => void }).unref?.();
        c.on('error', (e: Error & { code?: string }) => die(e.code === 'ENOENT' ? `cannot start ${JSON.stringify(argv[0])}: no such program` : `cannot start ${JSON.stringify(argv[0])}: ${e.message}`));
        c.stdin!.on('error', () => {}); // EPIPE when it exits early: reported by 'exit'
        const out = new LineSplitter(onLine, MAX_ANSWER_BYTES, () => die(`wrote a line longer than ${MAX_ANSWER_BYTES / 1024 / 1024} MiB`));
        const dec = new StringDecoder('utf8');
        c.stdout!.on('data', (b: Buffer) => out.push(dec.write(b)));
        c.stdout!.on('end', () => out.end());
        const err = logSplitter((line) => log(prefix, line));
        const errDec = new StringDecoder('utf8');
        c.stderr!.on('data', (b: Buffer) => err.push(errDec.write(b)));
        c.stderr!.on('end', () => err.end());
        c.on('exit', (code, signal) => {
          if (killed) die('stopped');
          else die(`exited${code !== null ? ` with code ${code}` : ` on ${signal}`}${hello !== null ? ' before saying hello' : pending !== null ? ' before answering' : ''}`);
        });
      });
    },
    request(req: PluginRequest) {
      if (dead !== null) return Promise.reject(new Error(dead));
      return new Promise<Reply>((resolve, reject) => {
        pending = { id: req.id, resolve, reject };
        child!.stdin!.write(JSON.stringify(req) + '\n');
      });
    },
    kill,
    async close() {
      if (child === null) return;
      // keep the loop alive until it has gone (the handles were unref'd while idle)
      child.ref();
      for (const s of [child.stdout!, child.stderr!]) (s as unknown as { ref?: () => void }).ref?.();
      if (dead === null) {
        dead = 'closed';
        child.stdin!.end();
        const grace = setTimeout(kill, CLOSE_GRACE_MS);
        await exited;
        clearTimeout(grace);
      } else {
        kill();
        await exited;
      }
    },
  };
}
