import { PatternValidationError } from '../patternDirectory';
import {
  DEFAULT_YAML_MAX_BYTES,
  parseGoYamlDocument,
  parseYamlDocument,
  parseYamlDocuments,
  YamlScalar,
} from './yamlDocument';

const BILLION_LAUGHS = [
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
  'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
  'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
  'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
  'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
  'g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]',
  'h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]',
  'i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]',
].join('\n');

describe('parseYamlDocument', () => {
  it('returns plain JS values', () => {
    expect(
      parseYamlDocument('a: 1\nb: [x, "y"]\nc: 2025-01-01\n', 'x.yaml'),
    ).toEqual({
      a: 1,
      b: ['x', 'y'],
      // YAML 1.2 core schema: no timestamps, dates stay strings
      c: '2025-01-01',
    });
  });

  it('returns null for an empty document', () => {
    expect(parseYamlDocument('', 'x.yaml')).toBeNull();
    expect(parseYamlDocument('# only a comment\n', 'x.yaml')).toBeNull();
  });

  it('allows a few aliases', () => {
    expect(
      parseYamlDocument('base: &b { x: 1 }\ncopy: *b\n', 'x.yaml'),
    ).toEqual({
      base: { x: 1 },
      copy: { x: 1 },
    });
  });

  // No timing assertion (a loaded CI machine makes those flaky): without the
  // alias budget this input would not finish within the test's timeout.
  it('refuses an alias bomb with a clear error naming the file', () => {
    let error: unknown;
    try {
      parseYamlDocument(BILLION_LAUGHS, 'katalog.yaml');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PatternValidationError);
    expect((error as Error).message).toBe(
      'katalog.yaml could not be read: Excessive alias count indicates a resource exhaustion attack',
    );
  });

  it('refuses a document over 1 MiB before parsing it', () => {
    // Would be a syntax error if it were parsed: the size check must come first.
    const text = `a: [${'x'.repeat(DEFAULT_YAML_MAX_BYTES)}`;
    expect(() => parseYamlDocument(text, 'big.yaml')).toThrow(
      new PatternValidationError(
        `big.yaml is at least ${text.length} bytes; the limit is ${DEFAULT_YAML_MAX_BYTES}`,
      ),
    );
  });

  it('counts UTF-8 bytes, not characters', () => {
    // 6 characters, 9 bytes
    expect(() =>
      parseYamlDocument('a: ééé', 'u.yaml', { maxBytes: 8 }),
    ).toThrow('u.yaml is 9 bytes; the limit is 8');
    expect(parseYamlDocument('a: é', 'u.yaml', { maxBytes: 6 })).toEqual({
      a: 'é',
    });
  });

  it('accepts a document of exactly the limit', () => {
    expect(parseYamlDocument('a: 1', 'x.yaml', { maxBytes: 4 })).toEqual({
      a: 1,
    });
  });

  it('names the file on malformed YAML, with the position', () => {
    expect(() => parseYamlDocument('a: [1, 2\nb: 3\n', 'motif.yaml')).toThrow(
      /^motif\.yaml is not valid YAML: .*at line \d+, column \d+/s,
    );
    expect(() => parseYamlDocument('a: [1, 2\nb: 3\n', 'motif.yaml')).toThrow(
      PatternValidationError,
    );
  });

  it('refuses duplicate keys', () => {
    expect(() => parseYamlDocument('a: 1\na: 2\n', 'dup.yaml')).toThrow(
      /^dup\.yaml is not valid YAML: Map keys must be unique/,
    );
  });

  it('refuses several documents', () => {
    expect(() => parseYamlDocument('a: 1\n---\nb: 2\n', 'one.yaml')).toThrow(
      /^one\.yaml is not valid YAML: Source contains multiple documents/,
    );
  });

  it('honours a custom alias budget', () => {
    const text = 'x: &x [1]\ny: [*x, *x, *x]\n';
    expect(parseYamlDocument(text, 'x.yaml')).toEqual({
      x: [1],
      y: [[1], [1], [1]],
    });
    expect(() =>
      parseYamlDocument(text, 'x.yaml', { maxAliasCount: 1 }),
    ).toThrow('x.yaml could not be read: Excessive alias count');
  });
});

describe('parseYamlDocuments', () => {
  it('reads every document and drops empty ones', () => {
    const text = [
      '---',
      'apiVersion: rkguide.demo/v1',
      'kind: WebApp',
      'metadata: { name: a }',
      '---',
      'kind: WebApp',
      'metadata: { name: b }',
      '---',
      '',
    ].join('\n');
    expect(parseYamlDocuments(text, 'cr.yaml')).toEqual([
      {
        apiVersion: 'rkguide.demo/v1',
        kind: 'WebApp',
        metadata: { name: 'a' },
      },
      { kind: 'WebApp', metadata: { name: 'b' } },
    ]);
  });

  it('returns nothing for an empty stream', () => {
    expect(parseYamlDocuments('', 'cr.yaml')).toEqual([]);
    expect(parseYamlDocuments('# nothing\n', 'cr.yaml')).toEqual([]);
  });

  it('caps the number of documents', () => {
    const text = 'a: 1\n---\na: 2\n---\na: 3\n';
    expect(
      parseYamlDocuments(text, 'cr.yaml', { maxDocuments: 3 }),
    ).toHaveLength(3);
    expect(() =>
      parseYamlDocuments(text, 'cr.yaml', { maxDocuments: 2 }),
    ).toThrow(
      new PatternValidationError(
        'cr.yaml has 3 YAML documents; the limit is 2',
      ),
    );
  });

  it('names the file when one document is malformed', () => {
    expect(() => parseYamlDocuments('a: 1\n---\nb: [\n', 'cr.yaml')).toThrow(
      /^cr\.yaml is not valid YAML: /,
    );
  });

  it('refuses an alias bomb in any document', () => {
    expect(() =>
      parseYamlDocuments(`a: 1\n---\n${BILLION_LAUGHS}\n`, 'cr.yaml'),
    ).toThrow(
      'cr.yaml could not be read: Excessive alias count indicates a resource exhaustion attack',
    );
  });

  it('refuses oversized input before parsing', () => {
    expect(() =>
      parseYamlDocuments('a: 1\n---\nb: 2\n', 'cr.yaml', { maxBytes: 5 }),
    ).toThrow('cr.yaml is at least 14 bytes; the limit is 5');
  });
});

describe('parseGoYamlDocument', () => {
  it('keeps strings, nulls and the text of every other scalar, keyed by the keys as written', () => {
    const doc = parseGoYamlDocument(
      [
        'a: 1.0',
        'b: [web, 2, "3", ~]',
        'c: true',
        '1.10: x',
        '010: { d: !!int 010, e: !foo 1.0, f: 2026-01-01, g: }',
      ].join('\n'),
      'x.yaml',
    );
    expect(doc).toEqual({
      a: new YamlScalar(1, '1.0'),
      b: ['web', new YamlScalar(2, '2'), '3', null],
      c: new YamlScalar(true, 'true'),
      '1.10': 'x',
      '010': {
        d: new YamlScalar(10, '010', 'tag:yaml.org,2002:int'),
        e: '1.0',
        f: '2026-01-01',
        g: null,
      },
    });
  });

  it('decodes !!binary as yaml.v3 does, and refuses bad base64', () => {
    expect(parseGoYamlDocument('a: !!binary aGVsbG8=\n', 'x.yaml')).toEqual({
      a: expect.objectContaining({ text: 'hello' }),
    });
    expect(() => parseGoYamlDocument('a: !!binary "!!"\n', 'x.yaml')).toThrow(
      new PatternValidationError(
        'x.yaml could not be read: !!binary value contains invalid base64 data',
      ),
    );
  });

  it('skips null and collection keys, and reads an aliased key by its text', () => {
    expect(
      parseGoYamlDocument('~: a\n? [b]\n: c\ns: &s 1.0\n*s : d\n', 'x.yaml'),
    ).toEqual({ s: new YamlScalar(1, '1.0'), '1.0': 'd' });
  });

  it('refuses keys that are the same text, as yaml.v3 does', () => {
    expect(() => parseGoYamlDocument('1.0: a\n"1.0": b\n', 'x.yaml')).toThrow(
      new PatternValidationError(
        'x.yaml is not valid YAML: mapping key "1.0" already defined',
      ),
    );
  });

  it('keeps a __proto__ key as an own key without touching any prototype', () => {
    const doc = parseGoYamlDocument(
      '__proto__: { polluted: yes }\n',
      'x.yaml',
    ) as Record<string, unknown>;
    expect(Object.getPrototypeOf(doc)).toBe(Object.prototype);
    expect(Object.keys(doc)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('resolves plain and !!merge-tagged merge keys; a quoted "<<" is an ordinary key', () => {
    expect(
      parseGoYamlDocument(
        [
          'base: &b { x: 1, y: 2 }',
          'm: { <<: *b, y: 3 }',
          'n: { !!merge <<: [*b, { z: 4 }] }',
          'o: { "<<": *b }',
        ].join('\n'),
        'x.yaml',
      ),
    ).toMatchObject({
      m: { x: { text: '1' }, y: { text: '3' } },
      n: { x: { text: '1' }, y: { text: '2' }, z: { text: '4' } },
      o: { '<<': { x: { text: '1' } } },
    });
  });

  it('refuses an anchor that contains its own alias', () => {
    for (const text of [
      'a: &x [*x]\n',
      'a: &x { b: *x }\n',
      'a: &x { <<: *x }\n',
    ]) {
      expect(() => parseGoYamlDocument(text, 'x.yaml')).toThrow(
        new PatternValidationError(
          "x.yaml could not be read: anchor 'x' value contains itself",
        ),
      );
    }
  });

  it('refuses an alias bomb with the same error as parseYamlDocument', () => {
    expect(() => parseGoYamlDocument(BILLION_LAUGHS, 'katalog.yaml')).toThrow(
      new PatternValidationError(
        'katalog.yaml could not be read: Excessive alias count indicates a resource exhaustion attack',
      ),
    );
  });

  it('refuses merges that copy too many keys', () => {
    // Within the alias budget (99 aliases of a flat anchor), but 99 copies of 1,200 keys.
    const keys = Array.from({ length: 1200 }, (_, i) => `k${i}: v`).join(', ');
    const merges = (n: number) =>
      [
        `base: &b { ${keys} }`,
        ...Array.from({ length: n }, (_, i) => `m${i}: { <<: *b, own: v }`),
      ].join('\n');
    expect(
      Object.keys(parseGoYamlDocument(merges(40), 'x.yaml')!),
    ).toHaveLength(41);
    expect(() => parseGoYamlDocument(merges(99), 'x.yaml')).toThrow(
      new PatternValidationError(
        'x.yaml could not be read: Excessive alias count indicates a resource exhaustion attack',
      ),
    );
    // Nested merges are bounded by the alias budget already.
    const chain = ['a0: &a0 { k0: v }'];
    for (let i = 1; i < 20; i++)
      chain.push(`a${i}: &a${i} { <<: *a${i - 1}, k${i}: v }`);
    expect(() => parseGoYamlDocument(chain.join('\n'), 'x.yaml')).toThrow(
      'Excessive alias count',
    );
  });

  it('refuses oversized and malformed input like parseYamlDocument', () => {
    expect(() =>
      parseGoYamlDocument('a: 1\n', 'x.yaml', { maxBytes: 2 }),
    ).toThrow('x.yaml is at least 5 bytes; the limit is 2');
    expect(() => parseGoYamlDocument('a: [1\n', 'x.yaml')).toThrow(
      /^x\.yaml is not valid YAML: /,
    );
    expect(parseGoYamlDocument('', 'x.yaml')).toBeNull();
  });
});
