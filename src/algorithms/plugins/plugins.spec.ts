import { describe, expect, it } from 'vitest';
import { answerProblem, shapeProblem } from './checks.js';
import { splitCommandLine } from './commandLine.js';
import { readAnswer, readHello } from './protocol.js';
import { LineSplitter, logSplitter, PluginRunner, Reply, Transport } from './runner.js';

describe('splitCommandLine: whitespace and simple quoting, no shell', () => {
  it('splits and quotes', () => {
    expect(splitCommandLine('python3 my_alg.py --T 50')).toEqual(['python3', 'my_alg.py', '--T', '50']);
    expect(splitCommandLine("  a  'b c'  \"d \\\" e\"  f\\ g ")).toEqual(['a', 'b c', 'd " e', 'f g']);
    expect(splitCommandLine(`x '' ""`)).toEqual(['x', '', '']);
    expect(splitCommandLine(`x 'it''s' "a\\\\b" "c\\d"`)).toEqual(['x', 'its', 'a\\b', 'c\\d']);
    expect(splitCommandLine('a|b $HOME *.py')).toEqual(['a|b', '$HOME', '*.py']); // no shell meaning
    expect(splitCommandLine("ab'cd'ef")).toEqual(['abcdef']);
  });
  it('refuses unterminated quotes, a trailing backslash and an empty command', () => {
    expect(() => splitCommandLine("a 'b")).toThrow(/unterminated '/);
    expect(() => splitCommandLine('a "b')).toThrow(/unterminated "/);
    expect(() => splitCommandLine('a \\')).toThrow(/trailing backslash/);
    expect(() => splitCommandLine('   ')).toThrow(/no command given/);
  });
});

describe('protocol 1 envelopes', () => {
  it('hello', () => {
    expect(readHello('{"name":"x","protocol":1}')).toEqual({ name: 'x' });
    expect(readHello('{"name":"x","protocol":1,"description":"d"}')).toEqual({ name: 'x', description: 'd' });
    expect(() => readHello('{"name":"x","protocol":2}')).toThrow(/"protocol": 1, got 2/);
    expect(() => readHello('{"name":"x"}')).toThrow(/"protocol": 1, got none/);
    expect(() => readHello('{"name":"","protocol":1}')).toThrow(/non-empty string "name"/);
    expect(() => readHello('{"name":"x","protocol":1,"nmae":"y"}')).toThrow(/unknown key "nmae"/);
    expect(() => readHello('[1]')).toThrow(/not a JSON object/);
    expect(() => readHello('hi')).toThrow(/not JSON: "hi"/);
  });
  it('answers: policy, model, error, long form with slack and note', () => {
    expect(readAnswer('{"id":3,"policy":{"a":"1/2","b":"1/2"}}', 3)).toEqual({ answer: { a: '1/2', b: '1/2' } });
    const m = { kind: 'mixture', parts: [{ weight: '1', policy: { a: 1 } }] };
    expect(readAnswer(JSON.stringify({ id: 1, model: m }), 1)).toEqual({ answer: m });
    expect(readAnswer('{"id":1,"model":{"a":1},"slack":"1/10","note":"n"}', 1)).toEqual({ answer: { model: { a: 1 }, slack: '1/10', note: 'n' } });
    expect(readAnswer('{"id":1,"policy":{"a":1},"slack":0.25}', 1)).toEqual({ answer: { model: { a: 1 }, slack: 0.25 } });
    expect(readAnswer('{"id":1,"error":"no\\nway"}', 1)).toEqual({ error: 'the plug-in answered an error: "no"' });
  });
  it('answers: wrong or missing id, none or two of policy/model/error, unknown keys, wrong types', () => {
    expect(() => readAnswer('{"id":2,"policy":{}}', 1)).toThrow(/answered id 2, expected 1/);
    expect(() => readAnswer('{"id":"1","policy":{}}', 1)).toThrow(/answered id "1", expected 1/);
    expect(() => readAnswer('{"policy":{}}', 1)).toThrow(/answered id \(none\), expected 1/);
    expect(() => readAnswer('{"id":1}', 1)).toThrow(/exactly one of "policy", "model", "error"$/);
    expect(() => readAnswer('{"id":1,"policy":{},"error":"x"}', 1)).toThrow(/got policy and error/);
    expect(() => readAnswer('{"id":1,"policy":{},"slak":"1"}', 1)).toThrow(/unknown key "slak"/);
    expect(() => readAnswer('{"id":1,"error":3}', 1)).toThrow(/"error" must be a string/);
    expect(() => readAnswer('{"id":1,"policy":[1]}', 1)).toThrow(/"policy" must be a JSON object/);
    expect(() => readAnswer('{"id":1,"policy":{"kind":"k-output","outcomes":[]}}', 1)).toThrow(/holds a k-output model \(send it as "model"\)/);
    expect(() => readAnswer(`{"id":1,${'x'.repeat(200)}`, 1)).toThrow(/not JSON: "\{\\"id\\":1,x{72}…"$/); // ~80 characters quoted
  });
});

describe('checks shared with the worker thread', () => {
  it('the default export shape', () => {
    expect(shapeProblem({ name: 'x', align: () => 1 })).toBeNull();
    expect(shapeProblem(null)).toMatch(/must be \{ name, align/);
    expect(shapeProblem({ align: () => 1 })).toMatch(/non-empty string "name"/);
    expect(shapeProblem({ name: 'x' })).toMatch(/function "align/);
    expect(shapeProblem({ name: 'x', align: () => 1, description: 3 })).toMatch(/"description" must be a string/);
  });
  it('answers must be plain JSON data within the size limit', () => {
    const shared = { a: '1/2' };
    expect(answerProblem({ model: { kind: 'mixture', parts: [{ weight: 1, policy: shared }, { weight: 0, policy: shared }] }, slack: NaN })).toBeNull();
    const cyc: Record<string, unknown> = {};
    cyc.self = { back: cyc };
    expect(answerProblem(cyc)).toMatch(/contains a cycle/);
    expect(answerProblem({ a: () => 1 })).toMatch(/value of type function/);
    expect(answerProblem({ a: 1n })).toMatch(/value of type bigint/);
    expect(answerProblem({ a: new Map() })).toMatch(/contains a Map object/);
    expect(answerProblem({ a: 'x'.repeat(100) }, 50)).toMatch(/larger than/);
    expect(answerProblem(new Array(1e7), 1000)).toMatch(/larger than/); // refused before walking it
    expect(answerProblem({ a: 'x'.repeat(40) }, 50)).toBeNull();
  });
});

describe('LineSplitter', () => {
  it('joins chunks, strips \\r, keeps a last line without newline, bounds the length', () => {
    const lines: string[] = [];
    let long = 0;
    const s = new LineSplitter((l) => lines.push(l), 10, () => long++);
    s.push('ab');
    s.push('c\r\nde\n\nf');
    s.end();
    expect(lines).toEqual(['abc', 'de', '', 'f']);
    s.push('0123456789abc\n');
    expect(long).toBe(1);
    s.push('0123456789');
    s.push('ab');
    expect(long).toBe(2);
  });
  it("a plug-in's own output: a line past 64 KiB is cut with a mark", () => {
    const lines: string[] = [];
    const s = logSplitter((l) => lines.push(l));
    s.push('ok\n' + 'x'.repeat(70 * 1024));
    expect(lines).toEqual(['ok', '(a line longer than 64 KiB was cut)']);
  });
});

describe('PluginRunner: one timeout for every transport', () => {
  /** A transport whose answers the test scripts. */
  function fake(reply: (id: number) => Promise<Reply>): Transport & { kills: number } {
    const t = {
      kills: 0,
      start: () => Promise.resolve({ name: 'fake' }),
      request: (r: { id: number }) => reply(r.id),
      kill: () => void t.kills++,
      close: () => Promise.resolve(),
    };
    return t;
  }
  const prompt = { responses: ['a'], users: [{ weight: '1', ranking: [['a']] }] };

  it('answers pass through; an error answer fails the call without a timeout', async () => {
    const r = new PluginRunner(fake((id) => Promise.resolve(id === 1 ? { answer: { a: 1 } } : { error: 'nope' })), 1000);
    expect(await r.call(prompt, 1, 'uniform')).toEqual({ a: 1 });
    await expect(r.call(prompt, 1, 'uniform')).rejects.toThrow(/^nope$/);
    await r.close();
  });
  it('a late answer: the call fails after the timeout, the plug-in is killed, the failure sticks', async () => {
    const t = fake(() => new Promise(() => {}));
    const r = new PluginRunner(t, 30);
    const t0 = Date.now();
    await expect(r.call(prompt, 2, 'uniform')).rejects.toThrow(/^gave no answer within 0.03 s \(--timeout\); the plug-in was stopped$/);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(25);
    expect(t.kills).toBe(1);
    await expect(r.call(prompt, 2, 'uniform')).rejects.toThrow(/gave no answer within/);
  });
  it('a transport failure kills the plug-in and is reported as its first line', async () => {
    const t = fake(() => Promise.reject(new Error('exited with code 1 before answering\nTraceback …')));
    const r = new PluginRunner(t, 1000);
    await expect(r.call(prompt, 1, 'uniform')).rejects.toThrow(/^exited with code 1 before answering$/);
    expect(t.kills).toBe(1);
  });
});
