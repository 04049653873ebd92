import { digestOf, isDigest, matchesDigest, parseDigest } from './digest';

describe('digest', () => {
  it('computes the digest of the empty JSON config ork pushes', () => {
    expect(digestOf(Buffer.from('{}'))).toBe(
      'sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a',
    );
  });

  it('accepts registered algorithms with the right hex length only', () => {
    const sha512 = digestOf(Buffer.from('x'), 'sha512');
    expect(parseDigest(sha512).algorithm).toBe('sha512');
    expect(isDigest(`sha256:${'a'.repeat(64)}`)).toBe(true);

    for (const bad of [
      `sha256:${'a'.repeat(63)}`,
      `sha256:${'A'.repeat(64)}`,
      `md5:${'a'.repeat(32)}`,
      `sha256:../../${'a'.repeat(58)}`,
      'sha256',
      '',
    ]) {
      expect(isDigest(bad)).toBe(false);
      expect(() => parseDigest(bad)).toThrow(/Invalid content digest/);
    }
  });

  it('verifies content against a digest', () => {
    const content = Buffer.from('kind: Katalog\n');
    expect(matchesDigest(content, digestOf(content))).toBe(true);
    expect(matchesDigest(Buffer.from('kind: Motif\n'), digestOf(content))).toBe(
      false,
    );
  });
});
