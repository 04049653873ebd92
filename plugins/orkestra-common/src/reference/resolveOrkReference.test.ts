import { DEFAULT_ORK_BASES, OrkBases, Reference, resolveOrkReference } from '.';
import { SHA256, SHA512, KATALOGS, MOTIFS, errorOf } from './testing';

describe('DEFAULT_ORK_BASES', () => {
  it('matches the ork defaults', () => {
    expect(DEFAULT_ORK_BASES).toEqual({ katalogs: KATALOGS, motifs: MOTIFS });
  });
});

describe('resolveOrkReference', () => {
  const katalogRepo = 'orkspace/orkestra-registry/patterns/katalogs';
  const motifRepo = 'orkspace/orkestra-registry/patterns/motifs';

  it.each<[string, 'Katalog' | 'Motif', Reference]>([
    [
      'postgres:v14',
      'Katalog',
      {
        registry: 'ghcr.io',
        repository: `${katalogRepo}/postgres`,
        tag: 'v14',
      },
    ],
    [
      'postgres',
      'Katalog',
      {
        registry: 'ghcr.io',
        repository: `${katalogRepo}/postgres`,
        tag: 'latest',
      },
    ],
    [
      'web-service:v1.1.0',
      'Motif',
      {
        registry: 'ghcr.io',
        repository: `${motifRepo}/web-service`,
        tag: 'v1.1.0',
      },
    ],
    [
      'oci://web-service',
      'Motif',
      {
        registry: 'ghcr.io',
        repository: `${motifRepo}/web-service`,
        tag: 'latest',
      },
    ],
    [
      'myorg/redis:v7',
      'Katalog',
      {
        registry: 'ghcr.io',
        repository: `${katalogRepo}/myorg/redis`,
        tag: 'v7',
      },
    ],
    [
      `postgres@${SHA256}`,
      'Katalog',
      {
        registry: 'ghcr.io',
        repository: `${katalogRepo}/postgres`,
        digest: SHA256,
      },
    ],
    [
      '  postgres:v14\n',
      'Katalog',
      {
        registry: 'ghcr.io',
        repository: `${katalogRepo}/postgres`,
        tag: 'v14',
      },
    ],
    // Fully qualified: kind is ignored.
    [
      'oci://ghcr.io/myorg/patterns/katalogs/redis:v7',
      'Motif',
      {
        registry: 'ghcr.io',
        repository: 'myorg/patterns/katalogs/redis',
        tag: 'v7',
      },
    ],
    [
      'ghcr.io/myorg/redis',
      'Katalog',
      { registry: 'ghcr.io', repository: 'myorg/redis', tag: 'latest' },
    ],
    [
      'localhost/x:v1',
      'Motif',
      { registry: 'localhost', repository: 'x', tag: 'v1' },
    ],
    [
      'localhost:5000/x',
      'Katalog',
      { registry: 'localhost:5000', repository: 'x', tag: 'latest' },
    ],
    [
      `ghcr.io/a/b@${SHA512}`,
      'Katalog',
      { registry: 'ghcr.io', repository: 'a/b', digest: SHA512 },
    ],
  ])('resolves %j (%s) against the default bases', (input, kind, expected) => {
    expect(resolveOrkReference(input, kind)).toEqual(expected);
  });

  it.each<[string, OrkBases, 'Katalog' | 'Motif', Reference]>([
    [
      'redis:v7',
      { katalogs: 'registry.acme.io/k', motifs: 'registry.acme.io/m' },
      'Katalog',
      { registry: 'registry.acme.io', repository: 'k/redis', tag: 'v7' },
    ],
    [
      'redis:v7',
      { katalogs: 'registry.acme.io/k', motifs: 'registry.acme.io/m' },
      'Motif',
      { registry: 'registry.acme.io', repository: 'm/redis', tag: 'v7' },
    ],
    [
      'redis',
      { katalogs: 'oci://localhost:5000/pat/katalogs', motifs: 'x.io/m' },
      'Katalog',
      {
        registry: 'localhost:5000',
        repository: 'pat/katalogs/redis',
        tag: 'latest',
      },
    ],
    [
      'svc:v2',
      { katalogs: 'x.io/k', motifs: 'oci://ghcr.io/acme/motifs/' },
      'Motif',
      { registry: 'ghcr.io', repository: 'acme/motifs/svc', tag: 'v2' },
    ],
    [
      'svc',
      { katalogs: 'x.io/k', motifs: 'localhost:5000' },
      'Motif',
      { registry: 'localhost:5000', repository: 'svc', tag: 'latest' },
    ],
  ])(
    'resolves %s against custom bases %j (%s)',
    (input, bases, kind, expected) => {
      expect(resolveOrkReference(input, kind, bases)).toEqual(expected);
    },
  );

  it.each<[string, string]>([
    ['postgres@v14', '"@v14" is not a digest; use ":" for tags'],
    ['ghcr.io/acme/x@v1', '"@v1" is not a digest; use ":" for tags'],
    ['', 'reference is empty'],
    ['   ', 'reference is empty'],
    ['oci://', 'nothing after "oci://"'],
    ['Postgres:v1', 'must be lower-case'],
    ['postgres:v 1', 'must not contain whitespace'],
    ['https://ghcr.io/acme/x', '"https://" is not supported'],
    ['/postgres', 'short name must not start with "/"'],
  ])('rejects %j', (input, reason) => {
    const error = errorOf(() => resolveOrkReference(input, 'Katalog'));
    expect(error.input).toBe(input);
    expect(error.reason).toContain(reason);
  });

  it('rejects a base that is not a registry path', () => {
    const error = errorOf(() =>
      resolveOrkReference('redis', 'Motif', {
        katalogs: 'ghcr.io/k',
        motifs: 'motifs',
      }),
    );
    expect(error.reason).toBe(
      'Motif base "motifs" is not a registry path like "ghcr.io/org/katalogs"',
    );
  });
});
