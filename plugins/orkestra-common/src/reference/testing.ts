import { InvalidReferenceError } from './errors';

export const SHA256 = `sha256:${'a'.repeat(64)}`;
export const SHA384 = `sha384:${'b'.repeat(96)}`;
export const SHA512 = `sha512:${'0123456789abcdef'.repeat(8)}`;
export const KATALOGS = 'ghcr.io/orkspace/orkestra-registry/patterns/katalogs';
export const MOTIFS = 'ghcr.io/orkspace/orkestra-registry/patterns/motifs';

/** The InvalidReferenceError `fn` throws; fails the test when it throws none. */
export function errorOf(fn: () => unknown): InvalidReferenceError {
  try {
    fn();
  } catch (error) {
    if (error instanceof InvalidReferenceError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected an InvalidReferenceError');
}
