import { frac, toDecimal } from '../../exact/rational.js';
import { loadProfile } from '../../model/load.js';
import { modelToJson, policyToJson } from '../../model/codec.js';
import { InputError } from '../../model/errors.js';
import { makeKOutput, makeMixture, makePolicy } from '../../model/build.js';
import { SELFPLAY_METHODS, SelfPlayMethod, expandMixture, selfPlay } from '../../equilibria/dynamics.js';
import { multisetCount } from '../../winrate/multiset.js';
import { intOpt, need, parseArgs } from '../args.js';
import { Command } from '../command.js';
import { toJsonText } from '../../report/atomic.js';

const help = `ualign selfplay --profile P --k K --T T [--method M] [--eta E] [--bits B] [--expand] [--json]

Self-play in G_{k+1} (SPEC T5): the learner's reward at round t is U_k(·; π_t). Float iterates are
rounded to exact rationals (denominator 2^B, default 40); from them Reg_T, σ_T = (1/T) Σ_t π_t^{⊗k} and
rob_k(σ_T) are computed exactly, and the identity rob_k(σ_T) = k/(k+1) − Reg_T/T is checked.
For Hedge with the default step η = sqrt(8 ln n / T), Reg_T ≤ sqrt((T/2) ln n) is checked exactly
(with a rational upper bound of ln n) on the rounded iterates.
  --method M    hedge (default) | omwu | extragradient
  --eta E       fixed step size (a decimal; it only drives the float dynamics)
  --expand      output σ_T as an explicit k-output model (loadable by ualign winrate; small n, k only)
  --json        lastIterate, mixture ({"kind": "mixture", "k", "parts": [{weight, policy}]}: loadable by ualign winrate --policy), regret, robustness, identity, hedgeBound`;

export const selfplayCommand: Command = {
  name: 'selfplay',
  summary: 'self-play dynamics in G_{k+1}: last iterate, σ_T and the exact regret Reg_T (T5)',
  help,
  run(argv) {
    const a = parseArgs(argv, ['profile', 'k', 'T', 'method', 'eta', 'bits'], ['json', 'expand'], 'selfplay');
    const profile = loadProfile(need(a, 'profile', 'selfplay'));
    const k = intOpt(a, 'k', 'selfplay');
    const T = intOpt(a, 'T', 'selfplay');
    const bits = intOpt(a, 'bits', 'selfplay', 40, 8);
    const method = (a.opts.get('method') ?? 'hedge') as SelfPlayMethod;
    if (!SELFPLAY_METHODS.includes(method)) throw new InputError(`selfplay: --method must be one of ${SELFPLAY_METHODS.join(', ')}, got "${method}"`);
    let eta: number | undefined;
    if (a.opts.has('eta')) {
      eta = Number(a.opts.get('eta'));
      if (!Number.isFinite(eta) || eta <= 0) throw new InputError(`selfplay: --eta must be a positive number, got "${a.opts.get('eta')}"`);
    }
    const r = selfPlay(profile, k, { T, method, eta, bits });
    const single = profile.prompts.length === 1;
    const last = modelToJson(makePolicy(r.prompts.map((p) => p.last)), profile);
    const mixture = modelToJson(makeMixture(r.prompts.map((p) => p.iterates.map((probs) => ({ weight: frac(1, T), probs }))), k), profile);
    let expanded: unknown;
    if (a.flags.has('expand')) {
      const cnt = profile.prompts.map(({ prompt }) => multisetCount(prompt.responses.length, k));
      if (cnt.some((c) => c > 20000n)) throw new InputError(`selfplay: --expand needs C(n+k−1, k) ≤ 20000 outcomes per prompt`);
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
          ...(r.hedgeBound ? { hedgeBound: { holds: r.hedgeBound.holds, lnUpper: r.hedgeBound.lnUpper.map((v) => v.toFraction()) } } : {}),
          decimal: { regret: toDecimal(r.regret, 12), robustness: toDecimal(r.robustness, 12) },
        }),
      );
      return r.identity ? 0 : 1;
    }
    const lines = [
      `k = ${k}, T = ${T}, method = ${method}, η = ${r.eta}`,
      `regret Reg_T = ${toDecimal(r.regret, 12)}  (Reg_T/T ≈ ${toDecimal(r.regret.div(frac(T)), 12)})`,
      `rob_k(σ_T) ≈ ${toDecimal(r.robustness, 12)}   k/(k+1) − Reg_T/T: ${r.identity ? 'equal (exact)' : 'NOT EQUAL'}`,
    ];
    if (r.hedgeBound) lines.push(`Hedge bound Reg_T ≤ sqrt((T/2) ln n): ${r.hedgeBound.holds ? 'holds (exact)' : 'VIOLATED'}`);
    profile.prompts.forEach(({ prompt }, x) => {
      lines.push(`${single ? '' : `prompt ${x}: `}last iterate: ${r.prompts[x].last.map((v, y) => `${prompt.responses[y]} ≈ ${toDecimal(v, 6)}`).join(', ')}`);
    });
    process.stdout.write(lines.join('\n') + '\n');
    return r.identity ? 0 : 1;
  },
};
