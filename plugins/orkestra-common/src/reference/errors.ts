/** Longest input quoted verbatim in an error message. */
const MAX_QUOTED_INPUT = 200;

/** The input as a JSON string, truncated to {@link MAX_QUOTED_INPUT} characters. */
export function quote(input: string): string {
  const shown =
    input.length > MAX_QUOTED_INPUT
      ? `${input.slice(0, MAX_QUOTED_INPUT)}…`
      : input;
  return JSON.stringify(shown);
}

/**
 * Thrown when a reference (or import entry) cannot be parsed. The message
 * quotes the offending input (truncated to 200 characters) and says why.
 *
 * @public
 */
export class InvalidReferenceError extends Error {
  /** The input as given (not truncated). */
  readonly input: string;
  /** Why the input was rejected, without the quoted input. */
  readonly reason: string;

  constructor(input: string, reason: string) {
    super(`Invalid reference ${quote(input)}: ${reason}`);
    this.name = 'InvalidReferenceError';
    this.input = input;
    this.reason = reason;
  }
}

export function fail(input: string, reason: string): never {
  throw new InvalidReferenceError(input, reason);
}

/** Runs `fn`, re-labelling reference errors with the caller's original input. */
export function rethrowFor<T>(input: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof InvalidReferenceError && error.input !== input) {
      throw new InvalidReferenceError(input, error.reason);
    }
    throw error;
  }
}
