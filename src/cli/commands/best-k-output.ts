import { bestKOutput } from '../../equilibria/bestKOutput.js';
import { modelToJson, policyToJson } from '../../model/codec.js';
import { toJsonText } from '../../report/atomic.js';
import { parseRule } from '../../winrate/rules.js';
import { frac, toDecimal } from '../../exact/rational.js';
import { intOpt, need, parseArgs } from '../args.js';
import { BUDGET_HELP, BUDGET_OPTIONS, bestKOutputEstimate, budgetOf, enforce, promptSizes } from '../budget.js';
import { loadProfileShown } from '../inputs.js';
import { progress } from '../progress.js';
import { Command } from '../command.js';

const help = `ualign best-k-output --profile P --k K [--rule R] [--json] [--max-bits B] [--max-work W]

The best k-output model (SPEC T3): V_k = max over σ ∈ Δ(Y^k) of min_y WR(σ, y), an LP over the
C(n+k−1, k) k-multisets, solved exactly by column generation. Certified by an opponent mixture q
against which no k-multiset wins more than V_k, checked exactly.
  --profile P   profile JSON or PrefLib file (.soc .soi .toc .toi)
  --k K         outputs of the model
  --rule R      uniform (default) | model-wins-ties | pairwise
  --json        machine-readable output: {"value", "model": {"kind": "k-output", "outcomes"}, "certificate"}
${BUDGET_HELP}`;

export const bestKOutputCommand: Command = {
  name: 'best-k-output',
  summary: 'exact V_k = max rob_k(σ) over k-output models, with an optimal model and certificate',
  help,
  async run(argv) {
    const a = parseArgs(argv, ['profile', 'k', 'rule', ...BUDGET_OPTIONS], ['json'], 'best-k-output', { positionals: 0 });
    const k = intOpt(a, 'k', 'best-k-output');
    const rule = parseRule(a.opts.get('rule'));
    const budget = budgetOf(a, 'best-k-output');
    const pr = progress('best-k-output');
    const profile = loadProfileShown(need(a, 'profile', 'best-k-output'), pr);
    const sizes = promptSizes(profile);
    enforce('best-k-output', budget, (p: { k: number }) => bestKOutputEstimate(sizes, p.k), { k }, [{ label: `--k ${k}`, smallest: () => ({ k: 1 }) }], `the profile (${a.opts.get('profile')})`);
    let prompt = 0;
    const r = await bestKOutput(profile, k, rule, {
      onProgress: (info) => {
        if (info.iterations === 1) prompt++;
        pr.update(
          `${profile.prompts.length > 1 ? `prompt ${prompt} of ${profile.prompts.length}: ` : ''}column generation round ${info.iterations}, ${info.columns} of ${info.multisets} k-multisets in the LP`,
        );
      },
    });
    pr.done();
    const single = profile.prompts.length === 1;
    const cert = r.prompts.map((p, x) => ({
      value: p.value.toFraction(),
      opponent: policyToJson(p.opponent, profile.prompts[x].prompt),
      multisets: p.stats.multisets.toString(),
      columns: p.stats.columns,
    }));
    if (a.flags.has('json')) {
      process.stdout.write(
        toJsonText({
          k,
          rule,
          value: r.value.toFraction(),
          model: modelToJson(r.model, profile),
          certificate: single ? cert[0] : { prompts: cert },
        }),
      );
      return 0;
    }
    const lines: string[] = [`k = ${k}, rule = ${rule}`];
    r.prompts.forEach((p, x) => {
      const pr = profile.prompts[x].prompt;
      if (!single) lines.push(`prompt ${x} (weight ${profile.prompts[x].weight.toFraction()}): V_k = ${p.value.toFraction()}`);
      lines.push(`  model (${p.outcomes.length} outcomes of ${p.stats.multisets} multisets):`);
      for (const o of p.outcomes) lines.push(`    ${o.prob.toFraction().padEnd(12)} {${o.items.map((y) => pr.responses[y]).join(', ')}}`);
      lines.push(`  certificate: opponent mixture ${Object.entries(cert[x].opponent).map(([id, v]) => `${id} ${v}`).join(', ')}`);
    });
    lines.push(`V_${k} = ${r.value.toFraction()}  ≈ ${toDecimal(r.value, 6)}   (k/(k+1) = ${frac(k, k + 1).toFraction()})`);
    process.stdout.write(lines.join('\n') + '\n');
    return 0;
  },
};
