/** Repository name grammar of the OCI distribution spec. */
const REPOSITORY_NAME =
  /^[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*(\/[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*)*$/;

/** Tag grammar of the OCI distribution spec. */
const TAG = /^[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}$/;

/**
 * True for a valid repository path such as `orkestra/katalogs/postgres` (at most 255 characters).
 *
 * @public
 */
export function isValidRepositoryName(name: string): boolean {
  return name.length <= 255 && REPOSITORY_NAME.test(name);
}

/**
 * True for a valid tag such as `v1.2.0` or `latest`.
 *
 * @public
 */
export function isValidTag(tag: string): boolean {
  return TAG.test(tag);
}
