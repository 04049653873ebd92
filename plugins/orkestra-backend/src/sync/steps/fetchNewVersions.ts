import {
  FetchedManifest,
  NotAPatternError,
  OciError,
  unpackPattern,
} from '@orkspace/backstage-plugin-orkestra-node';
import { OwnershipConfig } from '../../config/orkestraConfig';
import { OpenedSource } from '../../sources/OpenSources';
import { StoredPattern, PatternStore } from '../../store/PatternStore';
import { readVersionDetails } from '../readVersionDetails';
import {
  PartialFailure,
  repositoryError,
  StepTally,
  SyncErrors,
} from '../syncCounts';
import { isVersionError } from '../syncErrors';
import { patternIdentity } from './patternIdentity';
import { readYaml } from './readYaml';

export interface NewVersionsInput {
  store: PatternStore;
  opened: OpenedSource;
  repository: string;
  /** Digests the store has no version for, in tag order. */
  digests: readonly string[];
  /** Digests known not to be patterns: not fetched again. */
  notPatterns: ReadonlySet<string>;
  /** Manifests fetched already while resolving the tags. */
  prefetched: ReadonlyMap<string, FetchedManifest>;
  /** The stored pattern; created with its first version when undefined. */
  pattern: StoredPattern | undefined;
  ownership: OwnershipConfig;
  maxYamlBytes: number;
  now: string;
}

export interface NewVersions extends StepTally {
  pattern: StoredPattern | undefined;
  /** The version stored for each new digest. */
  versionIds: Map<string, number>;
  /** Manifests found not to be patterns, to remember. */
  newNotPatterns: Array<{ digest: string; reason: string }>;
}

/**
 * Step: each new digest's manifest is fetched (unless prefetched), unpacked,
 * its YAML layers read (once per blob digest) and the version stored. A
 * version whose content cannot be read or stored is that version's error;
 * the others go on. A registry failure fails the repository (a
 * PartialFailure with what was counted so far).
 */
export async function fetchNewVersions(
  input: NewVersionsInput,
): Promise<NewVersions> {
  const { store, opened, repository, now } = input;
  let pattern = input.pattern;
  const versionIds = new Map<string, number>();
  const newNotPatterns: NewVersions['newNotPatterns'] = [];
  const errors: SyncErrors = [];
  const counts = {
    manifestsFetched: 0,
    blobsFetched: 0,
    blobsReused: 0,
    notPatterns: 0,
    newVersions: 0,
  };
  const read = async (file: Parameters<typeof readYaml>[0]['file']) => {
    const { text, reused } = await readYaml({
      store,
      oci: opened.store,
      repository,
      file,
      maxBytes: input.maxYamlBytes,
      now,
    });
    if (reused) counts.blobsReused++;
    else counts.blobsFetched++;
    return text;
  };

  try {
    for (const digest of input.digests) {
      if (input.notPatterns.has(digest)) {
        counts.notPatterns++;
        continue;
      }
      try {
        let fetched = input.prefetched.get(digest);
        if (!fetched) {
          fetched = await opened.store.fetchManifest(repository, digest);
          counts.manifestsFetched++;
        }
        let unpacked;
        try {
          unpacked = unpackPattern(fetched, `${repository}@${digest}`);
        } catch (error) {
          if (!(error instanceof NotAPatternError)) throw error;
          counts.notPatterns++;
          newNotPatterns.push({ digest, reason: error.message });
          continue;
        }
        const details = await readVersionDetails(unpacked, read);
        for (const problem of details.problems) {
          const message = `${digest} ${problem.file ?? ''}: ${problem.message}`;
          errors.push({
            repository,
            message: repositoryError(repository, new Error(message)).message,
          });
        }
        if (!pattern) {
          const id = await store.upsertPattern(
            patternIdentity({
              source: opened.config,
              repository,
              kind: unpacked.kind,
              name: repository.split('/').pop()!,
              signals: unpacked.signals,
              ownership: input.ownership,
            }),
            now,
          );
          pattern = (await store.getPattern(id))!;
        }
        const id = await store.insertVersion(
          pattern.id,
          {
            digest,
            mediaType: fetched.descriptor.mediaType,
            manifestSize: fetched.descriptor.size,
            version: unpacked.signals.version,
            created: unpacked.signals.created,
            signals: unpacked.signals,
            maturity: details.maturity,
            crds: details.crds,
            problems: [
              ...details.problems,
              ...unpacked.problems,
              ...details.cut,
            ],
            files: unpacked.files,
            imports: details.imports,
          },
          now,
        );
        versionIds.set(digest, id);
        counts.newVersions++;
      } catch (error) {
        // This version's problem: the repository's other versions and tags go on.
        if (!isVersionError(error)) throw error;
        errors.push(
          repositoryError(
            repository,
            error,
            error instanceof OciError ? undefined : digest,
          ),
        );
      }
    }
  } catch (error) {
    throw new PartialFailure(error, { counts, errors });
  }
  return { pattern, versionIds, newNotPatterns, counts, errors };
}
