// src/lp: exact LP engine (exact simplex; glpk.js + exact certificate; exact fallback).
export { type LP, type LPRow, type LPResult, type LPMethod, type Sense, denseRow } from './types.js';
export { simplexSolve } from './simplex.js';
export { solveLP, CROSSOVER, type SolveMethod } from './solve.js';
export { checkResult } from './certificate.js';
export { solveIntegerSystem } from './integer.js';
