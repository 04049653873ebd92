import { isAllowedReference } from '.';

describe('isAllowedReference', () => {
  it.each<[string, string, string[] | undefined, boolean]>([
    ['no policy (undefined list)', 'ghcr.io/anyone/x:1', undefined, true],
    ['no policy (empty list)', 'ghcr.io/anyone/x:1', [], true],
    ['unparsable, no policy', 'not a ref', undefined, true],
    ['prefix with slash', 'ghcr.io/acme/x:1', ['ghcr.io/acme/'], true],
    ['prefix without slash', 'ghcr.io/acme/x:1', ['ghcr.io/acme'], true],
    ['nested repository', 'ghcr.io/acme/a/b/c:1', ['ghcr.io/acme/'], true],
    ['segment boundary', 'ghcr.io/acme-evil/x:1', ['ghcr.io/acme/'], false],
    [
      'segment boundary without slash',
      'ghcr.io/acme-evil/x:1',
      ['ghcr.io/acme'],
      false,
    ],
    ['other host', 'docker.io/acme/x:1', ['ghcr.io/acme/'], false],
    ['host-only prefix', 'ghcr.io/anyone/x:1', ['ghcr.io'], true],
    ['host-only prefix with slash', 'ghcr.io/anyone/x:1', ['ghcr.io/'], true],
    ['host-only prefix, other host', 'quay.io/acme/x:1', ['ghcr.io'], false],
    [
      'host-only prefix is not a host prefix',
      'ghcr.io.evil.com/acme/x:1',
      ['ghcr.io'],
      false,
    ],
    ['host with port', '127.0.0.1:5000/p/x:1', ['127.0.0.1:5000'], true],
    ['host with other port', '127.0.0.1:5001/p/x:1', ['127.0.0.1:5000'], false],
    [
      'second prefix matches',
      'quay.io/acme/x:1',
      ['ghcr.io', 'quay.io/'],
      true,
    ],
    ['oci:// reference', 'oci://ghcr.io/acme/x:1', ['ghcr.io/acme/'], true],
    ['oci:// prefix', 'ghcr.io/acme/x:1', ['oci://ghcr.io/acme/'], true],
    [
      'digest reference',
      `ghcr.io/acme/x@sha256:${'a'.repeat(64)}`,
      ['ghcr.io/acme'],
      true,
    ],
    ['unparsable (whitespace)', 'ghcr.io/acme/x 1', ['ghcr.io/acme/'], false],
    ['unparsable (empty)', '', ['ghcr.io/acme/'], false],
    [
      'unparsable (https scheme)',
      'https://ghcr.io/acme/x:1',
      ['ghcr.io/acme/'],
      false,
    ],
    ['unparsable (@ tag)', 'ghcr.io/acme/x@v1', ['ghcr.io/acme/'], false],
    ['only blank prefixes', 'ghcr.io/acme/x:1', [''], false],
  ])('%s: %s with %j → %s', (_name, ref, allowed, expected) => {
    expect(isAllowedReference(ref, allowed)).toBe(expected);
  });
});
