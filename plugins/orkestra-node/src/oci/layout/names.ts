import {
  isValidRepositoryName,
  isValidTag,
} from '@orkspace/backstage-plugin-orkestra-common';
import { parseDigest } from '../digest';
import { OciInvalidContentError } from '../errors';

/** A tag or a digest, told apart. */
export type ParsedReference = { tag: string } | { digest: string };

export function validateRepository(repository: string): void {
  if (!isValidRepositoryName(repository)) {
    throw new OciInvalidContentError(
      `Invalid repository name ${JSON.stringify(repository.slice(0, 300))}`,
    );
  }
}

export function validateTag(tag: string): void {
  if (!isValidTag(tag)) {
    throw new OciInvalidContentError(
      `Invalid tag ${JSON.stringify(tag.slice(0, 200))}`,
    );
  }
}

export function validDigest(digest: string): ReturnType<typeof parseDigest> {
  try {
    return parseDigest(digest);
  } catch {
    throw new OciInvalidContentError(
      `Invalid digest ${JSON.stringify(digest.slice(0, 200))}`,
    );
  }
}

/** A reference is a digest when it has a colon (tags cannot), otherwise a tag. */
export function parseReference(reference: string): ParsedReference {
  if (reference.includes(':')) {
    validDigest(reference);
    return { digest: reference };
  }
  validateTag(reference);
  return { tag: reference };
}
