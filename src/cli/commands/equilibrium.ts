import { Fraction, frac, signOf, isZero, parseRational, toDecimal, toExponential } from '../../exact/rational.js';
import { loadProfile } from '../../model/load.js';
import { modelToJson } from '../../model/codec.js';
import { InputError } from '../../model/errors.js';
import { Profile } from '../../model/types.js';
import { DEFAULT_TARGET, PromptEquilibrium, equilibrium } from '../../equilibria/equilibrium.js';
import { KrawczykBox } from '../../equilibria/krawczyk.js';
import { intOpt, need, parseArgs } from '../args.js';
import { Command } from '../command.js';
import { toJsonText } from '../../report/atomic.js';

const help = `ualign equilibrium --profile P --k K [--target E] [--no-box] [--json]

A symmetric ε-equilibrium π of the (k+1)-player alignment game G_{k+1} (SPEC §3) as exact
rationals. ε(π) = max_y U_k(y; π) − 1/(k+1) is computed exactly from the returned π, and
rob_k(π^{⊗k}) = k/(k+1) − ε (T2). When ε stays above the target, that is said on stderr and the
exit code is 1 (the JSON keeps the exact ε and "targetMet": false). A box is given only where it is
proven: a Krawczyk test certifies that it holds an isolated EXACT equilibrium (rob_k = k/(k+1) there)
with the support shown and every other response strictly below 1/(k+1); otherwise "box": null with
"boxReason" (degenerate, not isolated, clones merged: then "mergedBox" certifies the merged game).
  --profile P   profile JSON or PrefLib file
  --k K         number of samples k (the game has k+1 players)
  --target E    stop refining once ε ≤ E: "p/q" or 1e-N (default 1e-30)
  --no-box      skip the Krawczyk box
  --json        {"policy", "exploitability", "robustness", "targetMet", "method", "support", "box"[, "boxReason",
                "classes", "mergedBox"], "stats"} with exact "p/q" values; stats: hedgeRounds, supportsTried,
                newtonSteps, exactEvaluations, bits (of the dyadic iterates)`;

export function parseTarget(s: string | undefined, cmd: string): Fraction | undefined {
  if (s === undefined) return undefined;
  const m = /^\s*1e-(\d+)\s*$/i.exec(s);
  const r = m ? frac(1n, 10n ** BigInt(m[1])) : parseRational(s);
  if (r === null || signOf(r) <= 0) throw new InputError(`${cmd}: --target must be a positive "p/q" or 1e-N, got "${s}"`);
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
    const a = parseArgs(argv, ['profile', 'k', 'target'], ['json', 'no-box'], 'equilibrium');
    const profile = loadProfile(need(a, 'profile', 'equilibrium'));
    const k = intOpt(a, 'k', 'equilibrium');
    const target = parseTarget(a.opts.get('target'), 'equilibrium');
    const r = equilibrium(profile, k, { target, box: !a.flags.has('no-box') });
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
    lines.push(`exploitability ε = ${isZero(eps) ? '0' : `≈ ${toExponential(eps)} (exact p/q with --json)`}`);
    lines.push(`robustness rob_k(π^{⊗k}) = k/(k+1) − ε ${isZero(eps) ? `= ${rob.toFraction()}` : `≈ ${toDecimal(rob, 12)}`}`);
    process.stdout.write(lines.join('\n') + '\n');
    return missed();
  },
};
