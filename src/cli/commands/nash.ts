import { InputError } from '../../model/errors.js';
import { policyToJson } from '../../model/codec.js';
import { allMaximalLotteries, maximalLottery } from '../../equilibria/maximalLottery.js';
import { toJsonText } from '../../report/atomic.js';
import { parseArgs, need } from '../args.js';
import { loadProfileShown } from '../inputs.js';
import { progress } from '../progress.js';
import { Command } from '../command.js';

/** Largest prompt --all enumerates (vertex enumeration over feasible bases). */
const ALL_MAX_N = 10;

const help = `ualign nash --profile P [--all] [--json]

An exact maximal lottery: the equilibrium of the NLHF game (SPEC §3), π with min_y P(π ≻ y) = 1/2,
with its certificate P(π ≻ y) ≥ 1/2 for every response y, checked exactly. A Condorcet winner c
(P(c ≻ y) > 1/2 for all y ≠ c) is reported and is the unique maximal lottery δ_c.
  --profile P   profile JSON or PrefLib file (.soc .soi .toc .toi)
  --all         also list every extreme maximal lottery (n ≤ ${ALL_MAX_N} responses per prompt), since the
                maximal lottery need not be unique (ties, even numbers of voters)
  --json        machine-readable output: {"policy", "value", "condorcetWinner", "certificate"[, "policies"]}`;

export const nashCommand: Command = {
  name: 'nash',
  summary: 'exact maximal lottery (NLHF equilibrium) with certificate; --all lists every extreme one',
  help,
  async run(argv) {
    const a = parseArgs(argv, ['profile'], ['all', 'json'], 'nash', { positionals: 0 });
    const pr = progress('nash');
    const profile = loadProfileShown(need(a, 'profile', 'nash'), pr);
    if (a.flags.has('all'))
      profile.prompts.forEach(({ prompt }, x) => {
        if (prompt.responses.length > ALL_MAX_N)
          throw new InputError(`nash: --all lists every extreme maximal lottery only for n ≤ ${ALL_MAX_N} responses; prompt ${x} has ${prompt.responses.length}`);
      });
    const size = profile.prompts.map(({ prompt }) => `${prompt.responses.length} responses, ${prompt.users.length} user types`).join('; ');
    pr.update(`maximal lottery of ${profile.prompts.length > 1 ? `${profile.prompts.length} prompts (${size})` : size}, exact LP and certificate…`);
    const r = await maximalLottery(profile);
    pr.done();
    if (a.flags.has('all')) pr.update('enumerating the extreme maximal lotteries…');
    const all = a.flags.has('all') ? allMaximalLotteries(profile, { maxN: ALL_MAX_N }) : null;
    pr.done();
    const single = profile.prompts.length === 1;
    const per = r.prompts.map((p, x) => {
      const pr = profile.prompts[x].prompt;
      return {
        policy: policyToJson(p.probs, pr),
        condorcetWinner: p.condorcetWinner === null ? null : pr.responses[p.condorcetWinner],
        certificate: {
          method: p.method,
          minWinRate: p.value.toFraction(),
          winRates: Object.fromEntries(p.winRates.map((v, y) => [pr.responses[y], v.toFraction()])),
        },
        policies: all?.[x].map((pi) => policyToJson(pi, pr)),
      };
    });
    if (a.flags.has('json')) {
      const out: Record<string, unknown> = single
        ? { policy: per[0].policy, value: r.value.toFraction(), condorcetWinner: per[0].condorcetWinner, certificate: per[0].certificate }
        : {
            policy: { prompts: per.map((p) => p.policy) },
            value: r.value.toFraction(),
            condorcetWinner: per.map((p) => p.condorcetWinner),
            certificate: { prompts: per.map((p) => p.certificate) },
          };
      if (all) out.policies = single ? per[0].policies : per.map((p) => p.policies);
      process.stdout.write(toJsonText(out));
      return 0;
    }
    const lines: string[] = [];
    per.forEach((p, x) => {
      if (!single) lines.push(`prompt ${x} (weight ${profile.prompts[x].weight.toFraction()}):`);
      lines.push(`  maximal lottery: ${Object.entries(p.policy).map(([id, v]) => `${id} ${v}`).join(', ')}`);
      lines.push(`  Condorcet winner: ${p.condorcetWinner ?? 'none'}`);
      lines.push(`  certificate (${p.certificate.method}): min_y P(π ≻ y) = ${p.certificate.minWinRate}`);
      if (p.policies) {
        lines.push(`  extreme maximal lotteries (${p.policies.length}):`);
        for (const q of p.policies) lines.push(`    ${Object.entries(q).map(([id, v]) => `${id} ${v}`).join(', ')}`);
      }
    });
    lines.push(`value Σ_x ρ(x) min_y P(π ≻ y) = ${r.value.toFraction()}`);
    process.stdout.write(lines.join('\n') + '\n');
    return 0;
  },
};
