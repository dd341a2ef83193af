import { frac, toDecimal } from '../../exact/rational.js';
import { loadModel } from '../../model/load.js';
import { InputError } from '../../model/errors.js';
import { Model, Profile } from '../../model/types.js';
import { robustness } from '../../winrate/opponents.js';
import { parseRule } from '../../winrate/rules.js';
import { intOpt, need, parseArgs } from '../args.js';
import { BUDGET_HELP, BUDGET_OPTIONS, budgetOf, enforce, modelSizes, promptSizes, winrateEstimate } from '../budget.js';
import { loadProfileShown } from '../inputs.js';
import { progress } from '../progress.js';
import { Command } from '../command.js';
import { toJsonText } from '../../report/atomic.js';

const help = `ualign winrate --profile P --policy Q --k K [--ell L] [--rule R] [--json] [--max-bits B] [--max-work W]

Exact win rates of a policy's k-sample product π^{⊗k} (or of a k-output model) against every
single-output opponent (ℓ = 1) or its best ℓ-output opponent, and its robustness rob_{k,ℓ}.
  --profile P   profile JSON or PrefLib file (.soc .soi .toc .toi)
  --policy Q    policy JSON {"id": "p/q"}, k-output model JSON {"kind": "k-output", ...} or
                mixture JSON {"kind": "mixture", "parts": [...]}
  --k K         outputs of the model (required for a policy; checked against a k-output model)
  --ell L       outputs of the opponent (default 1)
  --rule R      uniform (default) | model-wins-ties | pairwise
  --json        machine-readable output; exact values are "p/q" strings ("p" for integers)
${BUDGET_HELP}`;

/** Resolve k: required for a policy, read from a k-output model or a mixture that states it (and checked against --k). */
export function modelK(model: Model, kOpt: number | undefined, cmd: string): number {
  const stated = model.kind === 'policy' ? undefined : model.k;
  if (stated !== undefined) {
    if (kOpt !== undefined && kOpt !== stated) throw new InputError(`${cmd}: --k ${kOpt} but the ${model.kind === 'k-output' ? 'k-output model' : 'mixture'} has k = ${stated}`);
    return stated;
  }
  if (kOpt === undefined) throw new InputError(`${cmd}: missing --k (see ualign ${cmd} --help)`);
  return kOpt;
}

export function winrateJson(profile: Profile, r: ReturnType<typeof robustness>): Record<string, unknown> {
  const ids = (x: number, items: number[]) => items.map((y) => profile.prompts[x].prompt.responses[y]);
  const per = (x: number) =>
    r.prompts[x].perOpponent === undefined
      ? undefined
      : Object.fromEntries(r.prompts[x].perOpponent!.map((v, y) => [profile.prompts[x].prompt.responses[y], v.toFraction()]));
  const base = { k: r.k, ell: r.ell, rule: r.rule, robustness: r.robustness.toFraction(), decimal: toDecimal(r.robustness, 12) };
  if (profile.prompts.length === 1) {
    const out: Record<string, unknown> = { ...base, worstOpponent: ids(0, r.prompts[0].worst) };
    if (r.ell === 1) out.perOpponent = per(0);
    return out;
  }
  return {
    ...base,
    worstOpponent: r.prompts.map((p, x) => ids(x, p.worst)),
    prompts: r.prompts.map((p, x) => ({
      weight: profile.prompts[x].weight.toFraction(),
      robustness: p.robustness.toFraction(),
      worstOpponent: ids(x, p.worst),
      ...(r.ell === 1 ? { perOpponent: per(x) } : {}),
    })),
  };
}

export const winrateCommand: Command = {
  name: 'winrate',
  summary: 'exact win rates and robustness rob_{k,ℓ} of a policy product or k-output model',
  help,
  run(argv) {
    const a = parseArgs(argv, ['profile', 'policy', 'k', 'ell', 'rule', ...BUDGET_OPTIONS], ['json'], 'winrate', { positionals: 0 });
    const kOpt = a.opts.has('k') ? intOpt(a, 'k', 'winrate') : undefined;
    const ell = intOpt(a, 'ell', 'winrate', 1);
    const rule = parseRule(a.opts.get('rule'));
    const budget = budgetOf(a, 'winrate');
    const profile = loadProfileShown(need(a, 'profile', 'winrate'), progress('winrate'));
    const model = loadModel(need(a, 'policy', 'winrate'), profile);
    const k = modelK(model, kOpt, 'winrate');
    const sizes = promptSizes(profile);
    const ms = modelSizes(model);
    enforce('winrate', budget, (p: { k: number; ell: number }) => winrateEstimate(sizes, ms, p.k, p.ell), { k, ell }, [
      ...(model.kind === 'k-output' ? [] : [{ label: `--k ${k}`, smallest: (p: { k: number; ell: number }) => ({ ...p, k: 1 }) }]),
      { label: `--ell ${ell}`, smallest: (p) => ({ ...p, ell: 1 }) },
    ], `the input (${a.opts.get('policy')})`);
    const r = robustness(profile, model, { k, ell, rule });
    if (a.flags.has('json')) {
      process.stdout.write(toJsonText(winrateJson(profile, r)));
      return 0;
    }
    const lines: string[] = [];
    lines.push(`k = ${k}, ℓ = ${ell}, rule = ${rule}`);
    profile.prompts.forEach(({ prompt, weight }, x) => {
      const p = r.prompts[x];
      if (profile.prompts.length > 1) lines.push(`prompt ${x} (weight ${weight.toFraction()}):`);
      if (p.perOpponent) {
        const w = Math.max(8, ...prompt.responses.map((s) => s.length));
        lines.push(`  ${'opponent'.padEnd(w)}  win rate`);
        p.perOpponent.forEach((v, y) => lines.push(`  ${prompt.responses[y].padEnd(w)}  ${v.toFraction().padEnd(14)} ≈ ${toDecimal(v, 6)}`));
      }
      lines.push(`  worst opponent: ${p.worst.map((y) => prompt.responses[y]).join(', ')}  (win rate ${p.robustness.toFraction()})`);
    });
    const theory = frac(k, k + 1);
    lines.push(`robustness rob_{${k},${ell}} = ${r.robustness.toFraction()}  ≈ ${toDecimal(r.robustness, 6)}   (k/(k+1) = ${theory.toFraction()})`);
    process.stdout.write(lines.join('\n') + '\n');
    return 0;
  },
};
