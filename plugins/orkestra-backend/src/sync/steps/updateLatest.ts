import { orderPatternVersions } from '@orkspace/backstage-plugin-orkestra-common';
import { SourceConfig } from '@orkspace/backstage-plugin-orkestra-node';
import { OwnershipConfig } from '../../config/orkestraConfig';
import { PatternStore } from '../../store/PatternStore';
import { patternIdentity } from './patternIdentity';
import { ResolvedTag } from './resolveTags';

export interface UpdateLatestInput {
  source: SourceConfig;
  patternId: number;
  resolved: readonly ResolvedTag[];
  /** The stored version of each digest. */
  versionIds: ReadonlyMap<string, number>;
  ownership: OwnershipConfig;
  now: string;
}

/**
 * Step: latest = the highest version tag; the pattern's identity follows it.
 * Returns whether the latest version changed.
 */
export async function updateLatest(
  store: PatternStore,
  input: UpdateLatestInput,
): Promise<boolean> {
  const { patternId, now } = input;
  const versions = await store.getVersionsByIds([
    ...new Set(input.versionIds.values()),
  ]);
  const byDigest = new Map(versions.map(v => [v.digest, v]));
  const ordered = orderPatternVersions(
    input.resolved
      .filter(r => byDigest.has(r.descriptor.digest))
      .map(r => ({
        tag: r.tag,
        digest: r.descriptor.digest,
        created: byDigest.get(r.descriptor.digest)!.created ?? undefined,
      })),
  );
  const latest = ordered[0];
  const row = latest ? byDigest.get(latest.digest) : undefined;
  const pattern = (await store.getPattern(patternId))!;
  if (row) {
    await store.upsertPattern(
      patternIdentity({
        source: input.source,
        repository: pattern.repository,
        kind: pattern.kind,
        name: pattern.name,
        signals: row.signals,
        ownership: input.ownership,
      }),
      now,
    );
  }
  const changed = await store.setLatest(
    patternId,
    row?.id ?? null,
    latest?.version ?? null,
  );
  if (changed) await store.touchPattern(patternId, now);
  return changed;
}
