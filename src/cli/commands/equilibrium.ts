import { Fraction, frac, signOf, isZero, parseExactText, toNumber, toDecimal, toExponential } from '../../exact/rational.js';
import { modelToJson } from '../../model/codec.js';
import { InputError } from '../../model/errors.js';
import { Profile } from '../../model/types.js';
import { DEFAULT_TARGET, PromptEquilibrium, equilibrium } from '../../equilibria/equilibrium.js';
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
rationals. ε(π) = max_y U_k(y; π) − 1/(k+1) is computed exactly from the returned π, and
rob_k(π^{⊗k}) = k/(k+1) − ε (T2). When ε stays above the target, that is said on stderr and the
exit code is 1 (the JSON keeps the exact ε and "targetMet": false). A box is given only where it is
proven: a Krawczyk test certifies that it holds an isolated EXACT equilibrium (rob_k = k/(k+1) there)
with the support shown and every other response strictly below 1/(k+1); otherwise "box": null with
"boxReason" (degenerate, not isolated, clones merged: then "mergedBox" certifies the merged game).
  --profile P   profile JSON or PrefLib file
  --k K         number of samples k (the game has k+1 players)
  --target E    stop refining once ε ≤ E: "p/q", a decimal or 1e-N (default 1e-30)
  --no-box      skip the Krawczyk box
  --json        {"policy", "exploitability", "robustness", "targetMet", "method", "support", "box"[, "boxReason",
                "classes", "mergedBox"], "stats"} with exact "p/q" values; stats: hedgeRounds, supportsTried,
                newtonSteps, exactEvaluations, bits (of the dyadic iterates)
${BUDGET_HELP}`;

export function parseTarget(s: string | undefined, cmd: string): Fraction | undefined {
  if (s === undefined) return undefined;
  const r = parseExactText(s);
  if (r === null && /^\s*[+-]?\d+(\.\d+)?[eE][+-]?\d+\s*$/.test(s)) throw new InputError(`${cmd}: --target ${quoteValue(s)}: the exponent is too large to read exactly`);
  if (r === null || signOf(r) <= 0) throw new InputError(`${cmd}: --target must be a positive "p/q", decimal or 1e-N, got ${quoteValue(s)}`);
  return r;
}

/** How the search went (deterministic: no times): Hedge rounds, supports tried, Newton steps, exact ε evaluations, bits. */
function statsJson(p: PromptEquilibrium): Record<string, number> {
  const { rounds, supports, newton, exact, bits } = p.stats;
  return { hedgeRounds: rounds, supportsTried: supports, newtonSteps: newton, exactEvaluations: exact, bits };
}

/** The merged game's box: per clone class (its members joined by "+"), lower and upper ends of the class mass. */
function mergedBoxJson(profile: Profile, x: number, classes: number[][], b: KrawczykBox): unknown {
  const ids = profile.prompts[x].prompt.responses;
  const label = (c: number[]) => c.map((y) => ids[y]).join('+');
  return {
    lo: Object.fromEntries(classes.map((c, i) => [label(c), b.lo[i].toFraction()])),
    hi: Object.fromEntries(classes.map((c, i) => [label(c), b.hi[i].toFraction()])),
    radius: b.radius.toFraction(),
  };
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
    // ε is exact (computed from the returned π by the closed form of SPEC §2); rob_k = k/(k+1) − ε is T2.
    const eps = r.epsilon;
    const rob = r.robustness;
    const single = profile.prompts.length === 1;
    const missed = () => {
      if (!r.targetMet)
        process.stderr.write(`ualign equilibrium: ε ≈ ${toExponential(eps)} is above the target ${toExponential(target ?? DEFAULT_TARGET)} (the exact ε is in the output)\n`);
      return r.targetMet ? 0 : 1;
    };
    const merged = r.prompts.map((p, x) =>
      p.classes ? { classes: p.classes.map((c) => c.map((y) => profile.prompts[x].prompt.responses[y])), mergedBox: p.mergedBox ? mergedBoxJson(profile, x, p.classes, p.mergedBox) : null } : null,
    );
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
          targetMet: r.targetMet,
          method: single ? r.prompts[0].method : r.prompts.map((p) => p.method),
          support: single ? support[0] : support,
          box: single ? boxes[0] : boxes,
          ...(reasons.some((s) => s !== null) ? { boxReason: single ? reasons[0] : reasons } : {}),
          ...(merged.some((m) => m !== null) ? (single ? merged[0] : { merged }) : {}),
          stats: single ? statsJson(r.prompts[0]) : r.prompts.map(statsJson),
          decimal: { exploitability: toDecimal(eps, 40), robustness: toDecimal(rob, 40) },
        }),
      );
      return missed();
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
    lines.push(`exploitability ${isZero(eps) ? 'ε = 0' : `ε ≈ ${toExponential(eps)} (exact p/q with --json)`}`);
    lines.push(`robustness rob_k(π^{⊗k}) = k/(k+1) − ε ${isZero(eps) ? `= ${rob.toFraction()}` : `≈ ${toDecimal(rob, 12)}`}`);
    process.stdout.write(lines.join('\n') + '\n');
    return missed();
  },
};
