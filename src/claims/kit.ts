// Everything a claim needs, in one list — re-exported by `ualign` and by `ualign/testing`, so that a
// claim module (`ualign verify --claim ./x.mjs`, README "Writing your own claim") imports only the
// public API: exact rationals, the model and its JSON codec, the exact kernels, second opinions for the
// independent computation a claim compares with, the generators, and the claim contract's helpers.

// fast-check as ualign runs it (so that a claim's generators and the engine share one copy)
export { default as fc } from 'fast-check';

// exact rationals (fraction.js)
export { Fraction, frac, ONE, ZERO, HALF, numer, signOf, isZero, sumOf, minOf, maxOf, argmax, parseRational, parseExactText, toDecimal, toNumber } from '../exact/rational.js';

// the model and its one JSON codec
export * from '../model/types.js';
export { InputError, CertificateError } from '../model/errors.js';
export { makePrompt, makeProfile, makePolicy, makeKOutput, makeMixture, singlePrompt, pointMass } from '../model/build.js';
export { profileFromJson, profileToJson, promptToJson, modelFromJson, modelToJson, policyToJson, outcomesToJson, mixtureToJson } from '../model/codec.js';
export { isUnanimous, isImpartialCulture, isStrict, cloneClasses } from '../model/structure.js';

// exact kernels (SPEC §2–3)
export { type Rule, RULES } from '../winrate/rules.js';
export { productScores } from '../winrate/product.js';
export { type PromptModel, promptModels } from '../winrate/promptModel.js';
export { robustness, bestOpponent, winRate, type RobustnessResult, type PromptRobustness, type BestOpponent } from '../winrate/opponents.js';
export { exploitability, promptExploitability, type PromptExploitability } from '../winrate/exploitability.js';
export { marginMatrix, pairwiseMatrix, strictShareMatrix, condorcetWinner } from '../winrate/pairwise.js';
export { multisetCount, mixtureOutcomes } from '../winrate/multiset.js';
export { maximalLotterySync, promptMaximalLotterySync, allMaximalLotteries, allMaximalLotteriesOfPrompt, type MaximalLotteryResult, type PromptMaximalLottery } from '../equilibria/maximalLottery.js';
export { bestKOutputSync, promptBestKOutput, type BestKOutputResult, type PromptBestKOutput } from '../equilibria/bestKOutput.js';
export { equilibrium, promptEquilibrium, type EquilibriumResult, type PromptEquilibrium } from '../equilibria/equilibrium.js';
export { selfPlay, exactRegret, mixtureOfProducts, expandMixture } from '../equilibria/dynamics.js';

// second opinions: the same quantities by definition or by direct expectation, sharing no code with the kernels
export {
  type Distribution,
  productDistribution,
  mixtureDistribution,
  distributionOf,
  multisetsOf,
  opponentScoreByDefinition,
  bestOpponentByEnumeration,
  preferenceByDefinition,
  lotteryWinRates,
  directScores,
  directRobustness,
} from './oracles.js';

// generators (flat records, so that shrinking reaches small cases)
export * from '../instances/arbitraries.js';
export * from '../instances/families.js';
export * from '../instances/policies.js';
export * from '../instances/sizes.js';
export { DEFAULT_SEED } from '../instances/seed.js';

// the claim contract: verdict helpers, instance shapes with their generators and JSON forms
export { type Claim, type Verdict, type Expect, type ArbOptions, type InstanceSize, geq, eqSlack, verdict, minRat, kk1, holds, defineClaim, profileSize } from './types.js';
export {
  type PolicyInstance,
  type ProfileInstance,
  type InstanceArbOptions,
  policyInstanceArb,
  profileInstanceArb,
  profileArbFor,
  kArbFor,
  policyInstanceJson,
  policyInstanceFromJson,
  profileInstanceJson,
  profileInstanceFromJson,
  policyInstanceSize,
  profileInstanceSize,
} from './instances.js';
export { field, intField, profileField, policyField, onlyPrompt, idsOf, ratList } from './json.js';
export { ClaimModuleError, type ClaimInfo } from './contract.js';
export { validateClaim, DEFAULT_CLAIM_TIMEOUT_MS } from './plugins.js';
