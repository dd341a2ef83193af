// The message a call throws, or 'accepted' when it returns: refusal tables compare it with the exact line.
export function refusal(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  return 'accepted';
}
