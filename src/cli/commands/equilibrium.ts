import { Fraction, frac, signOf, isZero, parseExactText, toNumber, toDecimal } from '../../exact/rational.js';
import { modelToJson } from '../../model/codec.js';
import { CertificateError, InputError } from '../../model/errors.js';
import { Profile } from '../../model/types.js';
import { exploitability } from '../../winrate/exploitability.js';
import { robustness } from '../../winrate/opponents.js';
import { equilibrium } from '../../equilibria/equilibrium.js';
import { KrawczykBox } from '../../equilibria/krawczyk.js';
import { intOpt, need, parseArgs } from '../args.js';
import { BUDGET_HELP, BUDGET_OPTIONS, budgetOf, enforce, equilibriumEstimate, promptSizes } from '../budget.js';
import { loadProfileShown } from '../inputs.js';
import { progress } from '../progress.js';
import { quoteValue } from '../../model/schema.js';
import { Command } from '../command.js';
import { toJsonText } from '../../report/atomic.js';

const help = `ualign equilibrium --profile P --k K [--target E] [--no-box] [--json] [--max-bits B] [--max-work W]

A symmetric ε-equilibrium π of the (k+1)-player alignment game G_{k+1} (SPEC §3) as exact
rationals. ε(π) = max_y U_k(y; π) − 1/(k+1) and rob_k(π^{⊗k}) are recomputed exactly from the
returned π, and rob_k = k/(k+1) − ε (T2). When the support is known and the equilibrium is
isolated, a Krawczyk test certifies a box holding an EXACT equilibrium (then rob_k = k/(k+1) there).
  --profile P   profile JSON or PrefLib file
  --k K         number of samples k (the game has k+1 players)
  --target E    stop refining once ε ≤ E: "p/q", a decimal or 1e-N (default 1e-30)
  --no-box      skip the Krawczyk box
  --json        {"policy", "exploitability", "robustness", "support", "box"} with exact "p/q" values
${BUDGET_HELP}`;

export function parseTarget(s: string | undefined, cmd: string): Fraction | undefined {
  if (s === undefined) return undefined;
  const r = parseExactText(s);
  if (r === null && /^\s*[+-]?\d+(\.\d+)?[eE][+-]?\d+\s*$/.test(s)) throw new InputError(`${cmd}: --target ${quoteValue(s)}: the exponent is too large to read exactly`);
  if (r === null || signOf(r) <= 0) throw new InputError(`${cmd}: --target must be a positive "p/q", decimal or 1e-N, got ${quoteValue(s)}`);
  return r;
}

function boxJson(profile: Profile, x: number, b: KrawczykBox | null): unknown {
  if (b === null) return null;
  const ids = profile.prompts[x].prompt.responses;
  return {
    lo: Object.fromEntries(b.lo.map((v, y) => [ids[y], v.toFraction()])),
    hi: Object.fromEntries(b.hi.map((v, y) => [ids[y], v.toFraction()])),
    radius: b.radius.toFraction(),
  };
}

export const equilibriumCommand: Command = {
  name: 'equilibrium',
  summary: 'certified symmetric ε-equilibrium of G_{k+1} (exact ε, robustness, Krawczyk box)',
  help,
  run(argv) {
    const a = parseArgs(argv, ['profile', 'k', 'target', ...BUDGET_OPTIONS], ['json', 'no-box'], 'equilibrium', { positionals: 0 });
    const k = intOpt(a, 'k', 'equilibrium');
    const target = parseTarget(a.opts.get('target'), 'equilibrium');
    const budget = budgetOf(a, 'equilibrium');
    const pr = progress('equilibrium');
    const profile = loadProfileShown(need(a, 'profile', 'equilibrium'), pr);
    const sizes = promptSizes(profile);
    const targetBits = target === undefined ? 100 : Math.max(0, target.d.toString(2).length - target.n.toString(2).length);
    enforce('equilibrium', budget, (p: { k: number }) => equilibriumEstimate(sizes, p.k, targetBits), { k }, [{ label: `--k ${k}`, smallest: () => ({ k: 1 }) }], `the profile (${a.opts.get('profile')})`);
    let prompt = 0;
    let lastRounds = Infinity;
    const r = equilibrium(profile, k, {
      target,
      box: !a.flags.has('no-box'),
      onProgress: (info) => {
        if (info.rounds < lastRounds) prompt++;
        lastRounds = info.rounds;
        pr.update(
          `${profile.prompts.length > 1 ? `prompt ${prompt} of ${profile.prompts.length}: ` : ''}support search, ${info.rounds} of at most ${info.maxRounds} Hedge rounds` +
            (info.epsilon === null ? '' : `, best ε ≈ ${toNumber(info.epsilon).toExponential(2)}`),
        );
      },
    });
    pr.done();
    // Recompute ε and rob_k exactly from the returned policy (T2 holds by construction; checked here).
    const eps = exploitability(profile, r.policy, k).epsilon;
    const rob = robustness(profile, r.policy, { k }).robustness;
    if (!rob.equals(frac(k, k + 1).sub(eps))) throw new CertificateError('T2 identity failed: rob_k ≠ k/(k+1) − ε');
    const single = profile.prompts.length === 1;
    const support = r.prompts.map((p, x) => p.support.map((y) => profile.prompts[x].prompt.responses[y]));
    const boxes = r.prompts.map((p, x) => boxJson(profile, x, p.box));
    const reasons = r.prompts.map((p) => p.boxReason ?? null);
    if (a.flags.has('json')) {
      process.stdout.write(
        toJsonText({
          k,
          policy: modelToJson(r.policy, profile),
          exploitability: eps.toFraction(),
          robustness: rob.toFraction(),
          support: single ? support[0] : support,
          box: single ? boxes[0] : boxes,
          ...(reasons.some((s) => s !== null) ? { boxReason: single ? reasons[0] : reasons } : {}),
          decimal: { exploitability: toDecimal(eps, 40), robustness: toDecimal(rob, 40) },
        }),
      );
      return 0;
    }
    const lines: string[] = [`k = ${k}`];
    r.prompts.forEach((p, x) => {
      const pr = profile.prompts[x].prompt;
      if (!single) lines.push(`prompt ${x}:`);
      for (const y of p.support) lines.push(`  ${pr.responses[y].padEnd(10)} ≈ ${toDecimal(p.probs[y], 12)}`);
      lines.push(`  support: ${support[x].join(', ')}`);
      lines.push(
        p.box
          ? `  box: an exact symmetric NE lies within ${isZero(p.box.radius) ? '0 (π itself is exact)' : `2^${-(p.box.radius.d.toString(2).length - 1)}`} of π`
          : `  box: none (${p.boxReason ?? 'skipped'})`,
      );
    });
    lines.push(`exploitability ε = ${isZero(eps) ? '0' : `≈ ${toNumber(eps).toExponential(3)} (exact p/q with --json)`}`);
    lines.push(`robustness rob_k(π^{⊗k}) = k/(k+1) − ε ${isZero(eps) ? `= ${rob.toFraction()}` : `≈ ${toDecimal(rob, 12)}`}`);
    process.stdout.write(lines.join('\n') + '\n');
    return 0;
  },
};
