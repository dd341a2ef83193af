// ualign public API: the exact kernel of SPEC.md.
export {
  Fraction,
  frac,
  ONE,
  ZERO,
  HALF,
  numer,
  signOf,
  isZero,
  sumOf,
  minOf,
  maxOf,
  argmax,
  parseRational,
  fromDouble,
  toNumber,
  toDecimal,
  gcd,
  lcm,
  commonDenominator,
} from './exact/rational.js';
export * from './model/types.js';
export { makePrompt, makeProfile, makePolicy, makeKOutput, singlePrompt, pointMass } from './model/build.js';
export {
  profileFromJson,
  modelFromJson,
  profileFromPrefLib,
  loadProfile,
  loadModel,
  readJsonFile,
  parseExact,
  parseWeight,
  profileToJson,
  promptToJson,
  modelToJson,
  policyToJson,
} from './model/parse.js';
export { type Rule, RULES, parseRule } from './winrate/rules.js';
export { productScores, productScoreNumerators, productTierValues } from './winrate/product.js';
export { type PromptModel, promptModels } from './winrate/promptModel.js';
export { scoreTable, scoreOf } from './winrate/tables.js';
export { searchMultisets, bestTiers, multisetCount, allMultisets, mixtureOutcomes } from './winrate/multiset.js';
export {
  singleScores,
  opponentScore,
  bestOpponent,
  robustness,
  robustnessOf,
  winRate,
  type BestOpponent,
  type RobustnessResult,
  type PromptRobustness,
} from './winrate/opponents.js';
export { exploitability, promptExploitability, type PromptExploitability } from './winrate/exploitability.js';
export {
  selfPlay,
  floatSelfPlay,
  exactRegret,
  mixtureOfProducts,
  expandMixture,
  roundToSimplex,
  hedgeEta,
  lnUpperBound,
  SELFPLAY_METHODS,
  type SelfPlayMethod,
  type SelfPlayOptions,
  type SelfPlayResult,
  type PromptSelfPlay,
  type RegretResult,
} from './equilibria/dynamics.js';
export {
  equilibrium,
  promptEquilibrium,
  type EquilibriumOptions,
  type EquilibriumResult,
  type PromptEquilibrium,
} from './equilibria/equilibrium.js';
export { krawczykBox, type KrawczykBox } from './equilibria/krawczyk.js';
export { gameToNfg, normalFormSize } from './equilibria/nfg.js';
// issue 3: exact LP engine, maximal lotteries (NLHF), best k-output model V_k
export { type LP, type LPRow, type LPResult, type LPMethod, type Sense, denseRow } from './lp/types.js';
export { simplexSolve } from './lp/simplex.js';
export { solveLP, CROSSOVER, type SolveMethod } from './lp/solve.js';
export { checkResult } from './lp/certificate.js';
export { marginMatrix, pairwiseMatrix, condorcetWinner } from './equilibria/pairwise.js';
export {
  maximalLottery,
  promptMaximalLottery,
  allMaximalLotteries,
  allMaximalLotteriesOfPrompt,
  maximalLotteryCertificate,
  nlhfLP,
  type MaximalLotteryResult,
  type PromptMaximalLottery,
} from './equilibria/maximalLottery.js';
export { bestKOutput, promptBestKOutput, type BestKOutputResult, type PromptBestKOutput, type BestKOutputOptions } from './equilibria/bestKOutput.js';
export {
  type AlignmentAlgorithm,
  type AlignOutput,
  type AlignResultJson,
  type ModelJson,
  type PolicyJson,
  type KOutputJson,
  type MixtureJson,
  type PromptJson,
  type Prob,
} from './algorithms/types.js';
export { BUILTINS, builtin, loadPlugin, resolveAlgorithm, asAlgorithm, type BuiltinSpec } from './algorithms/registry.js';
export { parseAlignOutput, FLOAT_TOLERANCE } from './algorithms/result.js';
export { evaluate, modelsToJson, type Evaluation } from './algorithms/evaluate.js';
export { checkAlgorithm, DEFAULT_RUNS, DEFAULT_SEED, DEFAULT_SEARCH, type CheckOptions, type CheckResult, type CurvePoint } from './algorithms/check.js';
export { builtinFixtures, type NamedProfile } from './algorithms/fixtures.js';
export { writeCheckReport, checkJson, checkMarkdown, checkSvg } from './report/check.js';
// Issue 5: claims as objects, the verification engine and its reports.
export { type Claim, type Verdict, type Expect, type ArbOptions } from './claims/types.js';
export { CLAIMS, claimById, selectClaims } from './claims/registry.js';
export { T0 } from './claims/t0.js';
export { T1 } from './claims/t1.js';
export { T2 } from './claims/t2.js';
export { T3 } from './claims/t3.js';
export { T4, type T4Instance } from './claims/t4.js';
export { T5, type T5Instance } from './claims/t5.js';
export { T6, type T6Instance } from './claims/t6.js';
export { T7, type T7Instance } from './claims/t7.js';
export { N1, N2, N3, N4, type N2Instance } from './claims/negative.js';
export { type PolicyInstance, type ProfileInstance } from './claims/instances.js';
export { runClaim, claimSeed, shardRuns, hashSeed, type ClaimResult, type RunOptions, type Shard, type CorpusEntry } from './claims/run.js';
export { runClaims, type PoolOptions } from './claims/pool.js';
export { verify, DEFAULT_SEED as VERIFY_DEFAULT_SEED, CORPUS_DIR, type VerifyOptions } from './claims/verify.js';
export { loadCorpus } from './claims/corpus.js';
export { FAULTS, setFault } from './claims/kernel.js';
export {
  buildVerifyReport,
  mergeReports,
  verifyMarkdown,
  verifyTable,
  writeVerifyReports,
  counterexampleMarkdown,
  type VerifyReport,
  type ClaimEntry,
  type CounterexampleReport,
} from './report/verify.js';
export { mulberry32 } from './equilibria/floatKernel.js';
