import {
  DEFAULT_ORK_BASES,
  InvalidReferenceError,
  OrkBases,
  Reference,
  formatReference,
  parseImportReference,
  parseReference,
  referenceWithDefaultTag,
  registryMatchesPrefix,
  resolveOrkReference,
} from './reference';

const SHA256 = `sha256:${'a'.repeat(64)}`;
const SHA384 = `sha384:${'b'.repeat(96)}`;
const SHA512 = `sha512:${'0123456789abcdef'.repeat(8)}`;
const KATALOGS = 'ghcr.io/orkspace/orkestra-registry/patterns/katalogs';
const MOTIFS = 'ghcr.io/orkspace/orkestra-registry/patterns/motifs';

function errorOf(fn: () => unknown): InvalidReferenceError {
  try {
    fn();
  } catch (error) {
    if (error instanceof InvalidReferenceError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected an InvalidReferenceError');
}

describe('parseReference', () => {
  it.each<[string, Reference]>([
    [
      'ghcr.io/acme/x:v1',
      { registry: 'ghcr.io', repository: 'acme/x', tag: 'v1' },
    ],
    ['ghcr.io/acme/x', { registry: 'ghcr.io', repository: 'acme/x' }],
    [
      'oci://ghcr.io/acme/x:v1.0.0',
      { registry: 'ghcr.io', repository: 'acme/x', tag: 'v1.0.0' },
    ],
    [
      '127.0.0.1:5000/foo:1',
      { registry: '127.0.0.1:5000', repository: 'foo', tag: '1' },
    ],
    ['localhost/foo', { registry: 'localhost', repository: 'foo' }],
    [
      'localhost:5000/a/b/c:latest',
      { registry: 'localhost:5000', repository: 'a/b/c', tag: 'latest' },
    ],
    [
      '[::1]:5000/foo:t',
      { registry: '[::1]:5000', repository: 'foo', tag: 't' },
    ],
    [
      'registry.example.com:443/team/sub/deep/repo:v2',
      {
        registry: 'registry.example.com:443',
        repository: 'team/sub/deep/repo',
        tag: 'v2',
      },
    ],
    [
      `${KATALOGS}/postgres:v14`,
      {
        registry: 'ghcr.io',
        repository: 'orkspace/orkestra-registry/patterns/katalogs/postgres',
        tag: 'v14',
      },
    ],
    [
      'ghcr.io/a/my_repo__x.y-z--w:V1_x.y-Z',
      {
        registry: 'ghcr.io',
        repository: 'a/my_repo__x.y-z--w',
        tag: 'V1_x.y-Z',
      },
    ],
    [
      'GHCR.IO/acme/x:v1',
      { registry: 'ghcr.io', repository: 'acme/x', tag: 'v1' },
    ],
    [
      `ghcr.io/acme/x@${SHA256}`,
      { registry: 'ghcr.io', repository: 'acme/x', digest: SHA256 },
    ],
    [
      `ghcr.io/acme/x@${SHA384}`,
      { registry: 'ghcr.io', repository: 'acme/x', digest: SHA384 },
    ],
    [
      `ghcr.io/acme/x@${SHA512}`,
      { registry: 'ghcr.io', repository: 'acme/x', digest: SHA512 },
    ],
    [
      `ghcr.io/acme/x:v1@${SHA256}`,
      { registry: 'ghcr.io', repository: 'acme/x', tag: 'v1', digest: SHA256 },
    ],
    [
      `oci://localhost:5000/x:v1@${SHA512}`,
      {
        registry: 'localhost:5000',
        repository: 'x',
        tag: 'v1',
        digest: SHA512,
      },
    ],
    [
      `ghcr.io/acme/x:${'t'.repeat(128)}`,
      { registry: 'ghcr.io', repository: 'acme/x', tag: 't'.repeat(128) },
    ],
    [
      'ghcr.io/acme/x:_t',
      { registry: 'ghcr.io', repository: 'acme/x', tag: '_t' },
    ],
  ])('parses %s', (input, expected) => {
    expect(parseReference(input)).toEqual(expected);
  });

  it('leaves tag and digest undefined when absent', () => {
    const ref = parseReference('ghcr.io/acme/x');
    expect(ref.tag).toBeUndefined();
    expect(ref.digest).toBeUndefined();
    expect(Object.keys(ref).sort()).toEqual(['registry', 'repository']);
  });

  it.each<[string, string, Reference]>([
    [
      'single name',
      'ubuntu',
      { registry: 'docker.io', repository: 'library/ubuntu' },
    ],
    [
      'single name with tag',
      'ubuntu:22.04',
      { registry: 'docker.io', repository: 'library/ubuntu', tag: '22.04' },
    ],
    [
      'user/repo',
      'acme/app:1',
      { registry: 'docker.io', repository: 'acme/app', tag: '1' },
    ],
    [
      'explicit docker.io single',
      'docker.io/ubuntu',
      { registry: 'docker.io', repository: 'library/ubuntu' },
    ],
    [
      'explicit docker.io user',
      'docker.io/acme/app',
      { registry: 'docker.io', repository: 'acme/app' },
    ],
    [
      'index.docker.io',
      'index.docker.io/acme/app:v',
      { registry: 'docker.io', repository: 'acme/app', tag: 'v' },
    ],
    [
      'index.docker.io single',
      'index.docker.io/ubuntu',
      { registry: 'docker.io', repository: 'library/ubuntu' },
    ],
    [
      'oci:// docker hub',
      'oci://busybox',
      { registry: 'docker.io', repository: 'library/busybox' },
    ],
    [
      'digest',
      `redis@${SHA256}`,
      { registry: 'docker.io', repository: 'library/redis', digest: SHA256 },
    ],
  ])('normalises Docker Hub: %s', (_name, input, expected) => {
    expect(parseReference(input)).toEqual(expected);
  });

  it.each<[string, string, string]>([
    ['empty', '', 'reference is empty'],
    ['only oci://', 'oci://', 'nothing after "oci://"'],
    ['uppercase repository', 'ghcr.io/Acme/x', 'must be lower-case'],
    ['uppercase docker hub', 'Ubuntu', 'must be lower-case'],
    ['bad tag chars', 'ghcr.io/acme/x:v1+build', 'invalid tag "v1+build"'],
    ['tag starting with dot', 'ghcr.io/acme/x:.v1', 'invalid tag ".v1"'],
    ['tag starting with dash', 'ghcr.io/acme/x:-v1', 'invalid tag "-v1"'],
    ['tag too long', `ghcr.io/acme/x:${'t'.repeat(129)}`, 'invalid tag'],
    ['empty tag', 'ghcr.io/acme/x:', 'empty tag after ":"'],
    [
      '@v1',
      'ghcr.io/acme/x@v1',
      '"@v1" is not a digest; use ":" for tags (e.g. "ghcr.io/acme/x:v1")',
    ],
    ['@latest', 'oci://ghcr.io/acme/x@latest', '"@latest" is not a digest'],
    ['empty digest', 'ghcr.io/acme/x@', 'empty digest after "@"'],
    ['two @', `ghcr.io/acme/x@${SHA256}@${SHA256}`, 'more than one "@"'],
    [
      'short sha256',
      `ghcr.io/acme/x@sha256:${'a'.repeat(63)}`,
      'sha256 digest must be 64 lower-case hex characters',
    ],
    [
      'sha384 of sha256 length',
      `ghcr.io/acme/x@sha384:${'a'.repeat(64)}`,
      'sha384 digest must be 96',
    ],
    [
      'uppercase hex',
      `ghcr.io/acme/x@sha256:${'A'.repeat(64)}`,
      'sha256 digest must be 64 lower-case hex',
    ],
    [
      'unknown algorithm',
      `ghcr.io/acme/x@md5:${'a'.repeat(32)}`,
      'unsupported digest algorithm "md5"',
    ],
    ['leading space', ' ghcr.io/acme/x', 'must not contain whitespace'],
    ['trailing newline', 'ghcr.io/acme/x:v1\n', 'must not contain whitespace'],
    ['inner space', 'ghcr.io/acme /x', 'must not contain whitespace'],
    ['https', 'https://ghcr.io/acme/x:v1', '"https://" is not supported'],
    ['http', 'http://localhost:5000/x', '"http://" is not supported'],
    [
      'oci + https',
      'oci://https://ghcr.io/acme/x',
      '"https://" is not supported',
    ],
    ['missing repository', 'ghcr.io/', 'missing repository name'],
    ['double slash', 'ghcr.io/acme//x', 'invalid repository name "acme//x"'],
    ['trailing slash', 'ghcr.io/acme/', 'invalid repository name "acme/"'],
    ['leading separator', 'ghcr.io/-acme/x', 'invalid repository name'],
    ['triple underscore', 'ghcr.io/a___b', 'invalid repository name'],
    ['tag in the middle', 'ghcr.io/acme:v1/x', 'invalid tag "v1/x"'],
    ['bad host', 'ghcr-.io/x', 'invalid registry host "ghcr-.io"'],
    ['port out of range', 'localhost:70000/x', 'invalid registry port 70000'],
    ['port zero', 'localhost:0/x', 'invalid registry port 0'],
    [
      'name too long',
      `ghcr.io/${'a'.repeat(250)}`,
      'longer than 255 characters',
    ],
  ])('rejects %s', (_name, input, reason) => {
    const error = errorOf(() => parseReference(input));
    expect(error).toBeInstanceOf(InvalidReferenceError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('InvalidReferenceError');
    expect(error.input).toBe(input);
    expect(error.reason).toContain(reason);
    expect(error.message).toBe(
      `Invalid reference ${JSON.stringify(
        input.length > 200 ? `${input.slice(0, 200)}…` : input,
      )}: ${error.reason}`,
    );
  });

  it('truncates long inputs to 200 characters in the message', () => {
    const input = `ghcr.io/${'A'.repeat(500)}`;
    const error = errorOf(() => parseReference(input));
    expect(error.input).toBe(input);
    expect(
      error.message.startsWith(`Invalid reference "${input.slice(0, 200)}…": `),
    ).toBe(true);
    expect(error.message).not.toContain(input.slice(0, 201));
  });

  it('rejects a non-string at runtime', () => {
    expect(() => parseReference(undefined as unknown as string)).toThrow(
      'Invalid reference "undefined": reference must be a string',
    );
  });
});

describe('formatReference', () => {
  it.each<[Reference, string]>([
    [{ registry: 'ghcr.io', repository: 'acme/x' }, 'ghcr.io/acme/x'],
    [
      { registry: 'ghcr.io', repository: 'acme/x', tag: 'v1' },
      'ghcr.io/acme/x:v1',
    ],
    [
      { registry: 'localhost:5000', repository: 'x', digest: SHA256 },
      `localhost:5000/x@${SHA256}`,
    ],
    [
      { registry: 'ghcr.io', repository: 'a/b', tag: 't', digest: SHA512 },
      `ghcr.io/a/b:t@${SHA512}`,
    ],
    [
      { registry: 'docker.io', repository: 'library/ubuntu', tag: '22.04' },
      'docker.io/library/ubuntu:22.04',
    ],
  ])('formats %j', (ref, expected) => {
    expect(formatReference(ref)).toBe(expected);
  });

  it.each([
    'ghcr.io/acme/x',
    'ghcr.io/acme/x:v1',
    `ghcr.io/acme/x@${SHA384}`,
    `127.0.0.1:5000/a/b/c:v1@${SHA256}`,
    'localhost/x:latest',
    'docker.io/library/ubuntu:22.04',
    '[::1]:5000/foo:t',
  ])('round-trips %s', input => {
    const ref = parseReference(input);
    expect(formatReference(ref)).toBe(input);
    expect(parseReference(formatReference(ref))).toEqual(ref);
  });

  it.each<[string, string]>([
    ['ubuntu', 'docker.io/library/ubuntu'],
    ['index.docker.io/acme/app:v', 'docker.io/acme/app:v'],
    ['oci://GHCR.io/acme/x:v1', 'ghcr.io/acme/x:v1'],
  ])('canonicalises %s to %s', (input, expected) => {
    const formatted = formatReference(parseReference(input));
    expect(formatted).toBe(expected);
    expect(formatReference(parseReference(formatted))).toBe(expected);
  });
});

describe('referenceWithDefaultTag', () => {
  it('adds latest when there is no tag', () => {
    const ref = parseReference('ghcr.io/acme/x');
    expect(referenceWithDefaultTag(ref)).toEqual({
      registry: 'ghcr.io',
      repository: 'acme/x',
      tag: 'latest',
    });
    expect(ref.tag).toBeUndefined();
  });

  it('uses a given default', () => {
    expect(
      referenceWithDefaultTag({ registry: 'ghcr.io', repository: 'x' }, 'main'),
    ).toEqual({ registry: 'ghcr.io', repository: 'x', tag: 'main' });
  });

  it('keeps an existing tag', () => {
    expect(
      referenceWithDefaultTag({
        registry: 'ghcr.io',
        repository: 'x',
        tag: 'v1',
      }),
    ).toEqual({ registry: 'ghcr.io', repository: 'x', tag: 'v1' });
  });

  it('does not add a tag to a digest reference', () => {
    expect(
      referenceWithDefaultTag({
        registry: 'ghcr.io',
        repository: 'x',
        digest: SHA256,
      }),
    ).toEqual({ registry: 'ghcr.io', repository: 'x', digest: SHA256 });
  });

  it('rejects an invalid default tag', () => {
    expect(() =>
      referenceWithDefaultTag(
        { registry: 'ghcr.io', repository: 'x' },
        'bad tag',
      ),
    ).toThrow(InvalidReferenceError);
  });
});

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

describe('registryMatchesPrefix', () => {
  const ref = (input: string) => parseReference(input);

  it.each<[string, string, boolean]>([
    ['ghcr.io/acme/x:v1', 'ghcr.io/acme/', true],
    ['ghcr.io/acme/x:v1', 'ghcr.io/acme', true],
    ['ghcr.io/acme-evil/x:v1', 'ghcr.io/acme/', false],
    ['ghcr.io/acme-evil/x:v1', 'ghcr.io/acme', false],
    ['ghcr.io/acmex', 'ghcr.io/acme', false],
    ['ghcr.io/acme', 'ghcr.io/acme', true],
    ['ghcr.io/acme/x', 'ghcr.io/acme/x', true],
    [`ghcr.io/acme/x:v1@${SHA256}`, 'ghcr.io/acme/x', true],
    ['ghcr.io/acme/x/y/z', 'ghcr.io/acme/x/y', true],
    ['ghcr.io/acme/x', 'ghcr.io/acme/x/y', false],
    ['ghcr.io/acme/x', 'oci://ghcr.io/acme/', true],
    ['ghcr.io/acme/x', 'GHCR.IO/acme', true],
    ['ghcr.io/acme/x', 'ghcr.io', true],
    ['ghcr.io/acme/x', 'ghcr.io/', true],
    ['ghcr.io.evil.com/acme/x', 'ghcr.io', false],
    ['ghcr.io/acme/x', 'ghcr.io.evil.com', false],
    ['evil.io/ghcr.io/acme/x', 'ghcr.io/acme', false],
    ['ghcr.io/acme/x', 'ghcr.io/Acme', false],
    ['localhost:5000/acme/x', 'localhost:5000/acme', true],
    ['localhost:5001/acme/x', 'localhost:5000/acme', false],
    ['localhost/acme/x', 'localhost:5000', false],
    ['docker.io/acme/app', 'index.docker.io/acme', true],
    ['index.docker.io/acme/app', 'docker.io/acme/', true],
    ['acme/app', 'docker.io/acme', true],
    ['docker.io/acme/app', 'acme/', true],
    ['ubuntu', 'docker.io/library', true],
    ['ghcr.io/acme/app', 'acme', false],
    ['ghcr.io/acme/x', '', false],
    ['ghcr.io/acme/x', 'oci://', false],
  ])('%s with prefix %j → %s', (input, prefix, expected) => {
    expect(registryMatchesPrefix(ref(input), prefix)).toBe(expected);
  });

  it('compares hosts of hand-built references case-insensitively', () => {
    expect(
      registryMatchesPrefix(
        { registry: 'GHCR.io', repository: 'acme/x' },
        'ghcr.io/acme',
      ),
    ).toBe(true);
  });
});
