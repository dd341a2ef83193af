// The message a call throws, or 'accepted' when it returns: refusal tables compare it with the exact line.
export function refusal(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  return 'accepted';
}

/** What a call throws, or undefined when it returns: for tests that check the error's class as well as its text. */
export function thrownBy(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  return undefined;
}
