// G_{k+1} (SPEC §3) in Gambit's .nfg payoff format, for cross-checks with Gambit's solvers.
// Player i's payoff at a pure profile (y_0..y_k) is the probability that the user (rule `uniform`)
// picks player i's response: Σ_θ w_θ 1[y_i in the best shown tier of θ] / #(players in that tier).
// For a Luce type (SPEC §4b) it is s_θ(y_i)/Σ_j s_θ(y_j).
// Payoffs are written as integers: the exact payoffs times one common denominator (scaling all
// payoffs by a positive constant leaves the equilibria unchanged); the comment line records it.
import { lcm, commonDenominator } from '../exact/rational.js';
import { InputError } from '../model/errors.js';
import { Prompt } from '../model/types.js';
import { distinctValues, sumSets } from '../winrate/luce.js';
import { requireDrawCount } from '../winrate/product.js';

/** Number of pure strategy profiles n^{k+1} of G_{k+1} (what a normal-form solver faces). */
export function normalFormSize(n: number, k: number): bigint {
  return BigInt(n) ** BigInt(k + 1);
}

const quote = (s: string): string => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/**
 * The .nfg text of G_{k+1} on one prompt. Profiles are listed with player 1's strategy varying
 * fastest; each profile lists the k+1 payoffs. Throws InputError above `maxProfiles` profiles.
 */
export function gameToNfg(prompt: Prompt, k: number, opts: { maxProfiles?: number; title?: string } = {}): string {
  requireDrawCount(k);
  const n = prompt.responses.length;
  const N = k + 1;
  const size = normalFormSize(n, k);
  const max = BigInt(opts.maxProfiles ?? 1_000_000);
  if (size > max) throw new InputError(`export-nfg: G_${N} has ${size} pure profiles (n^(k+1)), above the limit ${max}`);
  const { num: a, den: B } = commonDenominator(prompt.users.map((u) => u.weight));
  let L = 1n;
  for (let c = 2; c <= N; c++) L = lcm(L, BigInt(c));
  // Luce types: every sum of N strengths divides L
  for (const u of prompt.users) if (u.kind === 'luce') for (const t of sumSets(distinctValues(u), N)[N]) L = lcm(L, BigInt(t));
  const scale = B * L; // payoff = integer / scale
  const lines: string[] = [];
  const players = Array.from({ length: N }, (_, i) => quote(`Player ${i + 1}`)).join(' ');
  const comment =
    `ualign: G_${N} (k = ${k}, rule uniform); strategies 1..${n} = ${prompt.responses.join(', ')}; ` +
    `payoffs are exact payoffs times ${scale}`;
  lines.push(`NFG 1 R ${quote(opts.title ?? `ualign alignment game G_${N}`)} { ${players} } { ${Array(N).fill(n).join(' ')} }`);
  lines.push(quote(comment));
  lines.push('');
  const s = new Array<number>(N).fill(0);
  const pay = new Array<bigint>(N);
  const m = prompt.users.length;
  const total = Number(size);
  const out: string[] = [];
  for (let idx = 0; idx < total; idx++) {
    pay.fill(0n);
    for (let ui = 0; ui < m; ui++) {
      const u = prompt.users[ui];
      if (u.kind === 'luce') {
        let t = 0;
        for (let i = 0; i < N; i++) t += u.ints[s[i]];
        const unit = (a[ui] * L) / BigInt(t);
        for (let i = 0; i < N; i++) pay[i] += unit * BigInt(u.ints[s[i]]);
        continue;
      }
      const rank = u.rank;
      let b = Infinity;
      let c = 0;
      for (let i = 0; i < N; i++) {
        const r = rank[s[i]];
        if (r < b) {
          b = r;
          c = 1;
        } else if (r === b) c++;
      }
      const share = (a[ui] * L) / BigInt(c);
      for (let i = 0; i < N; i++) if (rank[s[i]] === b) pay[i] += share;
    }
    out.push(pay.join(' '));
    for (let i = 0; i < N; i++) {
      if (++s[i] < n) break;
      s[i] = 0;
    }
  }
  lines.push(out.join('\n'));
  return lines.join('\n') + '\n';
}
