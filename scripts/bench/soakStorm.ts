/* eslint-disable no-console */
import { SyncRun } from '@orkspace/backstage-plugin-orkestra-common';
import { BackendProcess } from '../../plugins/orkestra-backend/src/__testUtils__/startBackendProcess';
import { REQUEST_TIMEOUT_MS, sleep } from './apiProbes';
import { latencySummary } from './stats';

interface Kind {
  label: string;
  path: (i: number) => string;
  body?: object;
}

interface KindCounts {
  accepted: number;
  limited: number;
  other: number;
  latencies: number[];
}

export interface StormResult {
  kinds: Kind[];
  byKind: KindCounts[];
  statuses: Map<string, number>;
  /** Ids of the runs the 202s named. */
  onDemandRuns: Set<number>;
  retryAfter: number[];
  notSent: number;
}

/**
 * `requests` resyncs spread evenly over `seconds`, sent by `callers`
 * concurrent callers, in turn: of an example pattern, of the huge one, of
 * the source for the missing repository and for the huge one. Nobody
 * honours Retry-After.
 */
export async function runStorm(
  backend: BackendProcess,
  options: {
    source: string;
    examples: string[];
    huge: string;
    failing: string;
    requests: number;
    seconds: number;
    callers: number;
    patternId: (repository: string) => string;
  },
): Promise<StormResult> {
  const { source, examples, huge, failing, patternId } = options;
  const kinds: Kind[] = [
    {
      label: 'POST /patterns/:example/resync',
      path: i =>
        `/api/orkestra/patterns/${patternId(
          examples[Math.floor(i / 4) % examples.length],
        )}/resync`,
    },
    {
      label: 'POST /patterns/:huge/resync',
      path: () => `/api/orkestra/patterns/${patternId(huge)}/resync`,
    },
    {
      label: 'POST /sources/:id/resync missing',
      path: () => `/api/orkestra/sources/${source}/resync`,
      body: { repository: failing },
    },
    {
      label: 'POST /sources/:id/resync huge',
      path: () => `/api/orkestra/sources/${source}/resync`,
      body: { repository: huge },
    },
  ];
  const byKind: KindCounts[] = kinds.map(() => ({
    accepted: 0,
    limited: 0,
    other: 0,
    latencies: [],
  }));
  const result: StormResult = {
    kinds,
    byKind,
    statuses: new Map(),
    onDemandRuns: new Set(),
    retryAfter: [],
    notSent: 0,
  };
  const spacing = (options.seconds * 1000) / options.requests;
  const stormStart = Date.now();
  const stormDeadline =
    stormStart + options.seconds * 1000 + REQUEST_TIMEOUT_MS;
  let next = 0;
  await Promise.all(
    Array.from({ length: options.callers }, async () => {
      for (;;) {
        const i = next++;
        if (i >= options.requests) return;
        await sleep(stormStart + i * spacing - Date.now());
        if (Date.now() > stormDeadline) {
          result.notSent++;
          continue;
        }
        const kind = kinds[i % kinds.length];
        const counts = byKind[i % kinds.length];
        const start = process.hrtime.bigint();
        let status: string;
        try {
          const response = await backend.fetch(kind.path(i), {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(kind.body ?? {}),
            signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
          });
          const text = await response.text();
          status = String(response.status);
          if (response.status === 202) {
            counts.accepted++;
            result.onDemandRuns.add((JSON.parse(text) as SyncRun).id);
          } else if (response.status === 429) {
            counts.limited++;
            result.retryAfter.push(Number(response.headers.get('retry-after')));
          } else {
            counts.other++;
            if (counts.other <= 3)
              console.warn(
                `${kind.label}: HTTP ${status} ${text.slice(0, 300)}`,
              );
          }
        } catch (error) {
          counts.other++;
          status = `error (${(error as Error).name})`;
        }
        counts.latencies.push(Number(process.hrtime.bigint() - start) / 1e6);
        result.statuses.set(status, (result.statuses.get(status) ?? 0) + 1);
      }
    }),
  );
  return result;
}

/** Prints the answers to the storm, by kind and by status. */
export function printStorm(storm: StormResult) {
  console.log(
    `resync requests                     sent     202     429   other   p50 ms   p95 ms`,
  );
  for (const [k, kind] of storm.kinds.entries()) {
    const c = storm.byKind[k];
    const s = latencySummary(c.latencies);
    console.log(
      `  ${kind.label.padEnd(32)} ${String(c.latencies.length).padStart(
        6,
      )} ${String(c.accepted).padStart(7)} ${String(c.limited).padStart(
        7,
      )} ${String(c.other).padStart(7)} ${s.p50.toFixed(1).padStart(8)} ${s.p95
        .toFixed(1)
        .padStart(8)}`,
    );
  }
  console.log(
    `  responses by status: ${[...storm.statuses]
      .sort()
      .map(([status, n]) => `${status}: ${n}`)
      .join(', ')}${
      storm.notSent ? `, not sent (past the deadline): ${storm.notSent}` : ''
    }`,
  );
  if (storm.retryAfter.length)
    console.log(
      `  Retry-After of the 429s: ${Math.min(...storm.retryAfter)}–${Math.max(
        ...storm.retryAfter,
      )} s`,
    );
}

export const acceptedOf = (storm: StormResult) =>
  storm.byKind.reduce((sum, c) => sum + c.accepted, 0);
