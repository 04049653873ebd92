import {
  InvalidReferenceError,
  Reference,
  formatReference,
  parseReference,
  referenceWithDefaultTag,
} from '.';
import { SHA256, SHA384, SHA512, KATALOGS, errorOf } from './testing';

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
