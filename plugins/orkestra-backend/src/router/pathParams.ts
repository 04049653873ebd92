import { InputError } from '@backstage/errors';
import express from 'express';
import {
  isValidRepositoryName,
  isValidTag,
} from '@orkspace/backstage-plugin-orkestra-common';

/** `<source>:<repository>`, e.g. `examples:orkestra/katalogs/webapp-operator`. */
const PATTERN_ID = /^([a-z0-9-]+):(.+)$/;
export const SOURCE_ID = /^[a-z0-9-]{1,63}$/;
/** `algorithm:encoded` of the OCI image spec, e.g. `sha256:<64 hex>`. */
const DIGEST = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,256}$/;
const MAX_FILE_NAME = 255;

function patternIdParam(value: string): string {
  const match = PATTERN_ID.exec(value);
  if (!match || !isValidRepositoryName(match[2])) {
    throw new InputError(
      'Invalid pattern id: expected "<source>:<repository>" (URL-encoded as one path segment), e.g. examples:orkestra/katalogs/webapp-operator',
    );
  }
  return value;
}

/** A tag (e.g. `v1.2.0`) or a digest (e.g. `sha256:...`). */
export function isValidVersion(value: string): boolean {
  return isValidTag(value) || DIGEST.test(value);
}

function versionParam(value: string): string {
  if (!isValidVersion(value)) {
    throw new InputError(
      'Invalid version: expected a tag (e.g. v1.2.0) or a digest (e.g. sha256:...)',
    );
  }
  return value;
}

function fileParam(value: string): string {
  if (
    value.length === 0 ||
    value.length > MAX_FILE_NAME ||
    value.includes('/') ||
    value.includes('\\') ||
    value.includes('\0') ||
    value === '.' ||
    value === '..'
  ) {
    throw new InputError(
      `Invalid file name: expected a plain file name of at most ${MAX_FILE_NAME} characters`,
    );
  }
  return value;
}

function sourceIdParam(value: string): string {
  if (!SOURCE_ID.test(value)) {
    throw new InputError(
      'Invalid source id: expected lower-case letters, digits and dashes',
    );
  }
  return value;
}

/**
 * Checks the path parameters of every route before its handler runs, in the
 * order they appear. `:id` is a source id under `/sources`, else a pattern id.
 */
export function validatePathParams(router: express.Router) {
  const check =
    (parse: (value: string) => string): express.RequestParamHandler =>
    (_req, _res, next, value: string) => {
      parse(value);
      next();
    };
  router.param('id', (req, _res, next, value: string) => {
    if (req.path.startsWith('/sources/')) sourceIdParam(value);
    else patternIdParam(value);
    next();
  });
  router.param('version', check(versionParam));
  router.param('file', check(fileParam));
}
