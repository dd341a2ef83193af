// One way to run a plug-in outside this thread: a Transport (a worker thread for JS modules, a child
// process for `cmd:` plug-ins) behind a PluginRunner, which puts the start and every call under one
// timeout and stops the plug-in on any failure. Failures are PluginFailure (bad input: one line, exit 2).
import { InputError } from '../../model/errors.js';
import type { Rule } from '../../winrate/rules.js';
import type { PluginAlgorithm, PromptJson } from '../types.js';

/** Default per-call timeout (`ualign check --timeout`, in seconds there). */
export const DEFAULT_TIMEOUT_MS = 60_000;

/** A plug-in failed (timeout, crash, exit, protocol error, error answer); the message is one line. */
export class PluginFailure extends InputError {
  constructor(message: string) {
    super(message);
    this.name = 'PluginFailure';
  }
}

/** What a plug-in says when it is ready. */
export interface Hello {
  readonly name: string;
  readonly description?: string;
}

/** One call: the prompt as profile JSON, k and the rule. */
export interface PluginRequest {
  readonly id: number;
  readonly prompt: PromptJson;
  readonly k: number;
  readonly rule: Rule;
}

/** A call's outcome: the answer (read later by result.ts), or the plug-in's own error message. */
export type Reply = { readonly answer: unknown } | { readonly error: string };

/**
 * The part that differs between worker threads and processes. `start` and `request` reject (with an
 * Error whose message is one line) when the plug-in crashes, exits or breaks the protocol; `kill`
 * stops it at once and is idempotent.
 */
export interface Transport {
  start(): Promise<Hello>;
  request(req: PluginRequest): Promise<Reply>;
  kill(): void;
  /** Stop politely (end of input, short grace period, then kill). */
  close(): Promise<void>;
}

/** Runners whose plug-in may be alive: what stopAllPlugins kills. */
const live = new Set<PluginRunner>();

/** Kill every running plug-in now; resolves when they have gone (SIGINT/SIGTERM handlers wait for it). */
export async function stopAllPlugins(): Promise<void> {
  const all = [...live];
  for (const r of all) r.kill();
  await Promise.all(all.map((r) => r.close()));
}

/** Number of plug-ins currently running (for tests). */
export const runningPlugins = (): number => live.size;

const seconds = (ms: number): string => `${ms / 1000} s`;

/** A transport under one timeout: `start` and `call` each get `timeoutMs`; any failure kills the plug-in. */
export class PluginRunner {
  private nextId = 1;
  private failure: string | null = null;

  constructor(
    private readonly transport: Transport,
    readonly timeoutMs: number,
  ) {
    live.add(this);
  }

  start(): Promise<Hello> {
    return this.guard(this.transport.start(), 'did not start');
  }

  /** One prompt at one k; a reported error is a PluginFailure too (the check stops on it). */
  async call(prompt: PromptJson, k: number, rule: Rule): Promise<unknown> {
    if (this.failure !== null) throw new PluginFailure(this.failure);
    const reply = await this.guard(this.transport.request({ id: this.nextId++, prompt, k, rule }), 'gave no answer');
    if ('error' in reply) throw new PluginFailure(reply.error);
    return reply.answer;
  }

  kill(): void {
    live.delete(this);
    this.transport.kill();
  }

  async close(): Promise<void> {
    live.delete(this);
    await this.transport.close();
  }

  /** `p` within the timeout; on timeout or rejection the plug-in is killed and the failure sticks. */
  private guard<T>(p: Promise<T>, late: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const fail = (message: string) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.failure = message;
        this.kill();
        reject(new PluginFailure(message));
      };
      const timer = setTimeout(() => fail(`${late} within ${seconds(this.timeoutMs)} (--timeout); the plug-in was stopped`), this.timeoutMs);
      p.then(
        (v) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          resolve(v);
        },
        (e: unknown) => fail((e instanceof Error ? e.message : String(e)).split('\n')[0]),
      );
    });
  }
}

/** The algorithm `check` sees: each `align` is one call of the runner. */
export function runnerAlgorithm(runner: PluginRunner, hello: Hello, spec: string): PluginAlgorithm {
  return {
    name: hello.name,
    ...(hello.description !== undefined ? { description: hello.description } : {}),
    spec,
    align: (prompt, k, context) => runner.call(prompt, k, context?.rule ?? 'uniform') as Promise<never>,
    close: () => runner.close(),
  };
}

/** Start a transport under the runner: its hello within the timeout, or a one-line failure. */
export async function startPlugin(transport: Transport, spec: string, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<PluginAlgorithm> {
  if (!(Number.isFinite(timeoutMs) && timeoutMs > 0)) throw new RangeError(`plug-in timeout must be a positive number of ms, got ${timeoutMs}`);
  const runner = new PluginRunner(transport, timeoutMs);
  let hello: Hello;
  try {
    hello = await runner.start();
  } catch (e) {
    await runner.close(); // gone before we report
    throw new PluginFailure(`plug-in ${spec}: ${(e as Error).message}`);
  }
  return runnerAlgorithm(runner, hello, spec);
}

/** Split a stream of text chunks into lines (without "\n" or "\r\n"); `max` bounds a line's length. */
export class LineSplitter {
  private buf = '';
  constructor(
    private readonly onLine: (line: string) => void,
    private readonly max = Infinity,
    private readonly onTooLong: () => void = () => {},
  ) {}

  push(chunk: string): void {
    let start = 0;
    let nl = chunk.indexOf('\n');
    while (nl >= 0) {
      const line = this.buf + chunk.slice(start, nl);
      this.buf = '';
      if (line.length > this.max) return this.onTooLong();
      this.onLine(line.endsWith('\r') ? line.slice(0, -1) : line);
      start = nl + 1;
      nl = chunk.indexOf('\n', start);
    }
    this.buf += chunk.slice(start);
    if (this.buf.length > this.max) {
      this.buf = '';
      this.onTooLong();
    }
  }

  /** The last line when the stream ends without a newline. */
  end(): void {
    if (this.buf !== '') this.onLine(this.buf);
    this.buf = '';
  }
}

/** Longest line of a plug-in's own output (stderr, console) passed on; longer lines are cut. */
export const MAX_LOG_LINE = 64 * 1024;

/** A splitter for a plug-in's own output: lines to `log`, a line past MAX_LOG_LINE cut with a mark. */
export const logSplitter = (log: (line: string) => void): LineSplitter =>
  new LineSplitter(log, MAX_LOG_LINE, () => log(`(a line longer than ${MAX_LOG_LINE / 1024} KiB was cut)`));
