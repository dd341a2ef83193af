import { InputError } from '../../model/errors.js';
import { gameToNfg } from '../../equilibria/nfg.js';
import { writeFileAtomic } from '../../report/atomic.js';
import { intOpt, need, parseArgs } from '../args.js';
import { BUDGET_HELP, BUDGET_OPTIONS, budgetOf, enforce, nfgEstimate, promptSizes } from '../budget.js';
import { Command } from '../command.js';
import { checkOutFile, loadProfileShown } from '../inputs.js';
import { progress } from '../progress.js';

const DEFAULT_MAX_PROFILES = 1_000_000;

const help = `ualign export-nfg --profile P --k K [--prompt X] [--max-profiles N] [--out FILE] [--max-bits B] [--max-work W]

Write the (k+1)-player alignment game G_{k+1} (SPEC §3) of one prompt in Gambit's .nfg payoff
format (stdout, or FILE). Payoffs are integers: the exact payoffs times a common denominator,
recorded in the file's comment. The game has n^(k+1) pure profiles; above --max-profiles this is
refused (before anything is computed).
  --profile P       profile JSON or PrefLib file (.soc .soi .toc .toi)
  --k K             number of samples k (the game has k+1 players)
  --prompt X        prompt index, from 0 (default 0)
  --max-profiles N  largest number of pure profiles n^(k+1) written (default ${DEFAULT_MAX_PROFILES})
  --out FILE        write the game to FILE (atomically) instead of stdout
${BUDGET_HELP}`;

export const exportNfgCommand: Command = {
  name: 'export-nfg',
  summary: "export G_{k+1} of one prompt in Gambit's .nfg format",
  help,
  run(argv) {
    const a = parseArgs(argv, ['profile', 'k', 'prompt', 'max-profiles', 'out', ...BUDGET_OPTIONS], [], 'export-nfg', { positionals: 0 });
    const k = intOpt(a, 'k', 'export-nfg');
    const x = intOpt(a, 'prompt', 'export-nfg', 0, 0);
    const maxProfiles = intOpt(a, 'max-profiles', 'export-nfg', DEFAULT_MAX_PROFILES);
    const budget = budgetOf(a, 'export-nfg');
    const out = a.opts.get('out');
    if (out !== undefined) checkOutFile(out, 'export-nfg');
    const profile = loadProfileShown(need(a, 'profile', 'export-nfg'), progress('export-nfg'));
    if (x >= profile.prompts.length) throw new InputError(`export-nfg: --prompt ${x} but the profile has ${profile.prompts.length} prompts`);
    const size = promptSizes(profile)[x];
    const est = nfgEstimate(size, k);
    if (est.log2Profiles > Math.log2(maxProfiles))
      throw new InputError(
        `export-nfg: --k ${k} is too big: G_${k + 1} has n^(k+1) = ${size.n}^${k + 1} ≈ 10^${Math.floor(est.log2Profiles * Math.log10(2))} pure profiles, above --max-profiles ${maxProfiles}`,
      );
    enforce('export-nfg', budget, (p: { k: number }) => nfgEstimate(size, p.k), { k }, [{ label: `--k ${k}`, smallest: () => ({ k: 1 }) }], `the profile (${a.opts.get('profile')})`);
    const text = gameToNfg(profile.prompts[x].prompt, k, { maxProfiles });
    if (out !== undefined) writeFileAtomic(out, text);
    else process.stdout.write(text);
    return 0;
  },
};
