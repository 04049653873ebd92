import { PatternValidationError } from '../patternDirectory';
import {
  DEFAULT_YAML_MAX_BYTES,
  parseYamlDocument,
  parseYamlDocuments,
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

  it('refuses an alias bomb quickly with a clear error naming the file', () => {
    const start = Date.now();
    let error: unknown;
    try {
      parseYamlDocument(BILLION_LAUGHS, 'katalog.yaml');
    } catch (e) {
      error = e;
    }
    expect(Date.now() - start).toBeLessThan(1000);
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
