// Exit codes: 2 only for bad input (InputError); any other error is exit 3 "internal error: <message>",
// with a stack trace only under UALIGN_DEBUG. Run in process, with the exact kernel made to divide by zero.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { frac } from '../src/exact/rational.js';
import { main } from '../src/cli/main.js';

vi.mock('../src/winrate/exploitability.js', () => ({
  exploitability: () => ({ epsilon: frac(1, 0), prompts: [] }), // RangeError: division by zero
}));

const run = async (argv: string[]) => {
  const err: string[] = [];
  const out: string[] = [];
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
  try {
    return { code: await main(argv), err: err.join(''), out: out.join('') };
  } finally {
    e.mockRestore();
    o.mockRestore();
  }
};
const args = ['exploitability', '--profile', 'fixtures/profiles/two-camp.json', '--policy', 'fixtures/profiles/two-camp-ne-k2.policy.json', '--k', '2'];

afterEach(() => {
  delete process.env.UALIGN_DEBUG;
});

describe('exit codes', () => {
  it('a RangeError from arithmetic (division by zero) is an internal error: exit 3, one line, no stack', async () => {
    const r = await run(args);
    expect(r.code).toBe(3);
    expect(r.err).toBe('ualign exploitability: internal error: division by zero\n');
    expect(r.out).toBe('');
  });

  it('UALIGN_DEBUG=1 adds the stack trace', async () => {
    process.env.UALIGN_DEBUG = '1';
    const r = await run(args);
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/^ualign exploitability: internal error: division by zero\nRangeError: division by zero\n\s+at /);
  });

  it('bad input is exit 2 (the same command, a bad option)', async () => {
    const r = await run([...args.slice(0, -1), '0']);
    expect(r.code).toBe(2);
    expect(r.err).toBe('ualign exploitability: --k must be an integer ≥ 1, got "0"\n');
  });
});
