// C2 the normal-form export (SPEC §3): the .nfg file `ualign export-nfg` writes for external solvers (lrsnash,
// Gambit) is G_{k+1} on the prompt: k+1 players, each with the prompt's n responses as strategies, and at every
// pure profile (y_0..y_k) player i's payoff, divided by the scale the file states, is the probability that the
// user picks player i's response under `uniform` (a Luce type: s(y_i)/Σ_j s(y_j)).
// Compares: the file gameToNfg writes (nfg.ts: integer payoffs over one common scale, the Luce sums by
// distinctValues/sumSets), read back by a reader of Gambit's payoff format written here (tokens, quoted strings
// with escapes, player 1's strategy varying fastest), against every payoff by definition (oracles.typeScoreOf:
// the rule applied to the k other players' responses and player i's one).
import fc from 'fast-check';
import { Fraction, frac } from '../exact/rational.js';
import { profileToJson } from '../model/codec.js';
import { Profile } from '../model/types.js';
import { gameToNfg } from '../equilibria/nfg.js';
import { kArb } from '../instances/sizes.js';
import { intField, onlyPrompt, profileField } from './json.js';
import { InputError } from '../model/errors.js';
import { typeScoreOf } from './oracles.js';
import { profileArbFor } from './instances.js';
import { defineClaim, holds, minRat, profileSize, verdict } from './types.js';

export interface C2Instance {
  readonly profile: Profile;
  readonly k: number;
}

/** A .nfg file in Gambit's payoff format, as read here. */
export interface NfgRead {
  readonly title: string;
  readonly players: readonly string[];
  readonly strategies: readonly number[];
  /** The comment line after the header (null: none). */
  readonly comment: string | null;
  /** The payoffs in file order: one row of players' payoffs per pure profile. */
  readonly rows: readonly (readonly bigint[])[];
}

export interface C2Evidence {
  /** The export read back, or why it could not be read. */
  readonly read: NfgRead | { readonly error: string };
  /** Every payoff by definition, profiles in the file's order (player 1 fastest). */
  readonly byDefinition: readonly (readonly Fraction[])[];
}

const MAXN = 3;
const MAXK = 3;
/** The largest game C2 reads from JSON (n^(k+1) pure profiles; its generator stays at 3^4). */
const MAX_PROFILES = 6561;

/** Tokens of a .nfg file: quoted strings (\" and \\ escaped), braces and bare words. */
function tokens(text: string): { t: 'str' | 'word'; v: string }[] {
  const out: { t: 'str' | 'word'; v: string }[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (/\s/.test(ch)) i++;
    else if (ch === '"') {
      let v = '';
      i++;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === '\\') i++;
        v += text[i++];
      }
      if (i >= text.length) throw new Error('unterminated string');
      i++;
      out.push({ t: 'str', v });
    } else {
      let v = '';
      while (i < text.length && !/\s/.test(text[i])) v += text[i++];
      out.push({ t: 'word', v });
    }
  }
  return out;
}

/** Read a .nfg file in Gambit's payoff format ("NFG 1 R" header, players, strategy counts, payoffs). */
export function readNfg(text: string): NfgRead {
  const ts = tokens(text);
  let p = 0;
  const word = (want?: string) => {
    const t = ts[p++];
    if (t === undefined || t.t !== 'word' || (want !== undefined && t.v !== want)) throw new Error(`expected ${want ?? 'a word'} at token ${p - 1}`);
    return t.v;
  };
  const str = () => {
    const t = ts[p++];
    if (t === undefined || t.t !== 'str') throw new Error(`expected a quoted string at token ${p - 1}`);
    return t.v;
  };
  word('NFG');
  word('1');
  word('R');
  const title = str();
  word('{');
  const players: string[] = [];
  while (ts[p]?.t === 'str') players.push(str());
  word('}');
  word('{');
  const strategies: number[] = [];
  while (ts[p] !== undefined && ts[p].v !== '}') strategies.push(Number(word()));
  word('}');
  const comment = ts[p]?.t === 'str' ? str() : null;
  const N = players.length;
  const total = strategies.reduce((a, b) => a * b, 1);
  const rows: bigint[][] = [];
  for (let r = 0; r < total; r++) rows.push(Array.from({ length: N }, () => BigInt(word())));
  if (p !== ts.length) throw new Error(`${ts.length - p} tokens after the payoffs`);
  return { title, players, strategies, comment, rows };
}

/** Player payoffs of G_{k+1} by definition at every pure profile, player 1's strategy varying fastest. */
export function payoffsByDefinition(profile: Profile, k: number): Fraction[][] {
  const prompt = profile.prompts[0].prompt;
  const n = prompt.responses.length;
  const N = k + 1;
  const out: Fraction[][] = [];
  for (let idx = 0; idx < n ** N; idx++) {
    const s = Array.from({ length: N }, (_, i) => Math.floor(idx / n ** i) % n);
    out.push(s.map((y, i) => prompt.users.reduce((acc, u) => acc.add(u.weight.mul(typeScoreOf(u, s.filter((_, j) => j !== i), [y], 'uniform'))), frac(0))));
  }
  return out;
}

const COMMENT = /^ualign: G_(\d+) \(k = (\d+), rule uniform\); strategies 1\.\.(\d+) = (.*); payoffs are exact payoffs times (\d+)$/;

export const C2 = defineClaim<C2Instance, C2Evidence>({
  id: 'C2',
  title: 'normal-form export',
  statement:
    "The .nfg file export-nfg writes for G_{k+1} on a prompt (weak-order, Luce or mixed user types) is that game: k+1 players, the prompt's n responses as each one's strategies, and at every pure profile each player's payoff, divided by the scale the file states, is the probability that the user picks that player's response (uniform rule; Luce's rule for Luce types).",
  latex: '\\mathrm{payoff}_i(y_0, \\dots, y_k)/\\mathrm{scale} = \\mathbb{E}_\\theta\\, \\Pr_\\theta[\\text{pick } y_i \\mid y_0, \\dots, y_k]',
  rule: 'uniform',
  expect: 'holds',
  compares: "gameToNfg's file read back by a reader of Gambit's payoff format (claims/c2.ts) against every payoff by definition (oracles.typeScoreOf)",
  defaultRuns: 300,
  arbitrary: (o = {}) =>
    fc
      .record({ profile: profileArbFor({ ...o, maxResponses: Math.min(o.maxResponses ?? MAXN, MAXN), maxPrompts: 1 }), k: kArb(Math.min(o.maxK ?? MAXK, MAXK)) })
      .map(({ profile, k }) => ({ profile, k })),
  evidence({ profile, k }) {
    let read: C2Evidence['read'];
    try {
      read = readNfg(gameToNfg(onlyPrompt(profile, 'C2'), k));
    } catch (e) {
      read = { error: e instanceof Error ? e.message : String(e) };
    }
    return { read, byDefinition: payoffsByDefinition(profile, k) };
  },
  judge({ profile, k }, e) {
    if ('error' in e.read) return verdict(frac(-1), { error: e.read.error });
    const r = e.read;
    const prompt = profile.prompts[0].prompt;
    const n = prompt.responses.length;
    const N = k + 1;
    const m = COMMENT.exec(r.comment ?? '');
    const scale = m === null ? null : BigInt(m[5]);
    const parts: Fraction[] = [
      holds(r.title === `ualign alignment game G_${N}`),
      holds(r.players.length === N && r.players.every((name, i) => name === `Player ${i + 1}`)),
      holds(r.strategies.length === N && r.strategies.every((c) => c === n)),
      holds(m !== null && m[1] === String(N) && m[2] === String(k) && m[3] === String(n) && m[4] === prompt.responses.join(', ')),
      holds(r.rows.length === e.byDefinition.length && r.rows.every((row) => row.length === N)),
    ];
    if (scale !== null && scale > 0n)
      r.rows.forEach((row, idx) => row.forEach((v, i) => parts.push(holds(e.byDefinition[idx]?.[i] !== undefined && frac(v, scale).equals(e.byDefinition[idx][i])))));
    else parts.push(holds(false));
    return verdict(minRat(parts), { profiles: r.rows.length, scale: scale === null ? null : scale.toString() });
  },
  size: ({ profile, k }) => profileSize(profile, k),
  toJson: ({ profile, k }) => ({ profile: profileToJson(profile), k }),
  fromJson(json) {
    const profile = profileField(json);
    const n = onlyPrompt(profile, 'C2').responses.length;
    const k = intField(json, 'k');
    if (n ** (k + 1) > MAX_PROFILES) throw new InputError(`C2: G_${k + 1} on ${n} responses has ${n}^${k + 1} pure profiles, above the claim's ${MAX_PROFILES}`);
    return { profile, k };
  },
});
