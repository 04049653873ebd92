import { InputError, NotAllowedError } from '@backstage/errors';
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import {
  InvalidReferenceError,
  isAllowedReference,
  parseReference,
} from '@orkspace/backstage-plugin-orkestra-common';
import {
  SourceConfig,
  sourceForRepository,
} from '@orkspace/backstage-plugin-orkestra-node';
import { PublishingEnvironment } from './PublishingEnvironment';

export interface PublishTarget {
  registry: string;
  repository: string;
  /** `registry/repository` */
  reference: string;
  /** A tag written in the target itself (`...:v1.0.0`), if any. */
  tag?: string;
  source: SourceConfig;
}

/**
 * Checks a reference a template supplied, before any request is made: it
 * must parse, be under the allowed registries, and be covered by a
 * configured source (whose credentials, from backend config, will be used).
 */
export function resolveTarget(
  target: string,
  env: PublishingEnvironment,
): PublishTarget {
  let parsed;
  try {
    parsed = parseReference(target.trim());
  } catch (error) {
    if (error instanceof InvalidReferenceError)
      throw new InputError(error.message);
    throw error;
  }
  if (parsed.digest)
    throw new InputError(
      `target ${target} names a digest; give a repository and a tag`,
    );
  const reference = `${parsed.registry}/${parsed.repository}`;
  if (!isAllowedReference(reference, env.policy.allowedRegistries)) {
    throw new NotAllowedError(
      `${reference} is outside the allowed registries (orkestra.policy.allowedRegistries: ${(
        env.policy.allowedRegistries ?? []
      ).join(', ')})`,
    );
  }
  const source = sourceForRepository(
    env.sources,
    parsed.registry,
    parsed.repository,
  );
  if (!source) {
    throw new InputError(
      `no configured source covers ${reference}; add it to orkestra.sources (credentials come only from backend config)`,
    );
  }
  return {
    registry: parsed.registry,
    repository: parsed.repository,
    reference,
    tag: parsed.tag,
    source,
  };
}

/** Throws NotAllowedError unless the permission policy allows the initiator. */
export async function requirePermission(
  env: PublishingEnvironment,
  permission: BasicPermission,
  credentials: BackstageCredentials,
): Promise<void> {
  const [decision] = await env.permissions.authorize([{ permission }], {
    credentials,
  });
  if (decision?.result !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(
      `the permission policy does not allow ${permission.name}`,
    );
  }
}
