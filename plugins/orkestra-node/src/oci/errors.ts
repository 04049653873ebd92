/**
 * Base class of every error the OCI layer throws: `code` is stable for callers.
 *
 * @public
 */
export class OciError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'OciError';
    this.code = code;
  }
}

/**
 * The registry answered with an HTTP error (distribution error codes in `registryCodes`).
 *
 * @public
 */
export class OciHttpError extends OciError {
  readonly status: number;
  readonly registryCodes: string[];
  constructor(status: number, message: string, registryCodes: string[] = []) {
    super(`HTTP_${status}`, message);
    this.name = 'OciHttpError';
    this.status = status;
    this.registryCodes = registryCodes;
  }
}

/**
 * A repository, tag, manifest or blob that does not exist.
 *
 * @public
 */
export class OciNotFoundError extends OciError {
  constructor(message: string) {
    super('NOT_FOUND', message);
    this.name = 'OciNotFoundError';
  }
}

/**
 * Credentials missing, wrong or expired, after the one retry the auth flow allows.
 *
 * @public
 */
export class OciUnauthorizedError extends OciError {
  readonly status: 401 | 403;
  constructor(status: 401 | 403, message: string) {
    super(status === 401 ? 'UNAUTHORIZED' : 'DENIED', message);
    this.name = 'OciUnauthorizedError';
    this.status = status;
  }
}

/**
 * Content whose digest is not the one asked for or announced: the registry lies or data is corrupt.
 *
 * @public
 */
export class OciDigestMismatchError extends OciError {
  readonly expected: string;
  readonly actual: string;
  constructor(what: string, expected: string, actual: string) {
    super(
      'DIGEST_MISMATCH',
      `${what}: expected digest ${expected} but the content hashes to ${actual}`,
    );
    this.name = 'OciDigestMismatchError';
    this.expected = expected;
    this.actual = actual;
  }
}

/**
 * Content larger than the caller allowed, refused before or while downloading.
 *
 * @public
 */
export class OciContentTooLargeError extends OciError {
  readonly limit: number;
  readonly size?: number;
  constructor(what: string, limit: number, size?: number) {
    super(
      'TOO_LARGE',
      size === undefined
        ? `${what} exceeds the limit of ${limit} bytes`
        : `${what} is ${size} bytes; the limit is ${limit}`,
    );
    this.name = 'OciContentTooLargeError';
    this.limit = limit;
    this.size = size;
  }
}

/**
 * Malformed content: a manifest that is not JSON, a layout without `oci-layout`, a bad name.
 *
 * @public
 */
export class OciInvalidContentError extends OciError {
  constructor(message: string) {
    super('INVALID', message);
    this.name = 'OciInvalidContentError';
  }
}

/**
 * The registry could not be reached, or did not answer in time.
 *
 * @public
 */
export class OciUnavailableError extends OciError {
  constructor(
    message: string,
    options?: { cause?: unknown; timeout?: boolean },
  ) {
    super(options?.timeout ? 'TIMEOUT' : 'UNAVAILABLE', message, options);
    this.name = 'OciUnavailableError';
  }
}
