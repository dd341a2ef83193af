// Test-only fault injection (exported by the internal entry, never set in production runs): deliberate
// bugs in the closed form of U_k (SPEC §2) and in the Luce kernel (§4b), so that tests can show that
// `ualign verify` catches them.
// The environment variable UALIGN_FAULT selects one in CLI runs.

export const FAULTS = {
  /** U_k computed with k+1 samples. */
  'uk-off-by-one': 'U_k evaluated with k+1 samples',
  /** Uniform rule: every U_k scaled by (k+1)/k. */
  'uk-tie-share': 'uniform rule: U_k scaled by (k+1)/k',
  /** The tie class E_θ(y) counted inside W_θ(y) (every rule). */
  'uk-tie-worse': 'U_k with the tie class E_θ counted inside W_θ',
  /** Luce types only (SPEC §4b): the model's strength sum of k − 1 draws instead of k (k ≥ 2). */
  'luce-sum-short': 'Luce types: the strength sum of k − 1 draws instead of k',
} as const;

export type Fault = keyof typeof FAULTS;

let active: Fault | null = null;

/** Inject a named fault (null restores the exact kernel). Returns the previous fault. */
export function setFault(name: string | null): Fault | null {
  const prev = active;
  if (name !== null && !(name in FAULTS)) throw new RangeError(`unknown fault "${name}" (known: ${Object.keys(FAULTS).join(', ')})`);
  active = name as Fault | null;
  return prev;
}

export function activeFault(): Fault | null {
  return active;
}

/** The fault named by UALIGN_FAULT, or null. */
export function faultFromEnv(): string | null {
  const f = process.env.UALIGN_FAULT;
  return f === undefined || f === '' ? null : f;
}
