import { Reference, parseImportReference } from '.';
import { SHA256, SHA384, SHA512, errorOf } from './testing';

describe('parseImportReference', () => {
  const katalogRepo = 'orkspace/orkestra-registry/patterns/katalogs';
  const motifRepo = 'orkspace/orkestra-registry/patterns/motifs';
  const oci = (
    registry: string,
    repository: string,
    tag?: string,
    digest?: string,
  ) => {
    const reference: Reference = { registry, repository };
    if (tag) reference.tag = tag;
    if (digest) reference.digest = digest;
    return { type: 'oci', reference };
  };

  it.each<[string, Parameters<typeof parseImportReference>[0], unknown]>([
    [
      'oci:// with tag',
      'oci://ghcr.io/x/postgres:v14',
      oci('ghcr.io', 'x/postgres', 'v14'),
    ],
    [
      'oci:// without tag',
      'oci://ghcr.io/x/postgres',
      oci('ghcr.io', 'x/postgres', 'latest'),
    ],
    [
      'oci:// with @version',
      'oci://ghcr.io/myorg/motifs/web-service@v1.1.0',
      oci('ghcr.io', 'myorg/motifs/web-service', 'v1.1.0'),
    ],
    [
      '@version shorthand',
      'ghcr.io/x/postgres@v14',
      oci('ghcr.io', 'x/postgres', 'v14'),
    ],
    [
      'host/repo:tag',
      'ghcr.io/x/postgres:v14',
      oci('ghcr.io', 'x/postgres', 'v14'),
    ],
    [
      'host:port, no tag',
      'localhost:5000/x/postgres',
      oci('localhost:5000', 'x/postgres', 'latest'),
    ],
    [
      'host:port @version',
      'localhost:5000/x@v1.0.0',
      oci('localhost:5000', 'x', 'v1.0.0'),
    ],
    [
      'digest',
      `ghcr.io/x/postgres@${SHA256}`,
      oci('ghcr.io', 'x/postgres', undefined, SHA256),
    ],
    [
      'tag + digest',
      `ghcr.io/x/postgres:v1@${SHA384}`,
      oci('ghcr.io', 'x/postgres', 'v1', SHA384),
    ],
    [
      'short name :version',
      'postgres:v14',
      oci('ghcr.io', `${katalogRepo}/postgres`, 'v14'),
    ],
    [
      'short name @version',
      'web-service@v1.1.0',
      oci('ghcr.io', `${katalogRepo}/web-service`, 'v1.1.0'),
    ],
    [
      'short name only',
      'postgres',
      oci('ghcr.io', `${katalogRepo}/postgres`, 'latest'),
    ],
    [
      'oci:// short name',
      'oci://postgres@v2',
      oci('ghcr.io', `${katalogRepo}/postgres`, 'v2'),
    ],
    ['trimmed', '  ghcr.io/x/y:v1  ', oci('ghcr.io', 'x/y', 'v1')],
    [
      'struct oci + @version',
      {
        url: 'ghcr.io/orkspace/orkestra-registry/patterns/katalogs/postgres@v1.0.0',
        oci: true,
      },
      oci('ghcr.io', `${katalogRepo}/postgres`, 'v1.0.0'),
    ],
    [
      'struct with version field',
      { url: 'ghcr.io/x/postgres', version: 'v3' },
      oci('ghcr.io', 'x/postgres', 'v3'),
    ],
    [
      'struct oci:// with version field',
      { url: 'oci://ghcr.io/x/postgres', version: 'v3' },
      oci('ghcr.io', 'x/postgres', 'v3'),
    ],
    [
      'struct embedded version wins',
      { url: 'ghcr.io/x/postgres@v1', version: 'v3' },
      oci('ghcr.io', 'x/postgres', 'v1'),
    ],
    [
      'struct embedded tag wins',
      { url: 'ghcr.io/x/postgres:v1', version: 'v3' },
      oci('ghcr.io', 'x/postgres', 'v1'),
    ],
    [
      'struct port and version field',
      { url: 'localhost:5000/x', version: 'v3' },
      oci('localhost:5000', 'x', 'v3'),
    ],
    [
      'struct digest version field',
      { url: 'ghcr.io/x/postgres', version: SHA512 },
      oci('ghcr.io', 'x/postgres', undefined, SHA512),
    ],
    [
      'struct short name + version',
      { url: 'postgres', version: 'v14', oci: true },
      oci('ghcr.io', `${katalogRepo}/postgres`, 'v14'),
    ],
    [
      'struct empty version',
      { url: 'ghcr.io/x/postgres', version: '' },
      oci('ghcr.io', 'x/postgres', 'latest'),
    ],
    [
      'struct oci:true without host',
      { url: 'acme/app', oci: true },
      oci('ghcr.io', `${katalogRepo}/acme/app`, 'latest'),
    ],
    [
      'git https @main',
      'https://github.com/org/reg@main',
      { type: 'git', url: 'https://github.com/org/reg', version: 'main' },
    ],
    [
      'git https default',
      'https://github.com/org/reg',
      { type: 'git', url: 'https://github.com/org/reg', version: 'main' },
    ],
    [
      'git https @tag',
      'https://gitlab.example.com/org/reg.git@v1.2.0',
      {
        type: 'git',
        url: 'https://gitlab.example.com/org/reg.git',
        version: 'v1.2.0',
      },
    ],
    [
      'git https with user and port',
      'https://user@git.example.com:8443/org/reg',
      {
        type: 'git',
        url: 'https://user@git.example.com:8443/org/reg',
        version: 'main',
      },
    ],
    [
      'git http',
      'http://git.local/org/reg@dev',
      { type: 'git', url: 'http://git.local/org/reg', version: 'dev' },
    ],
    [
      'git ssh scp-like',
      'git@github.com:org/reg.git',
      { type: 'git', url: 'git@github.com:org/reg.git', version: 'main' },
    ],
    [
      'git ssh scp-like @version',
      'git@github.com:org/reg.git@v2',
      { type: 'git', url: 'git@github.com:org/reg.git', version: 'v2' },
    ],
    [
      'git ssh://',
      'ssh://git@github.com/org/reg.git',
      { type: 'git', url: 'ssh://git@github.com/org/reg.git', version: 'main' },
    ],
    [
      '.git without scheme',
      'git.example.com/org/reg.git',
      { type: 'git', url: 'git.example.com/org/reg.git', version: 'main' },
    ],
    [
      'github.com without scheme',
      'github.com/org/reg@release',
      { type: 'git', url: 'github.com/org/reg', version: 'release' },
    ],
    [
      'git :version after last /',
      'https://github.com/org/reg:stable',
      { type: 'git', url: 'https://github.com/org/reg', version: 'stable' },
    ],
    [
      'git struct version field',
      { url: 'https://github.com/org/reg', version: 'v9' },
      { type: 'git', url: 'https://github.com/org/reg', version: 'v9' },
    ],
    [
      'git struct oci:false',
      { url: 'ghcr.io/x/postgres@v1', oci: false },
      { type: 'git', url: 'ghcr.io/x/postgres', version: 'v1' },
    ],
    [
      'file ./',
      './katalogs/postgres',
      { type: 'file', path: './katalogs/postgres' },
    ],
    [
      'file ../',
      '../shared/motif.yaml',
      { type: 'file', path: '../shared/motif.yaml' },
    ],
    [
      'file absolute',
      '/opt/patterns/x',
      { type: 'file', path: '/opt/patterns/x' },
    ],
    [
      'file .yaml',
      'motifs/web-service.yaml',
      { type: 'file', path: 'motifs/web-service.yaml' },
    ],
    ['file .yml', 'katalog.yml', { type: 'file', path: 'katalog.yml' }],
    ['file://', 'file:///tmp/k.yaml', { type: 'file', path: '/tmp/k.yaml' }],
    ['file struct', { url: './local' }, { type: 'file', path: './local' }],
    [
      'file struct oci:false',
      { url: './local', oci: false },
      { type: 'file', path: './local' },
    ],
  ])('parses %s', (_name, input, expected) => {
    expect(parseImportReference(input)).toEqual(expected);
  });

  it('resolves short names against the motif base when kind is Motif', () => {
    expect(
      parseImportReference('web-service@v1.1.0', { kind: 'Motif' }),
    ).toEqual(oci('ghcr.io', `${motifRepo}/web-service`, 'v1.1.0'));
    expect(
      parseImportReference(
        { url: 'web-service', version: 'v2' },
        { kind: 'Motif' },
      ),
    ).toEqual(oci('ghcr.io', `${motifRepo}/web-service`, 'v2'));
  });

  it('resolves short names against custom bases', () => {
    const bases = {
      katalogs: 'oci://registry.acme.io/k',
      motifs: 'registry.acme.io/m',
    };
    expect(parseImportReference('postgres', { bases })).toEqual(
      oci('registry.acme.io', 'k/postgres', 'latest'),
    );
    expect(parseImportReference('svc@v1', { kind: 'Motif', bases })).toEqual(
      oci('registry.acme.io', 'm/svc', 'v1'),
    );
    // Fully-qualified imports ignore the bases.
    expect(
      parseImportReference('ghcr.io/a/b:v1', { kind: 'Motif', bases }),
    ).toEqual(oci('ghcr.io', 'a/b', 'v1'));
  });

  it.each<[string, Parameters<typeof parseImportReference>[0], string, string]>(
    [
      ['empty', '', '', 'import is empty'],
      ['blank', '   ', '   ', 'import is empty'],
      [
        'inner whitespace',
        'ghcr.io/x y',
        'ghcr.io/x y',
        'must not contain whitespace',
      ],
      [
        'tag and @version',
        'ghcr.io/x/y:v1@v2',
        'ghcr.io/x/y:v1@v2',
        'both a ":" tag and an "@v2" version',
      ],
      [
        'empty @version',
        'ghcr.io/x/y@',
        'ghcr.io/x/y@',
        'empty version after "@"',
      ],
      [
        'bad @version tag',
        'ghcr.io/x/y@v1+b',
        'ghcr.io/x/y@v1+b',
        'invalid tag "v1+b"',
      ],
      [
        'uppercase repo',
        'oci://ghcr.io/X/y',
        'oci://ghcr.io/X/y',
        'must be lower-case',
      ],
      [
        'bad digest',
        'ghcr.io/x/y@sha256:abc',
        'ghcr.io/x/y@sha256:abc',
        'sha256 digest must be 64',
      ],
      [
        'oci:true with https',
        { url: 'https://ghcr.io/x/y', oci: true },
        'https://ghcr.io/x/y',
        '"https://" is not supported',
      ],
      [
        'non-string version',
        { url: 'ghcr.io/x/y', version: 1.1 as unknown as string },
        'ghcr.io/x/y',
        'import "version" must be a string (quote it in YAML), got 1.1',
      ],
      [
        'non-boolean oci',
        { url: 'ghcr.io/x/y', oci: 'yes' as unknown as boolean },
        'ghcr.io/x/y',
        'import "oci" must be true or false',
      ],
      [
        'missing url',
        {} as { url: string },
        'undefined',
        'import "url" must be a string',
      ],
      [
        'git empty version',
        'https://github.com/org/reg@',
        'https://github.com/org/reg@',
        'empty git URL or version',
      ],
    ],
  )('rejects %s', (_name, input, errorInput, reason) => {
    const error = errorOf(() => parseImportReference(input));
    expect(error.input).toBe(errorInput);
    expect(error.reason).toContain(reason);
  });
});
