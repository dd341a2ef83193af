/** One `ualign` subcommand: a thin layer over the library. */
export interface Command {
  readonly name: string;
  /** One line for `ualign --help`. */
  readonly summary: string;
  /** Full `--help` text. */
  readonly help: string;
  /** Returns the exit code. Throw InputError for bad input. */
  run(argv: string[]): Promise<number> | number;
}
