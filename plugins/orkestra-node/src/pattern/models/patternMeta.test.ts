import { PatternValidationError } from '../patternDirectory';
import { parsePatternMeta } from './patternMeta';

describe('parsePatternMeta', () => {
  it('reads what LoadPatternMeta reads, every string by its text', () => {
    expect(
      parsePatternMeta(
        [
          'x: &base { author: myorg, tags: [db, 2] }',
          'kind: Katalog',
          'metadata:',
          '  <<: *base',
          '  name: pg',
          '  version: 1.0',
          '  description: true',
          '  license: 010',
          'lifecycle:',
          '  deprecation:',
          '    migratedTo: ghcr.io/myorg/katalogs/pg:2.0',
          '    timeline: { from: 2026-01-01 }',
          'spec: { crds: [not, checked, here] }',
        ].join('\n'),
        'katalog.yaml',
        'Katalog',
      ),
    ).toEqual({
      kind: 'Katalog',
      meta: {
        kind: 'Katalog',
        name: 'pg',
        version: '1.0',
        description: 'true',
        author: 'myorg',
        license: '010',
        tags: ['db', '2'],
        deprecation: {
          migratedTo: 'ghcr.io/myorg/katalogs/pg:2.0',
          timelineFrom: '2026-01-01',
        },
      },
    });
  });

  it('applies ork defaults for version and description', () => {
    expect(
      parsePatternMeta(
        'kind: Motif\nmetadata: { name: web, version: ~, description: "" }\n',
        'motif.yaml',
        'Motif',
      ).meta,
    ).toEqual({
      kind: 'Motif',
      name: 'web',
      version: 'latest',
      description: 'Motif web',
      tags: null,
    });
    expect(
      parsePatternMeta(
        'kind: Katalog\nmetadata: { name: pg, deprecation: {} }\nlifecycle: { deprecation: {} }\n',
        'katalog.yaml',
        'Katalog',
      ).meta,
    ).toEqual({
      kind: 'Katalog',
      name: 'pg',
      version: 'latest',
      description: 'Pattern pg',
      tags: null,
      deprecation: {},
    });
  });

  it('reads tags: [] as an empty list and a missing or null tags key as null, as ork decodes them', () => {
    const tagsOf = (metadata: string) =>
      parsePatternMeta(
        `kind: Katalog\nmetadata: { name: pg${metadata} }\n`,
        'katalog.yaml',
        'Katalog',
      ).meta?.tags;
    expect(tagsOf('')).toBeNull();
    expect(tagsOf(', tags: ~')).toBeNull();
    expect(tagsOf(', tags: []')).toEqual([]);
    expect(tagsOf(', tags: [~]')).toEqual([]);
    expect(tagsOf(', tags: [web, 2]')).toEqual(['web', '2']);
  });

  it('returns the kind alone for another kind', () => {
    expect(
      parsePatternMeta(
        'kind: Motif\nmetadata: {}\n',
        'katalog.yaml',
        'Katalog',
      ),
    ).toEqual({ kind: 'Motif' });
    expect(
      parsePatternMeta('metadata: { name: x }\n', 'katalog.yaml', 'Katalog'),
    ).toEqual({ kind: null });
  });

  it.each([
    ['kind: Katalog\n', 'katalog.yaml: metadata is required'],
    [
      'kind: Katalog\nmetadata: { version: v1 }\n',
      'katalog.yaml: metadata.name is required',
    ],
    ['- a\n', 'katalog.yaml must be a YAML mapping'],
    [
      'kind: Katalog\nmetadata: { name: m, tags: web }\n',
      'katalog.yaml: metadata.tags must be a list',
    ],
    [
      'kind: Katalog\nmetadata: { name: m, version: [1] }\n',
      'katalog.yaml: metadata.version must be a string',
    ],
    [
      'kind: Katalog\nmetadata: { name: m }\nlifecycle: { deprecation: yes }\n',
      'katalog.yaml: lifecycle.deprecation must be a mapping',
    ],
    [
      'kind: Katalog\nmetadata: { name: m }\nlifecycle: { accept: { patterns: x } }\n',
      'katalog.yaml: lifecycle.accept.patterns must be a list',
    ],
    ['kind: [Katalog]\n', 'katalog.yaml: kind must be a string'],
  ])('refuses %j', (text, message) => {
    expect(() => parsePatternMeta(text, 'katalog.yaml', 'Katalog')).toThrow(
      new PatternValidationError(message),
    );
  });
});
