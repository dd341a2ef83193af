// The two kinds of failure the harness reports apart (the CLI maps them to exit codes).

/** Bad input: a message naming where and what; the CLI prints it as one line and exits 2. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

/** An exact re-check of a computed certificate failed: an internal error (exit 3), never bad input. */
export class CertificateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CertificateError';
  }
}
