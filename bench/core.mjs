// Bench: all-opponent win rates of a product policy, exact vs the same computation in floats.
import { fileURLToPath } from 'node:url';
import { frac, ONE, ZERO, toNumber, toDecimal, productScores, profileFromJson, modelFromJson } from '../dist/index.js';
import { mallowsProfileJson, randomPolicyJson, timeit } from './util.mjs';

/** The SPEC §2 closed form in doubles (a reference for speed only; never a verdict). */
function floatScores(prompt, weights, probs, k) {
  const n = prompt.responses.length;
  const acc = new Float64Array(n);
  for (let ui = 0; ui < prompt.users.length; ui++) {
    const u = prompt.users[ui];
    const w = weights[ui];
    const mass = new Float64Array(u.numTiers);
    for (let y = 0; y < n; y++) mass[u.rank[y]] += probs[y];
    const g = new Float64Array(u.numTiers);
    let W = 0;
    for (let t = u.numTiers - 1; t >= 0; t--) {
      const E = mass[t];
      g[t] = E === 0 ? W ** k : ((E + W) ** (k + 1) - W ** (k + 1)) / ((k + 1) * E);
      W += E;
    }
    for (let y = 0; y < n; y++) acc[y] += w * g[u.rank[y]];
  }
  return acc;
}

export async function run({ quick = false } = {}) {
  const n = 50;
  const m = 1000;
  const k = 8;
  const den = 1000;
  const profile = profileFromJson(mallowsProfileJson(n, m, 7, 60));
  const prompt = profile.prompts[0].prompt;
  const policy = modelFromJson(randomPolicyJson(prompt.responses, den, 11), profile);
  const probs = policy.perPrompt[0];
  const reps = quick ? 5 : 21;
  const exact = timeit(() => productScores(prompt, probs, k, 'uniform'), { warmup: 5, reps });
  const fprobs = probs.map((p) => toNumber(p));
  const fw = prompt.users.map((u) => toNumber(u.weight));
  const flt = timeit(() => floatScores(prompt, fw, fprobs, k), { warmup: 20, reps });
  // float error against the exact answer, for the record
  let maxErr = 0;
  exact.result.forEach((v, y) => (maxErr = Math.max(maxErr, Math.abs(toNumber(v) - flt.result[y]))));
  return [
    {
      case: 'win rates vs all single opponents, product policy (exact BigInt kernel)',
      sizes: { n, m, k, policyDenominator: den },
      ualignMs: exact.ms,
      ualignMemMB: exact.memMB,
      anchor: 'same closed form in float64',
      anchorMs: flt.ms,
      anchorMemMB: flt.memMB,
      ratio: exact.ms / flt.ms,
      target: 'ualign < 50 ms',
      met: exact.ms < 50,
      note: `max abs(float − exact) = ${maxErr.toExponential(2)}`,
    },
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const r of await run({ quick: process.argv.includes('--quick') })) console.log(r);
}
