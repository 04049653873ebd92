import { InputError } from '@backstage/errors';
import {
  isValidTag,
  parseVersion,
} from '@orkspace/backstage-plugin-orkestra-common';

/**
 * Why `tag` (or `metadata.version`) cannot name a published version, if it
 * cannot: a version is tagged with an OCI tag that is semver-looking
 * (`v1.2.3`, `1.2.3-rc.1`, `1.0`; spec §2 and §6), never a floating tag.
 */
function versionTagProblem(
  what: 'tag' | 'metadata.version',
  value: string,
): string | undefined {
  const quoted = JSON.stringify(
    value.length > 200 ? `${value.slice(0, 200)}…` : value,
  );
  if (what === 'tag' && !isValidTag(value)) {
    return `tag ${quoted} is not a valid OCI tag (letters, digits, "_", "." and "-", not starting with "." or "-", at most 128 characters)`;
  }
  if (!parseVersion(value)) {
    return `${what} ${quoted} is not a version: a published version is a semver version such as v1.2.3 or 1.2.3-rc.1 ("v" optional), not a floating tag`;
  }
  return undefined;
}

/** Throws an InputError when `value` cannot name a published version. */
export function requireVersionTag(
  what: 'tag' | 'metadata.version',
  value: string,
) {
  const problem = versionTagProblem(what, value);
  if (problem) throw new InputError(problem);
}
