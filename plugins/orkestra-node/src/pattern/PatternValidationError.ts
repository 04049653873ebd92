/**
 * A pattern directory or YAML file that `ork push` would refuse, with the reason.
 *
 * @public
 */
export class PatternValidationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PatternValidationError';
  }
}
