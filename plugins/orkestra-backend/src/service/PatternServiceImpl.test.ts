/**
 * The read model over a real store (SQLite and PostgreSQL) synced from the
 * bundled example registry (a layout source), plus store writes for what the
 * examples lack: a pattern without versions, a missing pattern, untagged and
 * floating-only versions, imports of unknown or floating references.
 */
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  decodePatternAnnotations,
  ListPatternsResponse,
  PatternQuery,
} from '@orkspace/backstage-plugin-orkestra-common';
import { EXAMPLE_REGISTRY_DIR } from '@orkspace/orkestra-test-utils';
import { orkestraTestDatabases } from '../__testUtils__/testDatabases';
import { OrkestraConfig, readOrkestraConfig } from '../config/orkestraConfig';
import { NewVersion, PatternStore } from '../store/PatternStore';
import { SyncEngine } from '../sync/SyncEngine';
import { MAX_FILE_CONTENT_BYTES } from './patternFiles';
import { PatternServiceImpl } from './PatternServiceImpl';

// A sync of the example registry per database on a loaded CI machine.
jest.setTimeout(120_000);

const databases = orkestraTestDatabases();
const NOW = new Date('2026-11-24T10:00:00Z');
const REGISTRY = 'oci.orkestra.example';

const id = (repository: string) => `examples:orkestra/${repository}`;
const WEBAPP = id('katalogs/webapp-operator');
const WEB_SERVICE = id('motifs/web-service');
const LEGACY = id('katalogs/legacy-queue-operator');
const POSTGRES = id('katalogs/postgres-operator');

const KATALOGS = [
  'cache-operator',
  'legacy-queue-operator',
  'platform-stack',
  'postgres-operator',
  'webapp-operator',
];
const MOTIFS = ['platform-admission', 'postgres-statefulset', 'web-service'];

const names = (list: ListPatternsResponse) =>
  list.items.map(item => item.name).sort();

interface Testbed {
  store: PatternStore;
  engine: SyncEngine;
  config: OrkestraConfig;
  service: PatternServiceImpl;
}

async function syncedExamples(
  databaseId: Parameters<typeof databases.init>[0],
): Promise<Testbed> {
  const knex = await databases.init(databaseId);
  const store = await PatternStore.create({
    database: { getClient: async () => knex, migrations: { skip: false } },
  });
  const config = readOrkestraConfig(
    new ConfigReader({
      orkestra: {
        sources: [
          {
            id: 'examples',
            type: 'layout',
            target: EXAMPLE_REGISTRY_DIR,
            registry: REGISTRY,
            prefix: 'orkestra',
            discovery: 'catalog',
          },
        ],
        policy: { requiredGates: ['simulate'], allowedRegistries: [REGISTRY] },
        ownership: {
          defaultOwner: 'group:default/platform',
          authors: { 'data-team': 'group:default/data' },
        },
      },
    }),
  );
  const engine = new SyncEngine({
    store,
    config,
    logger: mockServices.logger.mock(),
    now: () => NOW,
  });
  const run = await engine.syncSource('examples');
  if (run.status !== 'succeeded')
    throw new Error(`the example sync ended ${JSON.stringify(run)}`);
  const service = new PatternServiceImpl({
    store,
    engine,
    config,
    now: () => NOW,
  });
  return { store, engine, config, service };
}

function cursorOf(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

describe.each(databases.eachSupportedId())(
  'PatternServiceImpl on %p',
  databaseId => {
    describe('over the example registry', () => {
      let bed: Testbed;
      beforeAll(async () => {
        bed = await syncedExamples(databaseId);
      });

      it('lists every current pattern with its latest version headline', async () => {
        const list = await bed.service.listPatterns({});
        expect(list.totalCount).toBe(8);
        expect(list.nextCursor).toBeUndefined();
        expect(names(list)).toEqual([...KATALOGS, ...MOTIFS].sort());
        const webapp = list.items.find(p => p.id === WEBAPP)!;
        expect(webapp).toEqual({
          id: WEBAPP,
          source: 'examples',
          registry: REGISTRY,
          repository: 'orkestra/katalogs/webapp-operator',
          reference: `${REGISTRY}/orkestra/katalogs/webapp-operator`,
          kind: 'Katalog',
          name: 'webapp-operator',
          description: expect.stringMatching(/./),
          author: 'platform-team',
          owner: 'group:default/platform',
          tags: ['web', 'deployment', 'stateless', 'admission', 'probes'],
          latest: {
            version: 'v2.0.0',
            digest: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
            created: '2026-09-15T14:40:26Z',
            simulate: 'passed',
            e2e: 'passed',
            deprecated: false,
            deprecationState: 'none',
            maturity: 'stable',
            policyStatus: 'pass',
          },
          versionCount: 3,
          updatedAt: NOW.toISOString(),
        });
        // A Motif has no maturity: its headline has no such key.
        const motif = list.items.find(p => p.id === WEB_SERVICE)!;
        expect(motif.latest).not.toHaveProperty('maturity');
        expect(motif.latest?.version).toBe('v1.1.0');
      });

      it.each<[string, PatternQuery, string[]]>([
        ['kind Katalog', { kind: 'Katalog' }, KATALOGS],
        ['kind Motif', { kind: 'Motif' }, MOTIFS],
        [
          'simulate passed',
          { simulate: 'passed' },
          KATALOGS, // every Katalog's latest version passed simulate; Motifs have no gates
        ],
        [
          'e2e passed',
          { e2e: 'passed' },
          ['cache-operator', 'postgres-operator', 'webapp-operator'],
        ],
        [
          'e2e absent',
          { e2e: 'absent' },
          ['legacy-queue-operator', 'platform-stack', ...MOTIFS],
        ],
        ['deprecated', { deprecated: true }, ['legacy-queue-operator']],
        [
          'not deprecated',
          { deprecated: false },
          [...KATALOGS, ...MOTIFS].filter(n => n !== 'legacy-queue-operator'),
        ],
        ['policy fail', { policy: 'fail' }, ['legacy-queue-operator']],
        // platform-stack imports webapp-operator v1.0.0, which is deprecated.
        ['policy warn', { policy: 'warn' }, ['platform-stack']],
        ['imports deprecated', { importsDeprecated: true }, ['platform-stack']],
        [
          // cache-operator imports web-service v1.0.0 (latest v1.1.0);
          // platform-stack imports webapp-operator v1.0.0 and postgres-operator v15.0.0.
          'imports behind',
          { importsBehind: true },
          ['cache-operator', 'platform-stack'],
        ],
        [
          'imports not behind',
          { importsBehind: false },
          [
            'legacy-queue-operator',
            'postgres-operator',
            'webapp-operator',
            ...MOTIFS,
          ],
        ],
        [
          'owner by author mapping',
          { owner: 'group:default/data' },
          ['postgres-operator', 'postgres-statefulset'],
        ],
        ['source examples', { source: 'examples' }, [...KATALOGS, ...MOTIFS]],
        ['unknown source', { source: 'elsewhere' }, []],
        [
          'text in name or description, any case',
          { q: 'POSTGRES' },
          ['platform-stack', 'postgres-operator', 'postgres-statefulset'],
        ],
        [
          'text by author',
          { q: 'sre-team' },
          ['cache-operator', 'legacy-queue-operator'],
        ],
        ['LIKE wildcards are literal', { q: '%' }, []],
        ['LIKE underscore is literal', { q: 'web_service' }, []],
        [
          'kind and owner',
          { kind: 'Katalog', owner: 'group:default/data' },
          ['postgres-operator'],
        ],
        [
          'simulate passed and e2e absent',
          { simulate: 'passed', e2e: 'absent' },
          ['legacy-queue-operator', 'platform-stack'],
        ],
        [
          'Katalogs not deprecated passing policy',
          { kind: 'Katalog', deprecated: false, policy: 'pass' },
          ['cache-operator', 'postgres-operator', 'webapp-operator'],
        ],
        [
          'imports behind with e2e passed',
          { importsBehind: true, e2e: 'passed' },
          ['cache-operator'],
        ],
        [
          'Motif and text',
          { kind: 'Motif', q: 'postgres' },
          ['postgres-statefulset'],
        ],
        ['contradicting filters', { kind: 'Motif', simulate: 'passed' }, []],
      ])('filters: %s', async (_, query, expected) => {
        const list = await bed.service.listPatterns(query);
        expect(names(list)).toEqual([...expected].sort());
        expect(list.totalCount).toBe(expected.length);
        expect(list.nextCursor).toBeUndefined();
      });

      it('names a deprecated import on the importer: in its summary and in its policy', async () => {
        const stack = await bed.service.getPattern(
          id('katalogs/platform-stack'),
        );
        expect(stack.deprecatedImports).toEqual([
          expect.objectContaining({
            reference: `${REGISTRY}/orkestra/katalogs/webapp-operator:v1.0.0`,
            patternId: WEBAPP,
            version: 'v1.0.0',
          }),
        ]);
        const policy = await bed.service.getPolicy(stack.id, 'v1.0.0');
        expect(policy.reasons).toContainEqual(
          expect.objectContaining({
            rule: 'deprecated-import',
            status: 'warn',
            message: expect.stringContaining(
              `Import ${REGISTRY}/orkestra/katalogs/webapp-operator:v1.0.0 is`,
            ),
          }),
        );
      });

      it('pages with cursors: every page counts all matches, the last has no cursor', async () => {
        const all = await bed.service.listPatterns({});
        const seen: string[] = [];
        let cursor: string | undefined;
        let pages = 0;
        do {
          const page = await bed.service.listPatterns({ limit: 3, cursor });
          expect(page.totalCount).toBe(8);
          expect(page.items.length).toBe(pages < 2 ? 3 : 2);
          seen.push(...page.items.map(p => p.id));
          cursor = page.nextCursor;
          pages++;
        } while (cursor);
        expect(pages).toBe(3);
        expect(seen).toEqual(all.items.map(p => p.id));

        // A cursor carries over a filter: the second page of Katalogs by twos.
        const first = await bed.service.listPatterns({
          kind: 'Katalog',
          limit: 2,
        });
        const second = await bed.service.listPatterns({
          kind: 'Katalog',
          limit: 2,
          cursor: first.nextCursor,
        });
        expect(second.totalCount).toBe(5);
        expect(second.items.map(p => p.kind)).toEqual(['Katalog', 'Katalog']);
        expect(second.nextCursor).toEqual(expect.any(String));
        const firstIds = first.items.map(p => p.id);
        expect(second.items.filter(p => firstIds.includes(p.id))).toEqual([]);

        // A page exactly as long as what is left has no next cursor.
        const exact = await bed.service.listPatterns({ limit: 8 });
        expect(exact.items).toHaveLength(8);
        expect(exact.nextCursor).toBeUndefined();
        // The largest id a cursor may name: nothing is after it.
        const beyond = await bed.service.listPatterns({
          cursor: cursorOf({ after: 2_147_483_647 }),
        });
        expect(beyond).toEqual({ items: [], totalCount: 8 });
      });

      it.each([0, 201, 1.5, -1, Number.NaN])(
        'refuses limit %p',
        async limit => {
          await expect(bed.service.listPatterns({ limit })).rejects.toThrow(
            'limit must be from 1 to 200',
          );
        },
      );

      it('accepts the limits at both ends', async () => {
        expect(
          (await bed.service.listPatterns({ limit: 1 })).items,
        ).toHaveLength(1);
        expect(
          (await bed.service.listPatterns({ limit: 200 })).items,
        ).toHaveLength(8);
      });

      it.each([
        ['not base64 JSON', '!!!'],
        ['JSON without after', cursorOf({ before: 3 })],
        ['after zero', cursorOf({ after: 0 })],
        ['after as text', cursorOf({ after: '3' })],
        ['after fractional', cursorOf({ after: 2.5 })],
        ['after past 32 bits', cursorOf({ after: 2_147_483_648 })],
        ['JSON null', cursorOf(null)],
      ])(
        'refuses a cursor %s, in lists and in the entity feed',
        async (_, cursor) => {
          const message =
            'Invalid cursor: expected a cursor from a previous page';
          await expect(
            bed.service.listPatterns({ cursor }),
          ).rejects.toMatchObject({
            name: 'InputError',
            message,
          });
          await expect(
            bed.service.entityFeed({ cursor }),
          ).rejects.toMatchObject({
            name: 'InputError',
            message,
          });
        },
      );

      it('refuses a malformed id and answers NotFound for unknown patterns and versions', async () => {
        for (const bad of ['no-colon', ':orkestra/katalogs/x']) {
          await expect(bed.service.getPattern(bad)).rejects.toMatchObject({
            name: 'InputError',
            message: `invalid pattern id "${bad}": expected <source>:<repository>`,
          });
        }
        const long = `x${'y'.repeat(300)}`;
        await expect(bed.service.getPattern(long)).rejects.toThrow(
          `invalid pattern id "${long.slice(
            0,
            200,
          )}": expected <source>:<repository>`,
        );
        await expect(
          bed.service.getPattern('examples:orkestra/katalogs/nowhere'),
        ).rejects.toMatchObject({
          name: 'NotFoundError',
          message: 'no pattern examples:orkestra/katalogs/nowhere',
        });
        // The repository is known, but not under that source.
        await expect(
          bed.service.getPattern('other:orkestra/katalogs/webapp-operator'),
        ).rejects.toMatchObject({ name: 'NotFoundError' });
        await expect(
          bed.service.getVersion(WEBAPP, 'v9.9.9'),
        ).rejects.toMatchObject({
          name: 'NotFoundError',
          message: `${WEBAPP} has no version v9.9.9`,
        });
        const digest = `sha256:${'0'.repeat(64)}`;
        await expect(bed.service.getPolicy(WEBAPP, digest)).rejects.toThrow(
          `${WEBAPP} has no version ${digest}`,
        );
      });

      it('lists versions newest first and finds one by tag or by digest', async () => {
        const versions = await bed.service.listVersions(POSTGRES);
        expect(versions.map(v => v.version)).toEqual([
          'v16.0.0',
          'v15.0.0',
          'v14.0.0',
        ]);
        expect(versions.map(v => [v.floatingOnly, v.untagged])).toEqual([
          [false, false],
          [false, false],
          [false, false],
        ]);
        const [v16] = versions;
        expect(await bed.service.getVersion(POSTGRES, v16.digest)).toEqual(v16);
        expect(await bed.service.getVersion(POSTGRES, 'v16.0.0')).toEqual(v16);
        expect(v16).toMatchObject({
          tags: ['v16.0.0'],
          created: '2026-08-19T12:31:09Z',
          maturity: 'beta',
          deprecationState: 'none',
          policy: { status: 'pass', reasons: [] },
          problems: [],
          firstSeenAt: NOW.toISOString(),
        });
      });

      it('gives the upgrade path: each newer version with its CRD changes, and where a deprecated version migrates', async () => {
        const path = await bed.service.getUpgradePath(WEBAPP, 'v1.0.0');
        expect(path.from.version).toBe('v1.0.0');
        expect(path.latest).toBe('v2.0.0');
        expect(path.migratedTo).toBe(
          `oci://${REGISTRY}/orkestra/katalogs/webapp-operator:v2.0.0`,
        );
        expect(path.steps.map(s => s.version)).toEqual(['v1.1.0', 'v2.0.0']);
        expect(path.steps.map(s => s.headline.version)).toEqual([
          'v1.1.0',
          'v2.0.0',
        ]);
        expect(path.steps.map(s => s.created)).toEqual([
          '2026-04-14T15:27:44Z',
          '2026-09-15T14:40:26Z',
        ]);
        for (const step of path.steps)
          expect(Array.isArray(step.crdChanges)).toBe(true);

        // The latest version: no newer version, nothing to migrate to.
        const none = await bed.service.getUpgradePath(WEBAPP, 'v2.0.0');
        expect(none).toEqual({
          from: { version: 'v2.0.0', digest: path.steps[1].digest },
          latest: 'v2.0.0',
          steps: [],
        });
      });

      it('gives the policy of a version: failing gates, deprecation, and a Motif without gates', async () => {
        expect(await bed.service.getPolicy(LEGACY, 'v1.0.0')).toEqual({
          status: 'fail',
          reasons: [
            {
              rule: 'required-gates',
              status: 'fail',
              message: 'Required gate simulate ran without assertions',
            },
          ],
        });
        expect(
          (await bed.service.getPolicy(id('katalogs/cache-operator'), 'v0.9.0'))
            .reasons,
        ).toEqual([
          {
            rule: 'required-gates',
            status: 'fail',
            message: 'Required gate simulate was skipped (forced publish)',
          },
        ]);
        const deprecated = await bed.service.getPolicy(WEBAPP, 'v1.0.0');
        expect(deprecated.status).toBe('warn');
        expect(deprecated.reasons.map(r => r.rule)).toEqual(['deprecation']);
        expect(await bed.service.getPolicy(WEB_SERVICE, 'v1.0.0')).toEqual({
          status: 'pass',
          reasons: [],
        });
      });

      it('lists files and serves their content: YAML from the store, other files from the source', async () => {
        const files = await bed.service.listFiles(WEB_SERVICE, 'v1.1.0');
        expect(files.map(f => f.name)).toEqual(['motif.yaml', 'README.md']);
        for (const file of files) {
          const content = await bed.service.getFileContent(
            WEB_SERVICE,
            'v1.1.0',
            file.name,
          );
          expect(content).toMatchObject({
            name: file.name,
            mediaType: file.mediaType,
            size: file.size,
            truncated: false,
          });
          expect(content.content.byteLength).toBe(file.size);
        }
        const yaml = await bed.service.getFileContent(
          WEB_SERVICE,
          'v1.1.0',
          'motif.yaml',
        );
        expect(new TextDecoder().decode(yaml.content)).toMatch(
          /^kind: Motif$/m,
        );
        const readme = await bed.service.getFileContent(
          WEB_SERVICE,
          'v1.1.0',
          'README.md',
        );
        expect(await bed.store.getBlob(files[1].digest)).toBeUndefined();
        expect(new TextDecoder().decode(readme.content)).toMatch(/web-service/);

        await expect(
          bed.service.getFileContent(WEB_SERVICE, 'v1.1.0', 'crd.yaml'),
        ).rejects.toMatchObject({
          name: 'NotFoundError',
          message: `${WEB_SERVICE} v1.1.0 has no file crd.yaml`,
        });
        await expect(
          bed.service.getFileContent(WEB_SERVICE, 'v3.0.0', 'motif.yaml'),
        ).rejects.toThrow(`${WEB_SERVICE} has no version v3.0.0`);
      });

      it('lists dependencies of the latest or a given version, marking those behind', async () => {
        expect(
          await bed.service.listDependencies(id('katalogs/cache-operator')),
        ).toEqual([
          {
            type: 'motif',
            raw: `oci://${REGISTRY}/orkestra/motifs/web-service:v1.0.0`,
            reference: `${REGISTRY}/orkestra/motifs/web-service`,
            tag: 'v1.0.0',
            crd: 'cache',
            patternId: WEB_SERVICE,
            latestVersion: 'v1.1.0',
            behindLatest: true,
            allowed: true,
          },
        ]);
        const latest = await bed.service.listDependencies(WEBAPP);
        expect(latest.map(d => [d.patternId, d.tag, d.behindLatest])).toEqual([
          [WEB_SERVICE, 'v1.1.0', false],
          [id('motifs/platform-admission'), 'v1.0.0', false],
        ]);
        const older = await bed.service.listDependencies(WEBAPP, 'v1.0.0');
        expect(older.map(d => [d.patternId, d.tag, d.behindLatest])).toEqual([
          [WEB_SERVICE, 'v1.0.0', true],
        ]);
        expect(await bed.service.listDependencies(WEB_SERVICE)).toEqual([]);
        await expect(
          bed.service.listDependencies(WEBAPP, 'v0.1.0'),
        ).rejects.toThrow(`${WEBAPP} has no version v0.1.0`);
      });

      it('lists dependents by their latest version, marking those behind, sorted by id', async () => {
        expect(await bed.service.listDependents(WEB_SERVICE)).toEqual([
          {
            patternId: id('katalogs/cache-operator'),
            name: 'cache-operator',
            kind: 'Katalog',
            version: 'v1.0.0',
            importedVersion: 'v1.0.0',
            behindLatest: true,
          },
          {
            // webapp-operator v1.0.0 and v1.1.0 import v1.0.0 too: only its latest counts.
            patternId: WEBAPP,
            name: 'webapp-operator',
            kind: 'Katalog',
            version: 'v2.0.0',
            importedVersion: 'v1.1.0',
            behindLatest: false,
          },
        ]);
        expect(await bed.service.listDependents(POSTGRES)).toEqual([
          {
            patternId: id('katalogs/platform-stack'),
            name: 'platform-stack',
            kind: 'Katalog',
            version: 'v1.0.0',
            importedVersion: 'v15.0.0',
            behindLatest: true,
          },
        ]);
        expect(
          await bed.service.listDependents(id('katalogs/platform-stack')),
        ).toEqual([]);
      });

      it('lists sources with their last full run, and their runs', async () => {
        const [source] = await bed.service.listSources();
        expect(source).toMatchObject({
          id: 'examples',
          type: 'layout',
          registry: REGISTRY,
          hasCredentials: false,
          lastSync: {
            id: 1,
            source: 'examples',
            status: 'succeeded',
            trigger: 'schedule',
          },
        });
        expect(
          (await bed.service.listSyncRuns('examples')).map(r => r.id),
        ).toEqual([1]);
        await expect(
          bed.service.listSyncRuns('elsewhere'),
        ).rejects.toMatchObject({
          name: 'NotFoundError',
          message: 'no source elsewhere',
        });
      });

      it('resyncs one pattern or one repository; the source keeps its last full run', async () => {
        const run = await bed.service.resync(WEBAPP);
        expect(run).toMatchObject({
          source: 'examples',
          trigger: 'on-demand',
          repository: 'orkestra/katalogs/webapp-operator',
          status: 'succeeded',
        });
        const again = await bed.service.resyncRepository(
          'examples',
          'orkestra/motifs/web-service',
        );
        expect(again).toMatchObject({
          repository: 'orkestra/motifs/web-service',
          status: 'succeeded',
        });
        expect(again.id).toBeGreaterThan(run.id);
        expect(
          (await bed.service.listSyncRuns('examples', 2)).map(r => r.id),
        ).toEqual([again.id, run.id]);
        expect((await bed.service.listSources())[0].lastSync?.id).toBe(1);
        await expect(
          bed.service.resyncRepository(
            'elsewhere',
            'orkestra/motifs/web-service',
          ),
        ).rejects.toThrow('no source elsewhere');
        await expect(bed.service.resync('examples:orkestra/x')).rejects.toThrow(
          'no pattern examples:orkestra/x',
        );
      });

      it('records gate runs, numbering them', async () => {
        const run = {
          reference: `${REGISTRY}/orkestra/katalogs/webapp-operator:v2.0.0`,
          gate: 'simulate' as const,
          status: 'passed',
          startedAt: NOW.toISOString(),
        };
        const first = await bed.service.recordGateRun(run);
        const second = await bed.service.recordGateRun({
          ...run,
          gate: 'e2e',
          finishedAt: NOW.toISOString(),
          taskId: 'task-1',
          detail: { assertions: 2 },
        });
        expect(Number.isInteger(first) && first > 0).toBe(true);
        expect(second).toBe(first + 1);
      });

      it('feeds entities with dependencies, CRDs and licenses, in pages', async () => {
        const feed = await bed.service.entityFeed({});
        expect(feed.nextCursor).toBeUndefined();
        expect(feed.items).toHaveLength(8);
        const stack = feed.items.find(
          i => i.id === id('katalogs/platform-stack'),
        )!;
        expect([...stack.dependsOn].sort()).toEqual([
          `${REGISTRY}/orkestra/katalogs/cache-operator`,
          `${REGISTRY}/orkestra/katalogs/postgres-operator`,
          `${REGISTRY}/orkestra/katalogs/webapp-operator`,
        ]);
        expect(stack.license).toBe('Apache-2.0');
        expect(stack.crds.map(c => c.kind)).toEqual(['Tenant']);
        expect(stack.crdDefinition).toMatch(/kind: CustomResourceDefinition/);
        const motif = feed.items.find(i => i.id === WEB_SERVICE)!;
        expect(motif.dependsOn).toEqual([]);
        expect(motif.crds).toEqual([]);
        expect(motif).not.toHaveProperty('crdDefinition');
        expect(motif.signals?.kind).toBe('Motif');

        const first = await bed.service.entityFeed({ limit: 5 });
        expect(first.items).toHaveLength(5);
        const rest = await bed.service.entityFeed({
          limit: 5,
          cursor: first.nextCursor,
        });
        expect(rest.nextCursor).toBeUndefined();
        expect([...first.items, ...rest.items].map(i => i.id)).toEqual(
          feed.items.map(i => i.id),
        );
        const one = await bed.service.entityFeed({
          source: 'examples',
          repository: 'orkestra/motifs/web-service',
        });
        expect(one.items.map(i => i.id)).toEqual([WEB_SERVICE]);
        expect(
          (await bed.service.entityFeed({ source: 'elsewhere' })).items,
        ).toEqual([]);
      });
    });

    describe('edge cases written to the store', () => {
      let bed: Testbed;
      const T0 = '2026-11-01T00:00:00.000Z';
      const FAR_PAST = '2000-01-01T00:00:00.000Z';

      const identity = (
        repository: string,
        kind: 'Katalog' | 'Motif' = 'Katalog',
      ) => ({
        sourceId: 'examples',
        registry: REGISTRY,
        repository: `orkestra/${repository}`,
        kind,
        name: repository.split('/').pop()!,
        owner: 'group:default/platform',
        tags: [],
      });

      function version(
        digest: string,
        more: Partial<NewVersion> = {},
      ): NewVersion {
        return {
          digest,
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          manifestSize: 100,
          signals: decodePatternAnnotations({
            'io.orkestra.pattern.kind': 'Katalog',
            'io.orkestra.simulate.status': 'passed',
            'io.orkestra.simulate.assertions': '3',
          }),
          crds: [],
          problems: [],
          files: [],
          imports: [],
          ...more,
        };
      }

      const digest = (c: string) => `sha256:${c.repeat(64)}`;

      beforeAll(async () => {
        bed = await syncedExamples(databaseId);
      });

      it('a pattern without versions: no latest, no versions, no dependencies, an empty entity', async () => {
        await bed.store.upsertPattern(identity('katalogs/empty'), T0);
        const ID = id('katalogs/empty');
        expect(await bed.service.getPattern(ID)).toEqual({
          id: ID,
          source: 'examples',
          registry: REGISTRY,
          repository: 'orkestra/katalogs/empty',
          reference: `${REGISTRY}/orkestra/katalogs/empty`,
          kind: 'Katalog',
          name: 'empty',
          owner: 'group:default/platform',
          tags: [],
          versionCount: 0,
          updatedAt: T0,
        });
        expect(await bed.service.listVersions(ID)).toEqual([]);
        expect(await bed.service.listDependencies(ID)).toEqual([]);
        expect(await bed.service.listDependents(ID)).toEqual([]);
        await expect(bed.service.getUpgradePath(ID, 'v1.0.0')).rejects.toThrow(
          `${ID} has no version v1.0.0`,
        );
        const feed = await bed.service.entityFeed({
          repository: 'orkestra/katalogs/empty',
        });
        expect(feed.items).toHaveLength(1);
        expect(feed.items[0]).toMatchObject({
          id: ID,
          dependsOn: [],
          crds: [],
        });
        expect(feed.items[0]).not.toHaveProperty('signals');
        expect(feed.items[0]).not.toHaveProperty('latest');
      });

      it('versions: tagged first in version order, a floating-only one next, untagged ones (and those whose tag went missing) last', async () => {
        const patternId = await bed.store.upsertPattern(
          identity('katalogs/tagged'),
          T0,
        );
        const ID = id('katalogs/tagged');
        const v1 = await bed.store.insertVersion(
          patternId,
          version(digest('1'), {
            version: 'v1.0.0',
            created: '2026-10-01T00:00:00Z',
            maturity: 'beta',
          }),
          T0,
        );
        const main = await bed.store.insertVersion(
          patternId,
          version(digest('2'), {
            version: 'v1.1.0-dev',
            created: '2026-10-05T00:00:00Z',
          }),
          T0,
        );
        const loose = await bed.store.insertVersion(
          patternId,
          version(digest('3'), { created: '2026-09-01T00:00:00Z' }),
          T0,
        );
        const dropped = await bed.store.insertVersion(
          patternId,
          version(digest('4'), {
            version: 'v0.9.0',
            created: '2026-08-01T00:00:00Z',
          }),
          T0,
        );
        await bed.store.applyTags(
          patternId,
          new Map([
            ['v1.0.0', v1],
            ['latest', v1],
            ['main', main],
            ['v0.9.0', dropped],
          ]),
          T0,
          FAR_PAST,
        );
        // The next listing lacks v0.9.0: it is marked missing.
        await bed.store.applyTags(
          patternId,
          new Map([
            ['v1.0.0', v1],
            ['latest', v1],
            ['main', main],
          ]),
          T0,
          FAR_PAST,
        );
        expect(loose).toBeGreaterThan(main);

        const versions = await bed.service.listVersions(ID);
        expect(
          versions.map(v => ({
            digest: v.digest,
            version: v.version,
            tags: v.tags,
            floatingOnly: v.floatingOnly,
            untagged: v.untagged,
          })),
        ).toEqual([
          {
            digest: digest('1'),
            version: 'v1.0.0',
            tags: ['v1.0.0', 'latest'],
            floatingOnly: false,
            untagged: false,
          },
          {
            digest: digest('2'),
            version: 'main',
            tags: ['main'],
            floatingOnly: true,
            untagged: false,
          },
          // Untagged, newest created first; named by their metadata version, else their digest.
          {
            digest: digest('3'),
            version: digest('3'),
            tags: [],
            floatingOnly: false,
            untagged: true,
          },
          {
            digest: digest('4'),
            version: 'v0.9.0',
            tags: [],
            floatingOnly: false,
            untagged: true,
          },
        ]);
        // No policy recorded yet: evaluated on the spot without configuration.
        expect(versions[0].policy).toEqual({ status: 'pass', reasons: [] });
        expect(versions[0].maturity).toBe('beta');
        expect(versions[1]).not.toHaveProperty('maturity');

        expect((await bed.service.getVersion(ID, 'latest')).digest).toBe(
          digest('1'),
        );
        expect((await bed.service.getVersion(ID, 'main')).digest).toBe(
          digest('2'),
        );
        // A missing tag no longer names its version; its digest still does.
        await expect(bed.service.getVersion(ID, 'v0.9.0')).rejects.toThrow(
          `${ID} has no version v0.9.0`,
        );
        expect((await bed.service.getVersion(ID, digest('4'))).untagged).toBe(
          true,
        );

        // No latest recorded: no latest in the summary or the upgrade path.
        const summary = await bed.service.getPattern(ID);
        expect(summary).not.toHaveProperty('latest');
        expect(summary.versionCount).toBe(4);
        const fromOld = await bed.service.getUpgradePath(ID, digest('4'));
        expect(fromOld).toEqual({
          from: { version: 'v0.9.0', digest: digest('4') },
          // The floating-only and the untagged versions are no steps.
          steps: [
            {
              version: 'v1.0.0',
              digest: digest('1'),
              created: '2026-10-01T00:00:00Z',
              headline: {
                version: 'v1.0.0',
                digest: digest('1'),
                created: '2026-10-01T00:00:00Z',
                simulate: 'passed',
                e2e: 'absent',
                deprecated: false,
                deprecationState: 'none',
                maturity: 'beta',
                policyStatus: 'pass',
              },
              crdChanges: [],
            },
          ],
        });
        expect((await bed.service.getUpgradePath(ID, 'v1.0.0')).steps).toEqual(
          [],
        );

        // Once the sync records a latest version, the headline comes from the
        // stored row; without a recorded policy it is evaluated as well.
        await bed.store.setLatest(patternId, v1, 'v1.0.0');
        expect((await bed.service.getPattern(ID)).latest).toEqual({
          version: 'v1.0.0',
          digest: digest('1'),
          created: '2026-10-01T00:00:00Z',
          simulate: 'passed',
          e2e: 'absent',
          deprecated: false,
          deprecationState: 'none',
          maturity: 'beta',
          policyStatus: 'pass',
        });
        expect((await bed.service.getUpgradePath(ID, 'v1.0.0')).latest).toBe(
          'v1.0.0',
        );
      });

      it('file content: a cached blob, a file too large to serve, a file the source does not have', async () => {
        const patternId = await bed.store.upsertPattern(
          identity('katalogs/files'),
          T0,
        );
        const ID = id('katalogs/files');
        const v1 = await bed.store.insertVersion(
          patternId,
          version(digest('5'), {
            files: [
              {
                name: 'katalog.yaml',
                mediaType: 'application/vnd.orkestra.katalog.v1+yaml',
                size: 11,
                digest: digest('a'),
              },
              {
                name: 'huge.bin',
                mediaType: 'application/octet-stream',
                size: MAX_FILE_CONTENT_BYTES + 1,
                digest: digest('b'),
              },
              {
                name: 'exact.bin',
                mediaType: 'application/octet-stream',
                size: MAX_FILE_CONTENT_BYTES,
                digest: digest('c'),
              },
            ],
          }),
          T0,
        );
        await bed.store.applyTags(
          patternId,
          new Map([['v1.0.0', v1]]),
          T0,
          FAR_PAST,
        );
        await bed.store.putBlob(digest('a'), 'kind: X\nn: 1', T0);

        const cached = await bed.service.getFileContent(
          ID,
          'v1.0.0',
          'katalog.yaml',
        );
        expect({
          ...cached,
          content: new TextDecoder().decode(cached.content),
        }).toEqual({
          name: 'katalog.yaml',
          mediaType: 'application/vnd.orkestra.katalog.v1+yaml',
          size: 11,
          content: 'kind: X\nn: 1',
          truncated: false,
        });
        const huge = await bed.service.getFileContent(ID, 'v1.0.0', 'huge.bin');
        expect(huge).toEqual({
          name: 'huge.bin',
          mediaType: 'application/octet-stream',
          size: MAX_FILE_CONTENT_BYTES + 1,
          content: new Uint8Array(),
          truncated: true,
        });
        // At the cap the content is fetched from the source, which has no such repository.
        await expect(
          bed.service.getFileContent(ID, 'v1.0.0', 'exact.bin'),
        ).rejects.toMatchObject({ name: 'OciNotFoundError' });
        await expect(
          bed.service.getFileContent(ID, 'v1.0.0', 'missing.yaml'),
        ).rejects.toThrow(`${ID} v1.0.0 has no file missing.yaml`);
        expect(
          (await bed.service.listFiles(ID, 'v1.0.0')).map(f => [
            f.name,
            f.size,
          ]),
        ).toEqual([
          ['katalog.yaml', 11],
          ['huge.bin', MAX_FILE_CONTENT_BYTES + 1],
          ['exact.bin', MAX_FILE_CONTENT_BYTES],
        ]);
      });

      it('dependencies: unknown patterns, floating tags, digests, disallowed registries, references without a registry', async () => {
        const patternId = await bed.store.upsertPattern(
          identity('katalogs/importer'),
          T0,
        );
        const ID = id('katalogs/importer');
        const pinned = `sha256:${'d'.repeat(64)}`;
        const v1 = await bed.store.insertVersion(
          patternId,
          version(digest('6'), {
            version: 'v1.0.0',
            imports: [
              {
                type: 'motif',
                raw: `oci://${REGISTRY}/orkestra/motifs/nowhere:v1.0.0`,
                registry: REGISTRY,
                repository: 'orkestra/motifs/nowhere',
                tag: 'v1.0.0',
                digest: null,
                crd: 'app',
              },
              {
                type: 'motif',
                raw: `oci://${REGISTRY}/orkestra/motifs/web-service:latest`,
                registry: REGISTRY,
                repository: 'orkestra/motifs/web-service',
                tag: 'latest',
                digest: null,
                crd: 'app',
              },
              {
                type: 'motif',
                raw: `oci://${REGISTRY}/orkestra/motifs/platform-admission@${pinned}`,
                registry: REGISTRY,
                repository: 'orkestra/motifs/platform-admission',
                tag: null,
                digest: pinned,
                crd: null,
              },
              {
                type: 'registry',
                raw: 'evil.example/orkestra/katalogs/x:v1.0.0',
                registry: 'evil.example',
                repository: 'orkestra/katalogs/x',
                tag: 'v1.0.0',
                digest: null,
                crd: null,
              },
              {
                type: 'profile',
                raw: 'profiles/default',
                registry: null,
                repository: null,
                tag: null,
                digest: null,
                crd: null,
              },
            ],
          }),
          T0,
        );
        await bed.store.applyTags(
          patternId,
          new Map([['v1.0.0', v1]]),
          T0,
          FAR_PAST,
        );
        await bed.store.setLatest(patternId, v1, 'v1.0.0');
        await bed.store.resolveImportTargets();

        expect(await bed.service.listDependencies(ID)).toEqual([
          {
            type: 'motif',
            raw: `oci://${REGISTRY}/orkestra/motifs/nowhere:v1.0.0`,
            reference: `${REGISTRY}/orkestra/motifs/nowhere`,
            tag: 'v1.0.0',
            crd: 'app',
            allowed: true,
          },
          {
            type: 'motif',
            raw: `oci://${REGISTRY}/orkestra/motifs/web-service:latest`,
            reference: `${REGISTRY}/orkestra/motifs/web-service`,
            tag: 'latest',
            crd: 'app',
            patternId: WEB_SERVICE,
            latestVersion: 'v1.1.0',
            // A floating tag follows the latest version: never behind (as the importsBehind filter says).
            behindLatest: false,
            allowed: true,
          },
          {
            type: 'motif',
            raw: `oci://${REGISTRY}/orkestra/motifs/platform-admission@${pinned}`,
            reference: `${REGISTRY}/orkestra/motifs/platform-admission`,
            digest: pinned,
            patternId: id('motifs/platform-admission'),
            latestVersion: 'v1.0.0',
            allowed: true,
          },
          {
            type: 'registry',
            raw: 'evil.example/orkestra/katalogs/x:v1.0.0',
            reference: 'evil.example/orkestra/katalogs/x',
            tag: 'v1.0.0',
            allowed: false,
          },
          { type: 'profile', raw: 'profiles/default', allowed: true },
        ]);
        // The filter agrees: a floating import is not behind.
        expect(
          (
            await bed.service.listPatterns({
              importsBehind: true,
              q: 'importer',
            })
          ).items,
        ).toEqual([]);
        expect(
          (
            await bed.service.listPatterns({
              importsBehind: false,
              q: 'importer',
            })
          ).items.map(p => p.id),
        ).toEqual([ID]);

        const dependents = await bed.service.listDependents(WEB_SERVICE);
        expect(dependents.find(d => d.patternId === ID)).toEqual({
          patternId: ID,
          name: 'importer',
          kind: 'Katalog',
          version: 'v1.0.0',
          importedVersion: 'latest',
          behindLatest: false,
        });
        // Imported by digest: no imported version, not behind.
        expect(
          (
            await bed.service.listDependents(id('motifs/platform-admission'))
          ).find(d => d.patternId === ID),
        ).toEqual({
          patternId: ID,
          name: 'importer',
          kind: 'Katalog',
          version: 'v1.0.0',
          behindLatest: false,
        });

        const [entity] = (
          await bed.service.entityFeed({
            repository: 'orkestra/katalogs/importer',
          })
        ).items;
        expect([...entity.dependsOn].sort()).toEqual([
          `${REGISTRY}/orkestra/motifs/platform-admission`,
          `${REGISTRY}/orkestra/motifs/web-service`,
        ]);
        expect(entity).not.toHaveProperty('license');
      });

      it('a missing pattern: out of lists, still found by id and in the entity feed, and no longer a dependent', async () => {
        const patternId = await bed.store.upsertPattern(
          identity('katalogs/gone'),
          T0,
        );
        const ID = id('katalogs/gone');
        const v1 = await bed.store.insertVersion(
          patternId,
          version(digest('7'), {
            version: 'v1.0.0',
            imports: [
              {
                type: 'motif',
                raw: `oci://${REGISTRY}/orkestra/motifs/postgres-statefulset:v0.1.0`,
                registry: REGISTRY,
                repository: 'orkestra/motifs/postgres-statefulset',
                tag: 'v0.1.0',
                digest: null,
                crd: null,
              },
            ],
          }),
          T0,
        );
        await bed.store.applyTags(
          patternId,
          new Map([['v1.0.0', v1]]),
          T0,
          FAR_PAST,
        );
        await bed.store.setLatest(patternId, v1, 'v1.0.0');
        await bed.store.resolveImportTargets();
        const statefulset = id('motifs/postgres-statefulset');
        expect(
          (await bed.service.listDependents(statefulset)).map(d => d.patternId),
        ).toEqual([ID, POSTGRES]);

        const everyOther = (
          await bed.service.listPatterns({ limit: 200 })
        ).items
          .map(p => p.repository)
          .filter(r => r !== 'orkestra/katalogs/gone');
        const MISSING = '2026-11-20T00:00:00.000Z';
        expect(
          await bed.store.markMissingPatterns(
            'examples',
            everyOther,
            MISSING,
            FAR_PAST,
          ),
        ).toEqual({ markedMissing: 1, dropped: 0 });

        expect((await bed.service.listPatterns({ q: 'gone' })).totalCount).toBe(
          0,
        );
        const summary = await bed.service.getPattern(ID);
        expect(summary.missingSince).toBe(MISSING);
        expect(summary.latest?.version).toBe('v1.0.0');
        const [entity] = (
          await bed.service.entityFeed({ repository: 'orkestra/katalogs/gone' })
        ).items;
        expect(entity).toMatchObject({ id: ID, missingSince: MISSING });
        expect(
          (await bed.service.listDependents(statefulset)).map(d => d.patternId),
        ).toEqual([POSTGRES]);
      });
    });
  },
);
