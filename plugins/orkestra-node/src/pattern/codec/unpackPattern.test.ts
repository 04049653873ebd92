import { digestOf } from '../../oci/digest';
import { FetchedManifest } from '../../oci/types';
import { NotAPatternError, unpackPattern } from './unpackPattern';

/** A manifest written by hand to the spec (§1.2–§1.5), not by our packer. */
function fetched(manifest: object): FetchedManifest {
  const bytes = new TextEncoder().encode(JSON.stringify(manifest));
  return {
    descriptor: {
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      digest: digestOf(bytes),
      size: bytes.byteLength,
    },
    bytes,
    manifest: manifest as FetchedManifest['manifest'],
  };
}

const layer = (title: string, mediaType: string) => ({
  mediaType,
  digest: digestOf(Buffer.from(title)),
  size: title.length,
  annotations: { 'org.opencontainers.image.title': title },
});

const katalog = (annotations: Record<string, string>) =>
  fetched({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: {
      mediaType: 'application/vnd.orkestra.pattern.v1+tar+gzip',
      digest:
        'sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a',
      size: 2,
    },
    layers: [
      layer('katalog.yaml', 'application/vnd.orkestra.katalog.v1+yaml'),
      layer('simulate.yaml', 'application/vnd.orkestra.simulate.v1+yaml'),
    ],
    annotations: {
      'io.orkestra.pattern.kind': 'Katalog',
      'io.orkestra.pattern.name': 'postgres',
      'io.orkestra.pattern.version': 'v14.0.0',
      'org.opencontainers.image.created': '2026-06-14T10:00:00Z',
      ...annotations,
    },
  });

describe('unpackPattern', () => {
  it('reads a katalog whose simulate ran without assertions and whose e2e never ran', () => {
    const version = unpackPattern(
      katalog({
        'io.orkestra.simulate.status': 'no-assertion',
        'io.orkestra.simulate.tested_at': '2026-06-14T09:59:00Z',
      }),
    );
    expect(version.kind).toBe('Katalog');
    expect(version.files).toEqual([
      expect.objectContaining({
        name: 'katalog.yaml',
        mediaType: 'application/vnd.orkestra.katalog.v1+yaml',
      }),
      expect.objectContaining({ name: 'simulate.yaml' }),
    ]);
    expect(version.signals.simulate).toEqual({
      state: 'no-assertion',
      raw: 'no-assertion',
      testedAt: '2026-06-14T09:59:00Z',
      assertions: 0,
    });
    expect(version.signals.e2e.state).toBe('absent');
  });

  it('reads a forced publish as skipped gates and an intent play that failed', () => {
    const { signals } = unpackPattern(
      katalog({
        'io.orkestra.simulate.status': 'skipped',
        'io.orkestra.e2e.status': 'skipped',
        'io.orkestra.e2e.runner': 'local',
        'io.orkestra.intent.status': 'failed',
        'io.orkestra.intent.target': 'staging',
        'io.orkestra.intent.tested_at': '2026-06-14T09:58:00Z',
      }),
    );
    expect(signals.simulate.state).toBe('skipped');
    expect(signals.e2e).toMatchObject({ state: 'skipped', runner: 'local' });
    expect(signals.intent).toMatchObject({
      state: 'failed',
      target: 'staging',
    });
  });

  it('reads a motif by its config media type, even without annotations', () => {
    const version = unpackPattern(
      fetched({
        schemaVersion: 2,
        config: {
          mediaType: 'application/vnd.orkestra.motif.v1+tar+gzip',
          digest: digestOf(Buffer.from('{}')),
          size: 2,
        },
        layers: [
          layer('motif.yaml', 'application/vnd.orkestra.motif.v1+yaml'),
          { mediaType: 'x', digest: digestOf(Buffer.from('u')), size: 1 },
        ],
      }),
    );
    expect(version.kind).toBe('Motif');
    expect(version.files.map(f => f.name)).toEqual(['motif.yaml']); // untitled layers are not files
  });

  it('refuses manifests that are not patterns', () => {
    expect(() =>
      unpackPattern(
        fetched({
          schemaVersion: 2,
          config: {
            mediaType: 'application/vnd.oci.image.config.v1+json',
            digest: digestOf(Buffer.from('c')),
            size: 1,
          },
          layers: [],
        }),
        'manifest acme/nginx:1.27',
      ),
    ).toThrow(
      new NotAPatternError(
        'manifest acme/nginx:1.27 is not an Orkestra pattern (config media type "application/vnd.oci.image.config.v1+json")',
      ),
    );
    expect(() =>
      unpackPattern(fetched({ schemaVersion: 2, manifests: [] })),
    ).toThrow(NotAPatternError);
  });
});
