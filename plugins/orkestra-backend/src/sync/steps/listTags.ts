import {
  isSupplyChainTag,
  isValidTag,
} from '@orkspace/backstage-plugin-orkestra-common';
import { OciNotFoundError } from '@orkspace/backstage-plugin-orkestra-node';
import { OpenedSource } from '../../sources/OpenSources';
import { repositoryError, SyncErrors } from '../syncCounts';

/** The registry answers 404 for the repository's tags: it was deleted. */
export class RepositoryGoneError extends Error {}

export interface ListedTags {
  /** The valid tags, supply-chain artifacts (`sha256-…`) left out. */
  tags: string[];
  errors: SyncErrors;
}

/**
 * Step: the tags of a repository. `ork` never removes index entries, so a
 * deleted repository stays listed in its index: with `index` discovery, a 404
 * on its tag list makes it missing (RepositoryGoneError), like a repository
 * the listing no longer names. A repository named in a `list`, or just listed
 * by `_catalog`, that answers 404 stays an error: a misspelt name should be
 * seen.
 */
export async function listTags(
  opened: OpenedSource,
  repository: string,
): Promise<ListedTags> {
  let all: string[];
  try {
    all = await opened.store.listTags(repository);
  } catch (error) {
    if (
      error instanceof OciNotFoundError &&
      opened.config.discovery.type === 'index'
    )
      throw new RepositoryGoneError(repository);
    throw error;
  }
  const listed = all.filter(tag => !isSupplyChainTag(tag));
  const tags = listed.filter(isValidTag);
  if (tags.length === listed.length) return { tags, errors: [] };
  const invalid = listed.filter(tag => !isValidTag(tag));
  const problem = new Error(
    `the tag list names ${invalid.length} invalid tags (e.g. ${JSON.stringify(
      invalid[0].slice(0, 80),
    )}); they are skipped`,
  );
  return { tags, errors: [repositoryError(repository, problem)] };
}
