// ualign public API (the README's "Library" sections). Plumbing and test hooks are in ./internal.ts.

// exact rationals (fraction.js) and their helpers
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
  mulOf,
  subOf,
  minOf,
  maxOf,
  argmax,
  parseRational,
  parseDecimal,
  parseExactText,
  fromDouble,
  toNumber,
  toDecimal,
  toExponential,
} from './exact/rational.js';

// model: profiles, policies, k-output models, mixtures; reading and writing them
export * from './model/types.js';
export { InputError, CertificateError } from './model/errors.js';
export { makePrompt, makeProfile, makePolicy, makeKOutput, makeMixture, singlePrompt, pointMass, luceType, type UserSpec } from './model/build.js';
export {
  profileFromJson,
  modelFromJson,
  promptModelFromJson,
  parseExact,
  parseWeight,
  profileToJson,
  promptToJson,
  modelToJson,
  policyToJson,
  outcomesToJson,
  mixtureToJson,
  parseStrengths,
  type UserJson,
  FLOAT_TOLERANCE,
  type ReadOptions,
  type PromptModelJson,
} from './model/codec.js';
export { profileFromPrefLib } from './model/preflib.js';
export { loadProfile, loadModel, readJsonFile } from './model/load.js';
export { parseJson, MAX_JSON_DEPTH, MAX_JSON_STRING } from './model/json.js';
export { validate, S, type Shape, type Field } from './model/schema.js';
export { isUnanimous, isImpartialCulture, isStrict, cloneClasses, hasLuce } from './model/structure.js';

// win rates, opponents, exploitability (SPEC §2–3)
export { type Rule, RULES, parseRule } from './winrate/rules.js';
export { productScores } from './winrate/product.js';
export { LUCE_BUDGET, setLuceBudget } from './winrate/luce.js';
export { type PromptModel, promptModels } from './winrate/promptModel.js';
export {
  bestOpponent,
  robustness,
  winRate,
  type BestOpponent,
  type RobustnessResult,
  type PromptRobustness,
} from './winrate/opponents.js';
export { exploitability, promptExploitability, type PromptExploitability } from './winrate/exploitability.js';
export { marginMatrix, pairwiseMatrix, strictShareMatrix, condorcetWinner } from './winrate/pairwise.js';
export { multisetCount, mixtureOutcomes } from './winrate/multiset.js';

// exact LP engine
export { type LP, type LPRow, type LPResult, type LPMethod, type Sense, denseRow } from './lp/types.js';
export { simplexSolve } from './lp/simplex.js';
export { solveLP, solveLPSync, CROSSOVER, type SolveMethod } from './lp/solve.js';
export { checkResult } from './lp/certificate.js';

// maximal lotteries, V_k, equilibria of G_{k+1}, self-play, Gambit export
export {
  maximalLottery,
  maximalLotterySync,
  promptMaximalLottery,
  allMaximalLotteries,
  allMaximalLotteriesOfPrompt,
  maximalLotteryCertificate,
  type MaximalLotteryResult,
  type PromptMaximalLottery,
} from './equilibria/maximalLottery.js';
export {
  bestKOutput,
  bestKOutputSync,
  promptBestKOutput,
  type BestKOutputResult,
  type PromptBestKOutput,
  type BestKOutputOptions,
} from './equilibria/bestKOutput.js';
export { equilibrium, promptEquilibrium, type EquilibriumOptions, type EquilibriumResult, type PromptEquilibrium } from './equilibria/equilibrium.js';
export { EQUILIBRIUM_TUNING, type EquilibriumTuning } from './equilibria/tuning.js';
export { krawczykBox, type KrawczykBox } from './equilibria/krawczyk.js';
export {
  selfPlay,
  selfPlayParallel,
  exactRegret,
  mixtureOfProducts,
  expandMixture,
  hedgeEta,
  lnUpperBound,
  SELFPLAY_METHODS,
  SELFPLAY_IDENTITY_WORK,
  type SelfPlayMethod,
  type SelfPlayOptions,
  type SelfPlayResult,
  type PromptSelfPlay,
  type RegretResult,
} from './equilibria/dynamics.js';
export { gameToNfg, normalFormSize } from './equilibria/nfg.js';

// everything a claim needs (generators, kernels, second opinions, verdict and instance helpers): claims/kit.ts
export * from './claims/kit.js';

// claims as objects and the verification engine
export { DEFAULT_SEED } from './instances/seed.js';
export { type Claim, type Verdict, type Expect, type ArbOptions, type InstanceSize, geq, eqSlack, verdict, minRat, kk1 } from './claims/types.js';
export { CLAIMS, claimById, selectClaims } from './claims/registry.js';
export { T0 } from './claims/t0.js';
export { T1 } from './claims/t1.js';
export { T2 } from './claims/t2.js';
export { T3 } from './claims/t3.js';
export { T4, type T4Instance } from './claims/t4.js';
export { T5, type T5Instance } from './claims/t5.js';
export { T6, type T6Instance } from './claims/t6.js';
export { T7, type T7Instance } from './claims/t7.js';
export { T8, type T8Instance } from './claims/t8.js';
export { T9, type T9Evidence } from './claims/t9.js';
export { N1, N2, N3, N4, N5, N6, type N2Instance, type N5Instance } from './claims/negative.js';
export { L1, L2, type LuceCampInstance } from './claims/luceCamps.js';
export { L3, L4, type L3Instance, type L4Instance } from './claims/luce.js';
export { type PolicyInstance, type ProfileInstance } from './claims/instances.js';
export { runClaim, type ClaimResult, type RunOptions, type Shard, type CorpusEntry } from './claims/run.js';
export { loadClaimModules, type LoadOptions } from './claims/host.js';
export { type LoadedClaimModule } from './claims/plugins.js';
export {
  verify,
  CORPUS_DIR,
  buildVerifyReport,
  mergeReports,
  verifyMarkdown,
  verifyTable,
  writeVerifyReports,
  counterexampleMarkdown,
  type VerifyOptions,
  type VerifyReport,
  type ClaimEntry,
  type CounterexampleReport,
} from './report/verify.js';

// alignment algorithms under test
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
  type AlignContext,
  type PluginAlgorithm,
} from './algorithms/types.js';
export {
  BUILTINS,
  builtin,
  loadPlugin,
  startCommandPlugin,
  resolveAlgorithm,
  closeAlgorithm,
  type BuiltinSpec,
  type PluginOptions,
} from './algorithms/registry.js';
export { DEFAULT_TIMEOUT_MS, PluginFailure } from './algorithms/plugins/runner.js';
export { evaluate, modelsToJson, type Evaluation } from './algorithms/evaluate.js';
export { checkAlgorithm, DEFAULT_RUNS, DEFAULT_SEARCH, type CheckOptions, type CheckResult, type CurvePoint } from './algorithms/check.js';
export { builtinFixtures, type NamedProfile } from './algorithms/fixtures.js';
export { writeCheckReport, checkJson, checkMarkdown, checkSvg } from './report/check.js';
