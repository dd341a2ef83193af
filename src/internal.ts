// ualign/internal: plumbing and test hooks, with no promise of stability. Not for verdicts: everything
// here is either a lower-level piece of what the public API does or a hook for testing the harness.

// deliberate faults in U_k, to show that the harness catches them (UALIGN_FAULT in CLI runs)
export { FAULTS, setFault, activeFault, faultFromEnv, type Fault } from './winrate/faults.js';
// seeded randomness and seed derivation
export { mulberry32 } from './instances/prng.js';
export { hashSeed, claimSeed, shardRuns } from './claims/run.js';
export { runClaims, runTask, runAnyTask, type PoolOptions, type WorkerTask } from './claims/pool.js';
// plug-in claims: the contract's checks, loading in this thread, worker threads under the time limit
export { guardClaim, checkClaimBehaviour, claimShapeProblem, jsonProblem, jsonDifference, type GuardOptions } from './claims/contract.js';
export { importClaim, pluginClaim, probeClaimModule, claimModuleRef, recheck, type ClaimModuleRef, type Recheck } from './claims/plugins.js';
export { callWorker, describeClaimModule, recheckInWorker, workerFile } from './claims/host.js';
export { loadCorpus } from './claims/corpus.js';
// BigInt kernels behind the public functions
export { gcd, lcm, commonDenominator } from './exact/rational.js';
export { solveIntegerSystem, solveRational } from './exact/linear.js';
export { roundToSimplex, floorDiv, ceilDiv } from './exact/dyadic.js';
export { productScoreNumerators } from './winrate/product.js';
export { scoreTable, scoreOf, type ScoreTable } from './winrate/tables.js';
export { searchMultisets, bestTiers, allMultisets } from './winrate/multiset.js';
export { typeStates } from './winrate/searchMixed.js';
export { powerDist, strengthSumDist, luceScoreNumerators, luceJacobianNumerators, ShareDenominator, type SumDist } from './winrate/luce.js';
export { singleScores, opponentScore, robustnessOf } from './winrate/opponents.js';
export { strictPreferences, marginRows, condorcetWinnerOf, pairwiseMatrixFloat } from './winrate/pairwise.js';
export { nlhfLP } from './equilibria/maximalLottery.js';
export { floatSelfPlay } from './equilibria/dynamics.js';
export { floatPrompt, floatScores, floatJacobian, gaussLegendre01 } from './equilibria/floatKernel.js';
export { loadGlpk } from './lp/glpk.js';
export { parseAlignOutput } from './algorithms/result.js';
export { asAlgorithm } from './algorithms/registry.js';
