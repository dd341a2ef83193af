// ualign/testing: fast-check arbitraries for profiles, policies and k-output models (flat records,
// so that shrinking reaches small counterexamples), and the claims' own instance generators.
export * from '../instances/arbitraries.js';
export * from '../instances/families.js';
export * from '../instances/policies.js';
export * from '../instances/luce.js';
export * from '../instances/sizes.js';
export * from './matchers.js';
