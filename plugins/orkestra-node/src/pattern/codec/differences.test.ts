/**
 * Pins every entry of DIFFERENCES.md: where the codec reads or merges odd
 * content differently from `ork`, on purpose, and where it now matches `ork`.
 * Each `describe` is named after its entry.
 */
import {
  InvalidReferenceError,
  orderPatternVersions,
  parseReference,
} from '@orkspace/backstage-plugin-orkestra-common';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { detectE2eRunner } from '../../gates';
import { digestOf } from '../../oci/digest';
import { OciInvalidContentError } from '../../oci/errors';
import { OciLayoutStore } from '../../oci/layout/OciLayoutStore';
import { EMPTY_JSON } from '../../oci/mediaTypes';
import { FetchedManifest, ImageManifest, OciStore } from '../../oci/types';
import { goJsonStringify } from './goEncoding';
import {
  indexEntryFor,
  indexManifest,
  indexRepository,
  INDEX_TAG,
  parsePatternIndex,
  readPatternIndex,
  updatePatternIndex,
} from './patternIndex';
import { unpackPattern } from './unpackPattern';

const NOW = new Date('2026-06-14T10:00:00Z');
const encoder = new TextEncoder();

/** Stores `json` as `<namespace>/index:latest`, as if another writer (or a hand edit) had put it there. */
async function putIndex(store: OciStore, namespace: string, json: string) {
  const repository = indexRepository(namespace);
  const blob = encoder.encode(json);
  await store.pushBlob(repository, EMPTY_JSON);
  await store.pushBlob(repository, blob);
  return store.pushManifest(
    repository,
    encoder.encode(goJsonStringify(indexManifest(blob, NOW))),
    'application/vnd.oci.image.manifest.v1+json',
    { tag: INDEX_TAG },
  );
}

/** The index blob as stored, byte for byte. */
async function storedIndex(store: OciStore, namespace: string) {
  const repository = indexRepository(namespace);
  const { manifest } = await store.fetchManifest(repository, INDEX_TAG);
  const layer = (manifest as ImageManifest).layers[0];
  return new TextDecoder().decode(await store.fetchBlob(repository, layer));
}

const ours = (name: string, version = 'v2.0.0') =>
  indexEntryFor({
    name,
    version,
    description: `Pattern ${name}`,
    tags: ['db'],
    kind: 'Katalog',
    deprecated: false,
  });
const OURS = (name: string, version = 'v2.0.0') =>
  `{"name":"${name}","latestVersion":"${version}","description":"Pattern ${name}","tags":["db"],"kind":"Katalog"}`;

const update = (store: OciStore, namespace: string, name: string) =>
  updatePatternIndex(store, namespace, ours(name), {
    now: () => NOW,
    settleMs: 0,
  });

describe('DIFFERENCES.md', () => {
  let root: string;
  let store: OciLayoutStore;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'orkestra-differences-'));
    store = await OciLayoutStore.open(join(root, 'layout'), { create: true });
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  describe('1. index entries with an empty name', () => {
    const NAMELESS =
      '{"name":"","latestVersion":"v9","description":"nameless","tags":null}';

    it('are not read (they name no repository), but are written back on merge, as ork does', async () => {
      await putIndex(
        store,
        'd1',
        `{"updatedAt":"2026-06-01T00:00:00Z","entries":[${NAMELESS},${OURS(
          'a',
          'v1.0.0',
        )}]}`,
      );
      const read = await readPatternIndex(store, 'd1');
      expect(read?.index.entries.map(e => e.name)).toEqual(['a']);

      await update(store, 'd1', 'b');
      expect(await storedIndex(store, 'd1')).toBe(
        `{"updatedAt":"2026-06-14T10:00:00Z","entries":[${NAMELESS},${OURS(
          'a',
          'v1.0.0',
        )},${OURS('b')}]}`,
      );
    });
  });

  describe('2. index entries with an unknown kind', () => {
    it('keep their kind verbatim when read and when merged, as ork does', async () => {
      const komposer =
        '{"name":"k","latestVersion":"v1","description":"d","tags":null,"kind":"Komposer"}';
      await putIndex(
        store,
        'd2',
        `{"updatedAt":"2026-06-01T00:00:00Z","entries":[${komposer}]}`,
      );
      const read = await readPatternIndex(store, 'd2');
      expect(read?.index.entries[0].kind).toBe('Komposer');

      await update(store, 'd2', 'b');
      expect(await storedIndex(store, 'd2')).toBe(
        `{"updatedAt":"2026-06-14T10:00:00Z","entries":[${komposer},${OURS(
          'b',
        )}]}`,
      );
    });
  });

  describe('3. duplicate names in the index', () => {
    const FRESH = OURS('a', 'v1.1.0');
    const STALE = OURS('a', 'v1.0.0');
    const B = OURS('b', 'v1.0.0');

    it('are read as the first entry of the name (the one ork keeps current)', () => {
      const index = parsePatternIndex(
        encoder.encode(`{"updatedAt":"","entries":[${FRESH},${B},${STALE}]}`),
      );
      expect(index.entries.map(e => [e.name, e.latestVersion])).toEqual([
        ['a', 'v1.1.0'],
        ['b', 'v1.0.0'],
      ]);
    });

    it('collapse into one entry for the name we write, at the first one`s place; ork replaces only the first', async () => {
      await putIndex(
        store,
        'd3',
        `{"updatedAt":"2026-06-01T00:00:00Z","entries":[${FRESH},${B},${STALE}]}`,
      );
      await update(store, 'd3', 'a');
      expect(await storedIndex(store, 'd3')).toBe(
        `{"updatedAt":"2026-06-14T10:00:00Z","entries":[${OURS('a')},${B}]}`,
      );
    });

    it('of other names are written back as they are, as ork does', async () => {
      await putIndex(
        store,
        'd3b',
        `{"updatedAt":"2026-06-01T00:00:00Z","entries":[${FRESH},${B},${STALE}]}`,
      );
      await update(store, 'd3b', 'c');
      expect(await storedIndex(store, 'd3b')).toBe(
        `{"updatedAt":"2026-06-14T10:00:00Z","entries":[${FRESH},${B},${STALE},${OURS(
          'c',
        )}]}`,
      );
    });
  });

  describe('4. an index ork cannot decode', () => {
    it.each([
      ['not JSON', '{"entries":['],
      ['entries not a list', '{"entries":{}}'],
      [
        'a tag that is not a string',
        '{"entries":[{"name":"a","tags":["db",2]}]}',
      ],
      ['tags not a list', '{"entries":[{"name":"a","tags":"db"}]}'],
      [
        'a version that is a number',
        '{"entries":[{"name":"a","latestVersion":1}]}',
      ],
      [
        'deprecated as a string',
        '{"entries":[{"name":"a","deprecated":"true"}]}',
      ],
      ['updatedAt a number', '{"updatedAt":5,"entries":[]}'],
      ['an entry that is a number', '{"entries":[1]}'],
      ['a list at the top', '[]'],
    ])(
      'is never overwritten (%s): ork resets it to our one entry',
      async (_, json) => {
        const namespace = `d4-${digestOf(encoder.encode(json)).slice(7, 19)}`;
        const before = await putIndex(store, namespace, json);
        const refused = update(store, namespace, 'b');
        await expect(refused).rejects.toBeInstanceOf(OciInvalidContentError);
        await expect(refused).rejects.toThrow(
          /is not one ork can read .*it is left as it is/,
        );
        const after = await store.resolve(
          indexRepository(namespace),
          INDEX_TAG,
        );
        expect(after.digest).toBe(before.digest);
        expect(await storedIndex(store, namespace)).toBe(json);
      },
    );

    it('is still read as far as it can be, for discovery and display', () => {
      const index = parsePatternIndex(
        encoder.encode(
          '{"updatedAt":5,"entries":[{"name":"a","tags":"db","latestVersion":1},{"name":"b","tags":["x",2]}]}',
        ),
      );
      expect(index).toEqual({
        updatedAt: '',
        entries: [
          { name: 'a', latestVersion: '', description: '', tags: null },
          { name: 'b', latestVersion: '', description: '', tags: ['x'] },
        ],
      });
    });

    it('starts empty only when there is no index yet, as ork does', async () => {
      await update(store, 'd4-missing', 'b');
      expect(await storedIndex(store, 'd4-missing')).toBe(
        `{"updatedAt":"2026-06-14T10:00:00Z","entries":[${OURS('b')}]}`,
      );
    });

    it('is merged as Go decodes it when Go can: null entries, keys in any case, unknown keys dropped', async () => {
      await putIndex(
        store,
        'd4-go',
        '{"Entries":[null,{"NAME":"x","Tags":["a",null],"LatestVersion":"v1","description":null,"extra":1}]}',
      );
      await update(store, 'd4-go', 'b');
      expect(await storedIndex(store, 'd4-go')).toBe(
        '{"updatedAt":"2026-06-14T10:00:00Z","entries":[' +
          '{"name":"","latestVersion":"","description":"","tags":null},' +
          `{"name":"x","latestVersion":"v1","description":"","tags":["a",""]},${OURS(
            'b',
          )}]}`,
      );
    });
  });

  describe('5. tag lists split without trimming', () => {
    it('are trimmed and emptied of blank tags when read from the annotation; ork would give [" web", " ", "db", ""]', () => {
      const bytes = encoder.encode('{}');
      const fetched: FetchedManifest = {
        descriptor: {
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          digest: digestOf(bytes),
          size: bytes.byteLength,
        },
        bytes,
        manifest: {
          schemaVersion: 2,
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          config: {
            mediaType: 'application/vnd.orkestra.motif.v1+tar+gzip',
            digest: digestOf(EMPTY_JSON),
            size: 2,
          },
          layers: [],
          annotations: { 'io.orkestra.pattern.tags': ' web, ,db,' },
        },
      };
      expect(unpackPattern(fetched).signals.tags).toEqual(['web', 'db']);
    });
  });

  describe('6. short digests', () => {
    it('are refused in references at parse time; ork passes them on to oras-go', () => {
      expect(() => parseReference('ghcr.io/acme/postgres@sha256:abc')).toThrow(
        InvalidReferenceError,
      );
      expect(() => parseReference('ghcr.io/acme/postgres@sha256:abc')).toThrow(
        /64 lower-case hex/,
      );
    });

    it('do not name a file: a layer with one is ignored, with a problem; ork lists it', () => {
      const bytes = encoder.encode('{}');
      const unpacked = unpackPattern({
        descriptor: {
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          digest: digestOf(bytes),
          size: bytes.byteLength,
        },
        bytes,
        manifest: {
          schemaVersion: 2,
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          config: {
            mediaType: 'application/vnd.orkestra.motif.v1+tar+gzip',
            digest: digestOf(EMPTY_JSON),
            size: 2,
          },
          layers: [
            {
              mediaType: 'application/vnd.orkestra.motif.v1+yaml',
              digest: 'sha256:abc',
              size: 3,
              annotations: { 'org.opencontainers.image.title': 'motif.yaml' },
            },
          ],
        },
      });
      expect(unpacked.files).toEqual([]);
      expect(unpacked.problems.map(p => p.message)).toEqual([
        expect.stringMatching(
          /1 titled layers were ignored: an invalid digest/,
        ),
      ]);
    });
  });

  describe('7. e2e runner detection', () => {
    it('counts a CI variable only when it is "true" (JENKINS_URL when set), as ork does', () => {
      expect(detectE2eRunner({ CI: '1' })).toBe('local');
      expect(detectE2eRunner({ CI: 'true' })).toBe('ci');
      expect(detectE2eRunner({ CI: 'TRUE' })).toBe('local');
      expect(detectE2eRunner({ GITHUB_ACTIONS: 'false', CI: 'true' })).toBe(
        'ci',
      );
      expect(detectE2eRunner({ GITLAB_CI: '1', CIRCLECI: 'true' })).toBe(
        'circleci',
      );
      expect(detectE2eRunner({ JENKINS_URL: 'x' })).toBe('jenkins');
    });
  });

  describe('8. version ordering', () => {
    it('is by semver, not by push time: a re-pushed old version stays below the newer one', () => {
      const ordered = orderPatternVersions([
        {
          tag: 'v1.0.0',
          digest: `sha256:${'1'.repeat(64)}`,
          created: '2026-06-14T10:00:00Z', // re-pushed with lifecycle.deprecation
        },
        {
          tag: 'v2.0.0',
          digest: `sha256:${'2'.repeat(64)}`,
          created: '2026-05-01T00:00:00Z',
        },
      ]);
      expect(ordered.map(v => v.version)).toEqual(['v2.0.0', 'v1.0.0']);
    });

    it('but the index names the version pushed last, as ork writes it', async () => {
      await updatePatternIndex(store, 'd8', ours('a', 'v2.0.0'), {
        now: () => NOW,
        settleMs: 0,
      });
      await updatePatternIndex(store, 'd8', ours('a', 'v1.0.0'), {
        now: () => NOW,
        settleMs: 0,
      });
      expect(await storedIndex(store, 'd8')).toBe(
        `{"updatedAt":"2026-06-14T10:00:00Z","entries":[${OURS(
          'a',
          'v1.0.0',
        )}]}`,
      );
    });
  });
});
