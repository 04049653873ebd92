/* eslint-disable no-console */
/**
 * API load benchmark: seeds an OCI image layout with N patterns × 2 versions
 * packed by the codec, starts the real Orkestra backend plugin on it
 * (startTestBackend, SQLite), waits for its first sync, then loads three
 * routes over loopback with a fixed number of concurrent keep-alive clients
 * and prints p50/p95/p99 latency and throughput for each.
 *
 *   yarn bench:api [--patterns 5000] [--seconds 10] [--connections 10]
 */
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import orkestraPlugin from '@internal/backstage-plugin-orkestra-backend';
import {
  OciLayoutStore,
  packPattern,
  publishPattern,
  readPatternDirectory,
} from '@internal/backstage-plugin-orkestra-node';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import pLimit from 'p-limit';

import { arg } from './benchArgs';

async function writePattern(dir: string, p: number, v: number) {
  await mkdir(dir, { recursive: true });
  await writeFile(
    join(dir, 'katalog.yaml'),
    [
      'apiVersion: orkestra.orkspace.io/v1',
      'kind: Katalog',
      'metadata:',
      `  name: api-${p}`,
      `  version: v1.${v}.0`,
      `  description: Benchmark Katalog ${p}`,
      `  author: team-${p % 7}`,
      '  tags: [bench]',
      'lifecycle: { maturity: stable }',
      '',
    ].join('\n'),
  );
}

function percentile(sorted: number[], p: number): number {
  return sorted[
    Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))
  ];
}

async function load(url: string, seconds: number, connections: number) {
  const latencies: number[] = [];
  let errors = 0;
  const deadline = Date.now() + seconds * 1000;
  const headers = { authorization: 'Bearer mock-user-token' };
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (Date.now() < deadline) {
        const start = process.hrtime.bigint();
        const response = await fetch(url, { headers });
        await response.arrayBuffer();
        latencies.push(Number(process.hrtime.bigint() - start) / 1e6);
        if (!response.ok) errors++;
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors,
    rps: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
  };
}

async function main() {
  const patterns = arg('patterns', 5000);
  const seconds = arg('seconds', 10);
  const connections = arg('connections', 10);
  const work = await mkdtemp(join(tmpdir(), 'orkestra-bench-api-'));
  try {
    console.log(
      `bench:api  ${patterns} patterns × 2 versions in an OCI layout, backend on SQLite, ${connections} connections × ${seconds} s per route, ${
        cpus().length
      } cores`,
    );
    const layout = await OciLayoutStore.open(join(work, 'registry'), {
      create: true,
    });
    const seedStart = Date.now();
    const limit = pLimit(8);
    await Promise.all(
      Array.from({ length: patterns }, (_, p) =>
        limit(async () => {
          for (let v = 0; v < 2; v++) {
            const dir = join(work, 'src', `p${p}`, `v${v}`);
            await writePattern(dir, p, v);
            await publishPattern(
              layout,
              { repository: `bench/katalogs/api-${p}`, tag: `v1.${v}.0` },
              await packPattern(await readPatternDirectory(dir), {
                created: new Date(Date.UTC(2026, 0, 1 + v)),
              }),
            );
          }
        }),
      ),
    );
    console.log(
      `seeded ${patterns * 2} versions in ${(
        (Date.now() - seedStart) /
        1000
      ).toFixed(1)} s`,
    );

    const syncStart = Date.now();
    const backend = await startTestBackend({
      features: [
        orkestraPlugin,
        mockServices.rootConfig.factory({
          data: {
            orkestra: {
              sources: [
                {
                  id: 'bench',
                  type: 'layout',
                  target: join(work, 'registry'),
                  registry: 'oci.bench.example',
                  prefix: 'bench',
                  discovery: 'catalog',
                  schedule: {
                    frequency: { hours: 1 },
                    timeout: { minutes: 30 },
                  },
                },
              ],
            },
          },
        }),
      ],
    });
    const base = `http://localhost:${backend.server.port()}/api/orkestra`;
    for (;;) {
      const response = await fetch(`${base}/patterns?limit=1`, {
        headers: { authorization: 'Bearer mock-user-token' },
      });
      const body = response.ok ? await response.json() : undefined;
      if (body?.totalCount === patterns) break;
      await new Promise(resolve => setTimeout(resolve, 500));
    }
    console.log(
      `backend started and synced ${patterns} patterns in ${(
        (Date.now() - syncStart) /
        1000
      ).toFixed(1)} s`,
    );

    const id = encodeURIComponent(
      `bench:bench/katalogs/api-${Math.floor(patterns / 2)}`,
    );
    const routes: Array<[string, string]> = [
      ['GET /patterns?limit=50', `${base}/patterns?limit=50`],
      ['GET /patterns/:id', `${base}/patterns/${id}`],
      ['GET /patterns/:id/versions', `${base}/patterns/${id}/versions`],
    ];
    console.log(
      'route                          requests  errors   req/s   p50 ms   p95 ms   p99 ms   p95 < 50 ms',
    );
    for (const [label, url] of routes) {
      await load(url, 1, connections); // warm-up
      const r = await load(url, seconds, connections);
      console.log(
        `${label.padEnd(30)} ${String(r.requests).padStart(8)} ${String(
          r.errors,
        ).padStart(7)} ${r.rps.toFixed(0).padStart(7)} ${r.p50
          .toFixed(1)
          .padStart(8)} ${r.p95.toFixed(1).padStart(8)} ${r.p99
          .toFixed(1)
          .padStart(8)}   ${r.p95 < 50 ? 'yes' : 'NO'}`,
      );
    }
    await backend.stop();
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

main().then(
  // The test backend leaves timers behind; the figures are printed.
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);
