// ualign public API: the exact kernel of SPEC.md.
export { Rat, gcd, lcm, commonDenominator } from './exact/rational.js';
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
  multisetCount,
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
  simplestBetween,
  type EquilibriumOptions,
  type EquilibriumResult,
  type PromptEquilibrium,
} from './equilibria/equilibrium.js';
export { krawczykBox, type KrawczykBox } from './equilibria/krawczyk.js';
export { gameToNfg, normalFormSize } from './equilibria/nfg.js';
