import { checkAlgorithm } from './dist/algorithms/check.js';
import { builtin } from './dist/algorithms/registry.js';
import { profileToJson } from './dist/model/parse.js';
const name = process.argv[2]; const K = Number(process.argv[3] ?? 6); const runs = Number(process.argv[4] ?? 100);
const t0 = Date.now();
const r = await checkAlgorithm(builtin(name), { ks: Array.from({length: K}, (_, i) => i + 1), runs });
for (const c of r.curve) console.log(c.k, c.robustness.toString(), c.robustness.toDecimal(6), 'slack', c.slack.toDecimal(8), 'meets', c.meetsTheory, 'nlhf', c.nlhf?.toDecimal(4), 'checked', c.checked, 'repro', c.reproducible, '\n  worst', c.worst.source, JSON.stringify(profileToJson(c.worst.profile)), c.counterexample ? '\n  cex ' + c.counterexample.robustness + ' ' + JSON.stringify(profileToJson(c.counterexample.profile)) : '');
console.log('meets', r.meetsTheory, r.notes, Date.now() - t0, 'ms');
