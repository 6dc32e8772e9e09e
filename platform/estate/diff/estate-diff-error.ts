/**
 * A mistake in how `estate diff` was called, or a base it cannot render: the CLI prints the message
 * alone, never a stack trace.
 */
export class EstateDiffError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EstateDiffError";
  }
}
