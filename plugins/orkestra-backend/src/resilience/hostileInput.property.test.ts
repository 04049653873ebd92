/**
 * Property-based: random manifests, annotations and YAML (sizes, unicode,
 * NUL, duplicate names, wrong media types) fed to the unpacker, to the YAML
 * reader, and to the whole sync against a real docker-registry on SQLite and
 * PostgreSQL. Nothing thrown escapes its repository, no stored string
 * exceeds its cap, and every valid version of the repository is stored.
 */
import { TEXT_LIMITS } from '@orkspace/backstage-plugin-orkestra-common';
import {
  digestOf,
  EMPTY_JSON,
  FetchedManifest,
  NotAPatternError,
  RegistryClient,
  unpackPattern,
  UNPACK_LIMITS,
} from '@orkspace/backstage-plugin-orkestra-node';
import {
  EXAMPLE_PATTERNS_DIR,
  startTestRegistry,
  TestRegistry,
} from '@orkspace/orkestra-test-utils';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PatternStore } from '../store/PatternStore';
import { DETAIL_LIMITS, readVersionDetails } from '../sync/readVersionDetails';
import { engineFor, publishVersion } from '../__testUtils__/syncTestbed';
import { orkestraTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(300_000);

const bytesOf = (text: string) => new TextEncoder().encode(text).byteLength;
const PATTERN_CONFIG = 'application/vnd.orkestra.pattern.v1+tar+gzip';
const MEDIA_TYPES = [
  PATTERN_CONFIG,
  'application/vnd.orkestra.katalog.config.v1+json',
  'application/vnd.orkestra.motif.config.v1+json',
  'application/vnd.oci.image.config.v1+json',
  'application/vnd.cncf.helm.config.v1+json',
  '',
];
const KEYS = [
  'io.orkestra.pattern.kind',
  'io.orkestra.pattern.name',
  'io.orkestra.pattern.version',
  'io.orkestra.pattern.author',
  'io.orkestra.pattern.license',
  'io.orkestra.pattern.tags',
  'io.orkestra.deprecated',
  'io.orkestra.deprecated.message',
  'io.orkestra.deprecated.migratedTo',
  'io.orkestra.simulate.status',
  'io.orkestra.e2e.assertions',
  'org.opencontainers.image.description',
  'org.opencontainers.image.created',
];

/** Text of every kind: short, long, unicode, with NUL. */
const hostileText = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'grapheme', maxLength: 50 }),
  fc.string({ unit: 'binary', maxLength: 50 }),
  fc
    .tuple(fc.string({ maxLength: 5 }), fc.integer({ min: 1, max: 12_000 }))
    .map(([unit, n]) => (unit || 'é').repeat(n).slice(0, 12_000)),
  fc.constantFrom('\u0000', 'a\u0000b', 'Katalog', 'Motif', 'true', 'v1.0.0'),
);

const digest = fc.oneof(
  fc
    .string({
      unit: fc.constantFrom(...'0123456789abcdef'),
      minLength: 64,
      maxLength: 64,
    })
    .map((hex: string) => `sha256:${hex}`),
  fc.constantFrom('sha256:../../etc/passwd', 'md5:abc', ''),
  hostileText,
);

const layer = fc.record(
  {
    mediaType: fc.oneof(fc.constantFrom(...MEDIA_TYPES), hostileText),
    digest,
    size: fc.oneof(fc.nat(), fc.integer(), fc.double(), fc.constant(-1)),
    annotations: fc.record(
      {
        'org.opencontainers.image.title': fc.oneof(
          fc.constantFrom(
            'katalog.yaml',
            'motif.yaml',
            'crd.yaml',
            'README.md',
          ),
          hostileText,
        ),
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: [] },
);

const annotations = fc.dictionary(
  fc.oneof(fc.constantFrom(...KEYS), hostileText),
  hostileText,
  { maxKeys: 20 },
);

/** A manifest as a registry might send one: mostly plausible, often wrong. */
const manifest = fc.record(
  {
    schemaVersion: fc.constantFrom(2, 1, 'x'),
    mediaType: fc.constantFrom(
      'application/vnd.oci.image.manifest.v1+json',
      'application/vnd.oci.image.index.v1+json',
    ),
    config: fc.record({
      mediaType: fc.oneof(fc.constantFrom(...MEDIA_TYPES), hostileText),
      digest,
      size: fc.nat(),
    }),
    layers: fc.oneof(
      fc.array(layer, { maxLength: 30 }),
      // Many layers sharing a few titles: duplicates and the file cap.
      fc.tuple(layer, fc.integer({ min: 1000, max: 1500 })).map(([l, n]) =>
        Array.from({ length: n }, (_, i) => ({
          ...l,
          digest: `sha256:${'a'.repeat(64)}`,
          size: 1,
          annotations: { 'org.opencontainers.image.title': `f${i % 1200}` },
        })),
      ),
    ),
    annotations,
  },
  { requiredKeys: ['config', 'layers'] },
);

function fetched(value: unknown): FetchedManifest {
  return {
    descriptor: {
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      digest: `sha256:${'0'.repeat(64)}`,
      size: 10,
    },
    bytes: new Uint8Array(),
    manifest: value as FetchedManifest['manifest'],
  };
}

/** Every string inside a value (signals, problems, ...). */
function stringsOf(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach(v => stringsOf(v, out));
  else if (value && typeof value === 'object')
    Object.values(value).forEach(v => stringsOf(v, out));
  return out;
}

describe('the unpacker, fed random manifests', () => {
  it('returns a capped, NUL-free, duplicate-free version or says it is not a pattern; nothing else escapes', () => {
    fc.assert(
      fc.property(manifest, value => {
        let unpacked;
        try {
          unpacked = unpackPattern(fetched(value), 'manifest');
        } catch (error) {
          // Saying it is not a pattern is the one way out; anything else fails the property.
          if (error instanceof NotAPatternError) return;
          throw error;
        }
        const names = unpacked.files.map(f => f.name);
        expect(new Set(names).size).toBe(names.length);
        expect(names.length).toBeLessThanOrEqual(UNPACK_LIMITS.files);
        for (const file of unpacked.files) {
          expect(file.name.length).toBeLessThanOrEqual(
            UNPACK_LIMITS.fileNameChars,
          );
          expect(file.mediaType.length).toBeLessThanOrEqual(
            UNPACK_LIMITS.mediaTypeChars,
          );
          expect(Number.isSafeInteger(file.size) && file.size >= 0).toBe(true);
        }
        for (const text of stringsOf(unpacked.signals)) {
          expect(bytesOf(text)).toBeLessThanOrEqual(
            TEXT_LIMITS.annotationBytes,
          );
          expect(text).not.toContain('\u0000');
        }
      }),
      { numRuns: 1000 },
    );
  });
});

/** The example katalog.yaml, whose first CRD's imports the generator fills. */
const EXAMPLE_KATALOG = readFileSync(
  join(EXAMPLE_PATTERNS_DIR, 'katalogs/webapp-operator/v2.0.0/katalog.yaml'),
  'utf8',
);

const yamlText = fc.oneof(
  hostileText,
  fc
    .tuple(
      fc.integer({ min: 0, max: 700 }),
      fc.oneof(fc.constant('v1.0.0'), hostileText),
    )
    .map(([n, tag]) =>
      EXAMPLE_KATALOG.replace(
        /^ {6}imports:\n/m,
        `      imports:\n${Array.from(
          { length: n },
          (_, i) =>
            `        - motif: ${JSON.stringify(
              `oci://oci.orkestra.example/orkestra/motifs/m${i}:${tag}`,
            )}\n`,
        ).join('')}`,
      ),
    ),
  fc.constantFrom('a: &a [*a]', '{{{', 'kind: Katalog\n\u0000', '- - - -'),
);

describe('the YAML reader, fed random layers', () => {
  it('keeps at most 500 imports whose parts fit their columns, and turns malformed YAML into problems', async () => {
    let mostImports = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('Katalog', 'Motif') as fc.Arbitrary<
          'Katalog' | 'Motif'
        >,
        yamlText,
        async (kind, text) => {
          const details = await readVersionDetails(
            {
              kind,
              manifest: fetched({}).descriptor,
              configMediaType: PATTERN_CONFIG,
              signals: {} as any,
              files: [
                'katalog.yaml',
                'motif.yaml',
                'komposer.yaml',
                'crd.yaml',
              ].map(name => ({
                name,
                mediaType: 'x',
                digest: `sha256:${'1'.repeat(64)}`,
                size: 1,
              })),
              problems: [],
            },
            async () => text,
          );
          expect(details.imports.length).toBeLessThanOrEqual(
            DETAIL_LIMITS.imports,
          );
          mostImports = Math.max(mostImports, details.imports.length);
          for (const i of details.imports) {
            expect(bytesOf(i.raw)).toBeLessThanOrEqual(
              TEXT_LIMITS.annotationBytes,
            );
            expect(i.raw).not.toContain('\u0000');
            expect((i.registry ?? '').length).toBeLessThanOrEqual(255);
            expect((i.repository ?? '').length).toBeLessThanOrEqual(255);
            expect((i.tag ?? '').length).toBeLessThanOrEqual(128);
            expect((i.crd ?? '').length).toBeLessThanOrEqual(255);
          }
          expect((details.maturity ?? '').length).toBeLessThanOrEqual(
            DETAIL_LIMITS.maturityChars,
          );
        },
      ),
      { numRuns: 500 },
    );
    // The generator reaches the cap: the property was tested where it matters.
    expect(mostImports).toBe(DETAIL_LIMITS.imports);
  });
});

const databases = orkestraTestDatabases();

describe.each(databases.eachSupportedId())(
  'the sync on %p, fed random manifests by a real docker-registry',
  databaseId => {
    let registry: TestRegistry;
    let publisher: RegistryClient;
    let good: { manifest: { digest: string } };
    const REPOSITORY = 'prop/katalogs/random';

    beforeAll(async () => {
      registry = await startTestRegistry();
      publisher = new RegistryClient({
        registry: registry.host,
        plainHttp: true,
      });
      good = await publishVersion(publisher, {
        from: 'katalogs/webapp-operator/v2.0.0',
        repository: REPOSITORY,
        version: 'v1.0.0',
      });
      await publisher.pushBlob(REPOSITORY, EMPTY_JSON);
    }, 60_000);
    afterAll(() => registry?.stop());

    /** A random manifest whose blobs exist, so the registry accepts it. */
    const pushable = fc.record({
      configMediaType: fc.oneof(fc.constantFrom(...MEDIA_TYPES), hostileText),
      titles: fc.array(
        fc.oneof(
          fc.constantFrom('katalog.yaml', 'crd.yaml', 'README.md'),
          hostileText,
        ),
        { maxLength: 8 },
      ),
      yaml: yamlText,
      annotations,
    });

    it('stores every valid version, keeps each string within its cap, and no error escapes the repository', async () => {
      const knex = await databases.init(databaseId);
      const store = await PatternStore.create({
        database: { getClient: async () => knex, migrations: { skip: false } },
      });
      const engine = engineFor({
        store,
        host: registry.host,
        prefix: 'prop',
        storeFactory: async () =>
          new RegistryClient({
            registry: registry.host,
            plainHttp: true,
            retryDelaysMs: [5],
          }),
      });
      let tag = 0;
      await fc.assert(
        fc.asyncProperty(pushable, async input => {
          const yaml = new TextEncoder().encode(input.yaml);
          await publisher.pushBlob(REPOSITORY, yaml);
          const body = new TextEncoder().encode(
            JSON.stringify({
              schemaVersion: 2,
              mediaType: 'application/vnd.oci.image.manifest.v1+json',
              config: {
                mediaType: input.configMediaType,
                digest: digestOf(EMPTY_JSON),
                size: 2,
              },
              layers: input.titles.map(title => ({
                mediaType: 'application/vnd.orkestra.katalog.v1+yaml',
                digest: digestOf(yaml),
                size: yaml.byteLength,
                annotations: { 'org.opencontainers.image.title': title },
              })),
              annotations: input.annotations,
            }),
          );
          const name = `t${tag++}`;
          const { digest: pushedDigest } = await publisher.pushManifest(
            REPOSITORY,
            body,
            'application/vnd.oci.image.manifest.v1+json',
            { tag: name },
          );

          const result = await engine.syncSource('local');
          expect(result.status).not.toBe('failed');
          for (const error of result.errors)
            expect(bytesOf(error.message)).toBeLessThanOrEqual(1024);
          const pattern = await store.getPatternByRepository(
            'local',
            REPOSITORY,
          );
          const digests = (await store.listVersions(pattern!.id)).map(
            v => v.digest,
          );
          expect(digests).toContain(good.manifest.digest);
          // Every tag of the repository points at a stored version, or at a
          // manifest remembered as not a pattern.
          const notPatterns = await store.notPatterns.digestsOf(
            'local',
            REPOSITORY,
          );
          const tagged = new Set(
            (await store.listTags(pattern!.id)).map(t => t.tag),
          );
          // The tag just pushed points at a stored version, or at a manifest remembered as not a pattern.
          const tracked = tagged.has(name) || notPatterns.has(pushedDigest);
          if (!tracked) {
            throw new Error(
              `${name} (${pushedDigest}) was neither stored nor remembered; the run said ${JSON.stringify(
                result.errors,
              )}`,
            );
          }
        }),
        {
          numRuns: 40,
          // Each case leaves its tag behind: a shrunk case is not a fresh one.
          endOnFailure: true,
          ...(process.env.ORKESTRA_PROPERTY_SEED
            ? { seed: Number(process.env.ORKESTRA_PROPERTY_SEED) }
            : {}),
        },
      );

      // No stored string exceeds its cap.
      for (const row of await knex('orkestra_versions')) {
        for (const text of stringsOf(JSON.parse(row.signals_json)))
          expect(bytesOf(text)).toBeLessThanOrEqual(
            TEXT_LIMITS.annotationBytes,
          );
      }
      for (const row of await knex('orkestra_files'))
        expect(row.name.length).toBeLessThanOrEqual(255);
      for (const row of await knex('orkestra_imports'))
        expect(bytesOf(row.raw)).toBeLessThanOrEqual(
          TEXT_LIMITS.annotationBytes,
        );
      for (const row of await knex('orkestra_sync_runs'))
        expect(JSON.parse(row.errors_json).length).toBeLessThanOrEqual(50);
    });
  },
);
