import {
  formatAge,
  SYNC_RUN_STATUS_LABELS,
  RepositoryDiscovery,
  SourceSummary,
  SyncRun,
} from '@orkspace/backstage-plugin-orkestra-common';

/** How a source finds its repositories, in words an admin recognises from `orkestra.sources`. */
export function describeDiscovery(discovery: RepositoryDiscovery): string {
  switch (discovery.type) {
    case 'index':
      return 'index artifact';
    case 'catalog':
      return '_catalog';
    case 'list': {
      const count = discovery.repositories.length;
      return `list of ${count} ${count === 1 ? 'repository' : 'repositories'}`;
    }
    default:
      return 'unknown';
  }
}

/** Whether credentials are configured; the API never exposes the credentials themselves. */
export function describeCredentials(source: SourceSummary): string {
  return source.hasCredentials ? 'configured' : 'none';
}

/** The outcome of a source's last sync, or `Never synced`. */
export function describeSyncStatus(run: SyncRun | undefined): string {
  if (!run) return 'Never synced';
  return SYNC_RUN_STATUS_LABELS[run.status] ?? run.status;
}

/** When the last sync finished (or started, while it runs), as an age. */
export function describeSyncTime(
  run: SyncRun | undefined,
  now: Date = new Date(),
): string {
  if (!run) return '—';
  if (run.finishedAt) {
    return formatAge(run.finishedAt, now) ?? run.finishedAt;
  }
  const started = formatAge(run.startedAt, now) ?? run.startedAt;
  return `started ${started}`;
}

/** One count of the last sync (`repositories`, `newVersions`, ...), or `—` when it did not record it. */
export function describeSyncCount(
  run: SyncRun | undefined,
  key: string,
): string {
  const value = run?.counts?.[key];
  return typeof value === 'number' ? String(value) : '—';
}

/**
 * How many errors the run had: a run keeps at most 50 of them, and counts
 * them all in `counts.errors`.
 */
export function describeErrorCount(run: SyncRun | undefined): string {
  if (!run) return '—';
  const counted = run.counts?.errors;
  return String(
    typeof counted === 'number'
      ? Math.max(counted, run.errors.length)
      : run.errors.length,
  );
}

/** `repository — code: message`, leaving out what the error does not say. */
export function describeSyncError(error: SyncRun['errors'][number]): string {
  const text = error.code ? `${error.code}: ${error.message}` : error.message;
  return error.repository ? `${error.repository} — ${text}` : text;
}

function countOf(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/**
 * What a run found, in one line: `8 repositories · 1 new version · 2 not
 * patterns · 0 errors`; what it did not record is left out.
 */
export function describeRunCounts(run: SyncRun | undefined): string {
  if (!run) return '—';
  const parts: string[] = [];
  const count = (key: string) => {
    const value = run.counts?.[key];
    return typeof value === 'number' ? value : undefined;
  };
  const repositories = count('repositories');
  if (repositories !== undefined)
    parts.push(countOf(repositories, 'repository', 'repositories'));
  const newVersions = count('newVersions');
  if (newVersions !== undefined)
    parts.push(countOf(newVersions, 'new version', 'new versions'));
  const notPatterns = count('notPatterns');
  if (notPatterns)
    parts.push(countOf(notPatterns, 'not a pattern', 'not patterns'));
  const errors = Number(describeErrorCount(run));
  parts.push(countOf(errors, 'error', 'errors'));
  return parts.join(' · ');
}
