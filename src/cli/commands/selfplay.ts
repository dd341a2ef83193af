import { frac, toDecimal } from '../../exact/rational.js';
import { modelToJson } from '../../model/codec.js';
import { InputError } from '../../model/errors.js';
import { makeKOutput, makeMixture, makePolicy } from '../../model/build.js';
import { availableParallelism } from 'node:os';
import { SELFPLAY_IDENTITY_WORK, SELFPLAY_METHODS, SelfPlayMethod, expandMixture, selfPlayParallel } from '../../equilibria/dynamics.js';
import { multisetCount } from '../../winrate/multiset.js';
import { intOpt, need, parseArgs } from '../args.js';
import { BUDGET_HELP, BUDGET_OPTIONS, budgetOf, enforce, promptSizes, selfplayEstimate } from '../budget.js';
import { loadProfileShown } from '../inputs.js';
import { progress } from '../progress.js';
import { quoteValue } from '../../model/schema.js';
import { Command } from '../command.js';
import { toJsonText } from '../../report/atomic.js';

/** Largest --bits: the float iterates are scaled by 2^bits, finite below 2^1024. */
const MAX_BITS = 1000;
/** Largest --eta: Hedge's log-weights grow by η per round and must stay finite. */
const MAX_ETA = 1_000_000;

/** Most threads --jobs starts. */
const MAX_JOBS = 256;

/** Most outcomes --expand writes per prompt. */
const MAX_EXPANDED = 20000;

const help = `ualign selfplay --profile P --k K --T T [--method M] [--eta E] [--bits B] [--expand] [--json]
                [--jobs J] [--max-bits B] [--max-work W]

Self-play in G_{k+1} (SPEC T5): the learner's reward at round t is U_k(·; π_t). Float iterates are
rounded to exact rationals (denominator 2^B, default 40); from them Reg_T, σ_T = (1/T) Σ_t π_t^{⊗k} and
rob_k(σ_T) are computed exactly, and the identity rob_k(σ_T) = k/(k+1) − Reg_T/T is checked between
two independent computations (exit 1 if it fails) — when T·k·Σ tiers ≤ ${SELFPLAY_IDENTITY_WORK}; above that
"identity" is null (not checked: rob_k(σ_T) is then k/(k+1) − Reg_T/T by T5, which ualign verify checks
on small instances). For Hedge with the default step η = sqrt(8 ln n / T), Reg_T ≤ sqrt((T/2) ln n) is checked
exactly (with a rational upper bound of ln n) on the rounded iterates.
  --profile P   profile JSON or PrefLib file (.soc .soi .toc .toi)
  --k K         number of samples k (the game has k+1 players)
  --T T         rounds of self-play
  --method M    hedge (default) | omwu | extragradient
  --eta E       fixed step size, a decimal in (0, ${MAX_ETA}] (it only drives the float dynamics)
  --bits B      exact iterates are multiples of 2^-B summing to 1 (default 40, 8 to ${MAX_BITS})
  --expand      output σ_T as an explicit k-output model (loadable by ualign winrate; at most
                C(n+k−1, k) ≤ ${MAX_EXPANDED} outcomes per prompt)
  --jobs J      threads for the exact sums (default: all cores; 0 or 1 = this thread only; used when the
                sums are large). The output does not depend on it.
  --json        lastIterate, mixture ({"kind": "mixture", "k", "parts": [{weight, policy}]}: loadable by
                ualign winrate --policy), regret, robustness, identity, hedgeBound
${BUDGET_HELP}`;

export const selfplayCommand: Command = {
  name: 'selfplay',
  summary: 'self-play dynamics in G_{k+1}: last iterate, σ_T and the exact regret Reg_T (T5)',
  help,
  async run(argv) {
    const a = parseArgs(argv, ['profile', 'k', 'T', 'method', 'eta', 'bits', 'jobs', ...BUDGET_OPTIONS], ['json', 'expand'], 'selfplay', { positionals: 0 });
    const k = intOpt(a, 'k', 'selfplay');
    const T = intOpt(a, 'T', 'selfplay');
    const bits = intOpt(a, 'bits', 'selfplay', 40, 8);
    if (bits > MAX_BITS) throw new InputError(`selfplay: --bits must be at most ${MAX_BITS} (iterates are doubles scaled by 2^bits), got ${bits}`);
    const jobs = intOpt(a, 'jobs', 'selfplay', availableParallelism(), 0);
    if (jobs > MAX_JOBS) throw new InputError(`selfplay: --jobs must be at most ${MAX_JOBS}, got ${jobs}`);
    const method = (a.opts.get('method') ?? 'hedge') as SelfPlayMethod;
    if (!SELFPLAY_METHODS.includes(method)) throw new InputError(`selfplay: --method must be one of ${SELFPLAY_METHODS.join(', ')}, got ${quoteValue(method)}`);
    let eta: number | undefined;
    if (a.opts.has('eta')) {
      eta = Number(a.opts.get('eta'));
      if (!Number.isFinite(eta) || eta <= 0 || eta > MAX_ETA)
        throw new InputError(`selfplay: --eta must be a positive number at most ${MAX_ETA}, got ${quoteValue(a.opts.get('eta'))}`);
    }
    const budget = budgetOf(a, 'selfplay');
    const pr = progress('selfplay');
    const profile = loadProfileShown(need(a, 'profile', 'selfplay'), pr);
    const sizes = promptSizes(profile);
    type P = { k: number; T: number; bits: number };
    enforce('selfplay', budget, (p: P) => selfplayEstimate(sizes, p.k, p.T, p.bits), { k, T, bits }, [
      { label: `--T ${T}`, smallest: (p) => ({ ...p, T: 1 }) },
      { label: `--k ${k}`, smallest: (p) => ({ ...p, k: 1 }) },
      { label: `--bits ${bits}`, smallest: (p) => ({ ...p, bits: 8 }) },
    ], `the profile (${a.opts.get('profile')})`);
    if (a.flags.has('expand'))
      profile.prompts.forEach(({ prompt }, x) => {
        if (multisetCount(prompt.responses.length, k) > BigInt(MAX_EXPANDED))
          throw new InputError(`selfplay: --expand needs C(n+k−1, k) ≤ ${MAX_EXPANDED} outcomes per prompt; prompt ${x} has ${multisetCount(prompt.responses.length, k)}`);
      });
    const many = profile.prompts.length > 1 ? (x: number) => `prompt ${x + 1} of ${profile.prompts.length}: ` : () => '';
    const r = await selfPlayParallel(profile, k, {
      T,
      jobs,
      method,
      eta,
      bits,
      onProgress: (i) =>
        pr.update(i.phase === 'rounds' ? `${many(i.prompt)}round ${i.round} of ${T}` : `${many(i.prompt)}exact regret and robustness of ${T} rounds…`, i.phase === 'exact'),
    });
    pr.done();
    const single = profile.prompts.length === 1;
    const last = modelToJson(makePolicy(r.prompts.map((p) => p.last)), profile);
    const mixture = modelToJson(makeMixture(r.prompts.map((p) => p.iterates.map((probs) => ({ weight: frac(1, T), probs }))), k), profile);
    let expanded: unknown;
    if (a.flags.has('expand')) {
      const km = makeKOutput(
        k,
        r.prompts.map((p, x) => expandMixture(p.iterates, k, profile.prompts[x].prompt.responses.length)),
      );
      expanded = modelToJson(km, profile);
    }
    if (a.flags.has('json')) {
      process.stdout.write(
        toJsonText({
          k,
          T,
          method,
          eta: r.eta,
          lastIterate: last,
          mixture: expanded ?? mixture,
          regret: r.regret.toFraction(),
          robustness: r.robustness.toFraction(),
          identity: r.identity,
          ...(r.identity === null ? { identityNote: `not checked above T·k·Σ tiers = ${SELFPLAY_IDENTITY_WORK}; robustness = k/(k+1) − Reg_T/T (T5)` } : {}),
          ...(r.hedgeBound ? { hedgeBound: { holds: r.hedgeBound.holds, lnUpper: r.hedgeBound.lnUpper.map((v) => v.toFraction()) } } : {}),
          decimal: { regret: toDecimal(r.regret, 12), robustness: toDecimal(r.robustness, 12) },
        }),
      );
      return r.identity === false ? 1 : 0;
    }
    const lines = [
      `k = ${k}, T = ${T}, method = ${method}, η = ${r.eta}`,
      `regret Reg_T = ${toDecimal(r.regret, 12)}  (Reg_T/T ≈ ${toDecimal(r.regret.div(frac(T)), 12)})`,
      `rob_k(σ_T) ≈ ${toDecimal(r.robustness, 12)}   k/(k+1) − Reg_T/T: ${r.identity === null ? `identity not checked at this size (robustness by T5)` : r.identity ? 'equal (exact)' : 'NOT EQUAL'}`,
    ];
    if (r.hedgeBound) lines.push(`Hedge bound Reg_T ≤ sqrt((T/2) ln n): ${r.hedgeBound.holds ? 'holds (exact)' : 'VIOLATED'}`);
    profile.prompts.forEach(({ prompt }, x) => {
      lines.push(`${single ? '' : `prompt ${x}: `}last iterate: ${r.prompts[x].last.map((v, y) => `${prompt.responses[y]} ≈ ${toDecimal(v, 6)}`).join(', ')}`);
    });
    process.stdout.write(lines.join('\n') + '\n');
    return r.identity === false ? 1 : 0;
  },
};
