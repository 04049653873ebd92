import { createHash } from 'node:crypto';

/**
 * A digest algorithm the OCI image spec registers.
 *
 * @public
 */
export type DigestAlgorithm = 'sha256' | 'sha512';

/** The digest algorithms the OCI image spec registers, with their hex length. */
const ALGORITHMS: Readonly<Record<DigestAlgorithm, number>> = {
  sha256: 64,
  sha512: 128,
};

/**
 * A validated `algorithm:hex` content digest.
 *
 * @public
 */
export interface ParsedDigest {
  algorithm: DigestAlgorithm;
  hex: string;
}

const DIGEST_PATTERN = /^([a-z0-9]+):([a-f0-9]+)$/;

/**
 * Parses and validates a content digest. Only registered algorithms with
 * lower-case hex of the right length pass, so a parsed digest is safe to use
 * in a URL path or a file path (OCI layout `blobs/<alg>/<hex>`).
 *
 * @public
 */
export function parseDigest(digest: string): ParsedDigest {
  const match = DIGEST_PATTERN.exec(digest);
  const algorithm = match?.[1] as DigestAlgorithm | undefined;
  const hex = match?.[2];
  if (
    !algorithm ||
    !hex ||
    !(algorithm in ALGORITHMS) ||
    hex.length !== ALGORITHMS[algorithm]
  ) {
    throw new TypeError(
      `Invalid content digest: ${JSON.stringify(digest.slice(0, 200))}`,
    );
  }
  return { algorithm, hex };
}

/**
 * True when `digest` is a valid, registered-algorithm content digest.
 *
 * @public
 */
export function isDigest(digest: string): boolean {
  try {
    parseDigest(digest);
    return true;
  } catch {
    return false;
  }
}

/**
 * Computes the digest of `content` (sha256 unless told otherwise).
 *
 * @public
 */
export function digestOf(
  content: Uint8Array,
  algorithm: DigestAlgorithm = 'sha256',
): string {
  return `${algorithm}:${createHash(algorithm).update(content).digest('hex')}`;
}

/**
 * True when `content` hashes to `digest`; throws if `digest` is malformed.
 *
 * @public
 */
export function matchesDigest(content: Uint8Array, digest: string): boolean {
  const { algorithm } = parseDigest(digest);
  return digestOf(content, algorithm) === digest;
}
