// Fault injection: the known fault names, the exact error for an unknown one, and UALIGN_FAULT parsing.
import { describe, expect, it } from 'vitest';
import { FAULTS, activeFault, faultFromEnv, setFault } from './faults.js';

describe('setFault', () => {
  it('sets and restores a known fault, returning the previous one', () => {
    const prev = setFault('uk-tie-share');
    try {
      expect(activeFault()).toBe('uk-tie-share');
      expect(setFault('uk-off-by-one')).toBe('uk-tie-share');
      expect(activeFault()).toBe('uk-off-by-one');
    } finally {
      setFault(prev);
    }
  });

  it('an unknown fault is a RangeError listing the known faults, and leaves the active fault unchanged', () => {
    const prev = activeFault();
    try {
      expect(() => setFault('uk-nope')).toThrow(RangeError);
      expect(() => setFault('uk-nope')).toThrow(
        'unknown fault "uk-nope" (known: uk-off-by-one, uk-tie-share, uk-tie-worse, luce-sum-short)',
      );
      expect(activeFault()).toBe(prev);
      expect(Object.keys(FAULTS)).toEqual(['uk-off-by-one', 'uk-tie-share', 'uk-tie-worse', 'luce-sum-short']);
    } finally {
      setFault(prev);
    }
  });
});

describe('faultFromEnv', () => {
  const withEnv = (v: string | undefined, f: () => void) => {
    const saved = process.env.UALIGN_FAULT;
    if (v === undefined) delete process.env.UALIGN_FAULT;
    else process.env.UALIGN_FAULT = v;
    try {
      f();
    } finally {
      if (saved === undefined) delete process.env.UALIGN_FAULT;
      else process.env.UALIGN_FAULT = saved;
    }
  };

  it('unset or empty UALIGN_FAULT means no fault; any other value is returned as is', () => {
    withEnv(undefined, () => expect(faultFromEnv()).toBeNull());
    withEnv('', () => expect(faultFromEnv()).toBeNull());
    withEnv('uk-tie-worse', () => expect(faultFromEnv()).toBe('uk-tie-worse'));
    withEnv('Stryker was here!', () => expect(faultFromEnv()).toBe('Stryker was here!'));
  });
});
