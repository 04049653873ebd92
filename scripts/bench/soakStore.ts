/* eslint-disable no-console */
import {
  SourceStatus,
  SyncRun,
} from '@orkspace/backstage-plugin-orkestra-common';
import { BackendProcess } from '../../plugins/orkestra-backend/src/__testUtils__/startBackendProcess';
import { acceptedOf, StormResult } from './soakStorm';

const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

/**
 * Reads and prints what the store kept after the storm: the runs recorded
 * since `lastRunBefore`, the largest stored error message and error list,
 * the last full run, and how the huge pattern is served.
 */
export async function printWhatTheStoreKept(
  backend: BackendProcess,
  options: {
    source: string;
    hugeId: string;
    lastRunBefore: number;
    storm: StormResult;
  },
) {
  const { lastRunBefore } = options;
  const { items: sources } = await backend.getJson<{ items: SourceStatus[] }>(
    '/api/orkestra/sources',
  );
  const { items: runs } = await backend.getJson<{ items: SyncRun[] }>(
    `/api/orkestra/sources/${options.source}/sync-runs?limit=200`,
  );
  const stormRuns = runs.filter(r => r.id > lastRunBefore);
  const recorded = (runs[0]?.id ?? lastRunBefore) - lastRunBefore;
  const lastSyncs = sources.flatMap(s => (s.lastSync ? [s.lastSync] : []));
  const stored = [...runs, ...lastSyncs];
  const largestMessage = Math.max(
    0,
    ...stored.flatMap(r => r.errors.map(e => bytes(e.message))),
  );
  const largestList = stored.reduce(
    (max, r) => (r.errors.length > max.errors.length ? r : max),
    stored[0],
  );
  const largestListBytes = Math.max(
    0,
    ...stored.map(r => bytes(JSON.stringify(r.errors))),
  );
  const hugePattern = await backend.getJson(
    `/api/orkestra/patterns/${options.hugeId}`,
  );
  const hugeVersions = await backend.getJson(
    `/api/orkestra/patterns/${options.hugeId}/versions`,
  );

  const byTrigger = new Map<string, number>();
  for (const r of stormRuns) {
    const key = `${r.trigger}${r.repository ? '' : ' (full)'} ${r.status}`;
    byTrigger.set(key, (byTrigger.get(key) ?? 0) + 1);
  }
  console.log(
    `sync runs recorded during the storm: ${recorded} (${[...byTrigger]
      .sort()
      .map(([key, n]) => `${key}: ${n}`)
      .join(', ')}); the ${acceptedOf(
      options.storm,
    )} accepted resyncs were served by ${options.storm.onDemandRuns.size} runs`,
  );
  console.log(
    `largest stored error message: ${largestMessage} bytes; largest run error list: ${
      largestList?.errors.length ?? 0
    } errors (${largestListBytes} bytes as JSON), over ${
      runs.length
    } runs read and the last full run`,
  );
  console.log(
    `last full run: ${JSON.stringify(
      sources[0]?.lastSync?.status,
    )}, errors ${JSON.stringify(sources[0]?.lastSync?.errors)}`,
  );
  console.log(
    `1 MiB pattern: description served as ${bytes(
      hugePattern.description ?? '',
    )} bytes, ${hugeVersions.items.length} version(s)`,
  );
}
