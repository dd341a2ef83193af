import { loadProfile } from '../../model/load.js';
import { InputError } from '../../model/errors.js';
import { gameToNfg } from '../../equilibria/nfg.js';
import { writeFileAtomic } from '../../report/atomic.js';
import { intOpt, need, parseArgs } from '../args.js';
import { Command } from '../command.js';

const help = `ualign export-nfg --profile P --k K [--prompt X] [--max-profiles N] [--out FILE]

Write the (k+1)-player alignment game G_{k+1} (SPEC §3) of one prompt in Gambit's .nfg payoff
format (stdout, or FILE). Payoffs are integers: the exact payoffs times a common denominator,
recorded in the file's comment. The game has n^(k+1) pure profiles; above --max-profiles
(default 1000000) this is refused.
  --prompt X    prompt index (default 0)`;

export const exportNfgCommand: Command = {
  name: 'export-nfg',
  summary: "export G_{k+1} of one prompt in Gambit's .nfg format",
  help,
  run(argv) {
    const a = parseArgs(argv, ['profile', 'k', 'prompt', 'max-profiles', 'out'], [], 'export-nfg');
    const profile = loadProfile(need(a, 'profile', 'export-nfg'));
    const k = intOpt(a, 'k', 'export-nfg');
    const x = intOpt(a, 'prompt', 'export-nfg', 0, 0);
    if (x >= profile.prompts.length) throw new InputError(`export-nfg: --prompt ${x} but the profile has ${profile.prompts.length} prompts`);
    const text = gameToNfg(profile.prompts[x].prompt, k, { maxProfiles: intOpt(a, 'max-profiles', 'export-nfg', 1_000_000) });
    const out = a.opts.get('out');
    if (out !== undefined) writeFileAtomic(out, text);
    else process.stdout.write(text);
    return 0;
  },
};
