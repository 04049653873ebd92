import { OciDigestMismatchError } from '../oci/errors';
import { Descriptor, OciStore } from '../oci/types';
import { PackOptions, packPattern } from '../pattern/codec/packPattern';
import {
  indexEntryFor,
  namespaceOf,
  updatePatternIndex,
} from '../pattern/codec/patternIndex';
import { publishPattern } from '../pattern/codec/publishPattern';
import { PatternDirectory } from '../pattern/patternDirectory';

/**
 * What {@link pushPattern} pushes, and where.
 *
 * @public
 */
export interface PushPatternInput {
  store: OciStore;
  /** The store's registry host, to name the version in `reference` and messages. */
  registry?: string;
  repository: string;
  /** The version tag. */
  tag: string;
  pattern: PatternDirectory;
  /** The gate records and typed-Katalog details; `created` defaults to now. */
  pack: Omit<PackOptions, 'created'> & { created?: Date };
  /**
   * What the index entry says, when it is not what was packed: by default the
   * gate statuses of `pack` and whether the pattern declares a deprecation.
   */
  index?: { simulateStatus?: string; e2eStatus?: string; deprecated?: boolean };
  signal?: AbortSignal;
}

/**
 * A pattern {@link pushPattern} pushed: its manifest and the index written after it.
 *
 * @public
 */
export interface PushedPattern {
  /** `registry/repository:tag` as pushed (`repository:tag` without a registry). */
  reference: string;
  manifest: Descriptor;
  /** `<namespace>/index:latest` that now lists the version. */
  index: { namespace: string; digest: string; attempts: number };
}

/**
 * The version was pushed, but its namespace's index was not updated: pushing
 * again (with overwrite) finishes the job.
 *
 * @public
 */
export class PatternIndexNotUpdatedError extends Error {
  readonly manifest: Descriptor;
  readonly namespace: string;

  constructor(
    reference: string,
    manifest: Descriptor,
    namespace: string,
    cause: unknown,
  ) {
    super(
      `Pushed ${reference} (${
        manifest.digest
      }), but the index ${namespace}/index:latest was not updated: ${
        (cause as Error)?.message ?? String(cause)
      }`,
      { cause },
    );
    this.name = 'PatternIndexNotUpdatedError';
    this.manifest = manifest;
    this.namespace = namespace;
  }
}

/**
 * The push of `ork push` after its checks and gates: pack the folder, push
 * its blobs and manifest under the tag, verify the store kept the manifest
 * that was packed, and update `<namespace>/index:latest` (which reads itself
 * back until it lists the version). Throws {@link PatternIndexNotUpdatedError}
 * when only the index update failed.
 *
 * @public
 */
export async function pushPattern(
  input: PushPatternInput,
): Promise<PushedPattern> {
  const { store, repository, tag, pattern, signal } = input;
  const { meta } = pattern;
  const packed = await packPattern(pattern, {
    ...input.pack,
    created: input.pack.created ?? new Date(),
  });
  const reference = input.registry
    ? `${input.registry}/${repository}:${tag}`
    : `${repository}:${tag}`;
  const manifest = await publishPattern(store, { repository, tag }, packed, {
    signal,
  });
  if (manifest.digest !== packed.manifestDigest) {
    throw new OciDigestMismatchError(
      `manifest ${reference}`,
      packed.manifestDigest,
      manifest.digest,
    );
  }

  const namespace = namespaceOf(repository);
  const entry = indexEntryFor({
    name: meta.name,
    version: meta.version,
    description: meta.description,
    tags: meta.tags,
    author: meta.author,
    kind: meta.kind,
    simulateStatus: input.pack.simulate?.status,
    e2eStatus: input.pack.e2e?.status,
    deprecated: meta.deprecation !== undefined,
    ...input.index,
  });
  try {
    const index = await updatePatternIndex(store, namespace, entry, {
      signal,
    });
    return { reference, manifest, index: { namespace, ...index } };
  } catch (error) {
    throw new PatternIndexNotUpdatedError(
      reference,
      manifest,
      namespace,
      error,
    );
  }
}
