// ualign/testing: fast-check arbitraries for profiles, policies and k-output models (flat records,
// so that shrinking reaches small counterexamples), and the claims' own instance generators.
export * from './arbitraries.js';
export * from './families.js';
export * from './policies.js';
export * from './matchers.js';
