// ualign/testing: fast-check arbitraries for profiles, policies and k-output models (flat records,
// so that shrinking reaches small counterexamples), the claims' own instance generators, and everything
// else a claim needs (claims/kit.ts), for properties and claim modules alike.
export * from '../instances/arbitraries.js';
export * from '../instances/families.js';
export * from '../instances/policies.js';
export * from '../instances/luce.js';
export * from '../instances/sizes.js';
export * from '../claims/kit.js';
export * from './matchers.js';
