import {
  INDEX_TAG,
  indexRepository,
  namespaceOf,
  OciError,
  OciStore,
  readPatternIndex,
} from '@orkspace/backstage-plugin-orkestra-node';
import pLimit from 'p-limit';
import { HEAD_CONCURRENCY, settleAll } from '../concurrency';
import { SyncErrors } from '../syncCounts';
import { IndexReading, RecordedIndex } from './discoverRepositories';

/** A namespace's index as a sync saw it. */
export interface NamespaceCheck extends RecordedIndex {
  checkedAt: string;
}

export interface NamespaceGateInput {
  store: OciStore;
  repositories: readonly string[];
  /** The repositories the store knows and has not marked missing. */
  known: ReadonlySet<string>;
  /** What the last syncs recorded, by namespace. */
  checks: ReadonlyMap<string, NamespaceCheck>;
  /** What `index` discovery read already: not read twice. */
  indexes?: ReadonlyMap<string, IndexReading>;
  startedAt: Date;
  fullCheckIntervalMs: number;
}

export interface NamespaceGate {
  /** Known repositories whose index entry did not change: not synced. */
  skip: Set<string>;
  /** What to record per namespace once its repositories synced. */
  record: Map<string, NamespaceCheck>;
}

/**
 * Step: `ork push` rewrites `<namespace>/index:latest` after every push (and
 * a deprecation is a push), with one entry per pattern (`<namespace>/<name>`).
 * So a resync HEADs each namespace's index: when its digest is the one the
 * last sync saw, the namespace's known repositories are skipped; when it
 * changed, the index is read and only the repositories whose entry changed
 * are synced. Repositories the store does not know are always synced, and
 * every namespace is checked in full again after `sync.fullCheckInterval`,
 * for pushes that did not update the index (or left their entry as it was).
 */
export async function gateNamespaces(
  input: NamespaceGateInput,
): Promise<NamespaceGate> {
  const { store, known, checks, indexes, startedAt, fullCheckIntervalMs } =
    input;
  const skip = new Set<string>();
  const record = new Map<string, NamespaceCheck>();
  const byNamespace = new Map<string, string[]>();
  for (const repository of input.repositories) {
    const namespace = namespaceOf(repository);
    byNamespace.set(namespace, [
      ...(byNamespace.get(namespace) ?? []),
      repository,
    ]);
  }
  const limit = pLimit(HEAD_CONCURRENCY);
  await settleAll(
    [...byNamespace].map(([namespace, members]) =>
      limit(async () => {
        const now = startedAt.toISOString();
        const reading = indexes?.get(namespace);
        let digest: string;
        try {
          digest =
            reading?.digest ??
            (await store.resolve(indexRepository(namespace), INDEX_TAG)).digest;
        } catch (error) {
          // No index (not written by ork) or unreadable: check in full.
          if (!(error instanceof OciError)) throw error;
          return;
        }
        const check = checks.get(namespace);
        const fullCheckDue =
          check === undefined ||
          startedAt.getTime() - Date.parse(check.checkedAt) >=
            fullCheckIntervalMs;
        if (!fullCheckDue && check.indexDigest === digest) {
          for (const r of members) if (known.has(r)) skip.add(r);
          return;
        }
        if (check?.indexDigest === digest) {
          // A full check is due, the index is the one already read.
          record.set(namespace, { ...check, checkedAt: now });
          return;
        }
        let entries: Record<string, string>;
        if (reading?.entries) {
          entries = reading.entries;
        } else {
          try {
            const read = await readPatternIndex(store, namespace);
            if (!read) return;
            entries = Object.fromEntries(
              read.index.entries.map(e => [e.name, JSON.stringify(e)]),
            );
            digest = read.digest;
          } catch (error) {
            if (!(error instanceof OciError)) throw error;
            return; // an unreadable index: check in full, record nothing
          }
        }
        if (fullCheckDue) {
          record.set(namespace, {
            indexDigest: digest,
            entries,
            checkedAt: now,
          });
          return;
        }
        const changedNames = new Set(
          Object.keys(entries).filter(
            name => entries[name] !== check.entries[name],
          ),
        );
        for (const r of members) {
          const name = r.slice(namespace ? namespace.length + 1 : 0);
          if (known.has(r) && !changedNames.has(name)) skip.add(r);
        }
        record.set(namespace, {
          indexDigest: digest,
          entries,
          checkedAt: check.checkedAt,
        });
      }),
    ),
  );
  return { skip, record };
}

/**
 * What the index says is recorded only when every repository of its
 * namespace that was synced succeeded.
 */
export function checksToRecord(
  gate: NamespaceGate,
  errors: SyncErrors,
): Map<string, NamespaceCheck> {
  const failed = new Set(
    errors.flatMap(e => (e.repository ? [namespaceOf(e.repository)] : [])),
  );
  return new Map(
    [...gate.record].filter(([namespace]) => !failed.has(namespace)),
  );
}
