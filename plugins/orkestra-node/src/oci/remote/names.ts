import {
  isValidRepositoryName,
  isValidTag,
} from '@orkspace/backstage-plugin-orkestra-common';
import { isDigest } from '../digest';
import { OciInvalidContentError } from '../errors';

/** The token scope to read a repository. */
export function pullScope(repository: string): string {
  return `repository:${repository}:pull`;
}

/** The token scope to write a repository. */
export function pushScope(repository: string): string {
  return `repository:${repository}:pull,push`;
}

/** The token scope to delete from a repository. */
export function deleteScope(repository: string): string {
  return `repository:${repository}:delete`;
}

/** Refuses a repository name before it becomes part of a URL. */
export function checkRepository(repository: string): void {
  if (!isValidRepositoryName(repository)) {
    throw new OciInvalidContentError(
      `invalid repository name ${JSON.stringify(repository.slice(0, 200))}`,
    );
  }
}

/** Refuses a reference that is neither a tag nor a digest. */
export function checkReference(reference: string): void {
  if (!isValidTag(reference) && !isDigest(reference)) {
    throw new OciInvalidContentError(
      `invalid tag or digest ${JSON.stringify(reference.slice(0, 200))}`,
    );
  }
}

/** Refuses an invalid tag to push a manifest under. */
export function checkTag(tag: string): void {
  if (!isValidTag(tag)) {
    throw new OciInvalidContentError(`invalid tag ${JSON.stringify(tag)}`);
  }
}
