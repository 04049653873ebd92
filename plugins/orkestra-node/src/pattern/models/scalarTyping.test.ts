import { PatternValidationError } from '../patternDirectory';
import { parseE2E } from './e2e';
import { parseKatalog } from './katalog';
import { parseKomposer } from './komposer';
import { parseMotif } from './motif';
import { parseSimulate } from './simulate';

/*
 * `ork` reads these files with gopkg.in/yaml.v3 into Go structs: a scalar
 * decoded into a `string` (or `[]string`) field keeps its text as written
 * (`1.0` stays `1.0`), while `bool` and `int` fields keep their typed reading.
 * Merge keys (`<<`) are resolved.
 */

const katalog = (metadata: string, rest = '') =>
  `kind: Katalog\nmetadata:\n${metadata}\n${rest}`;

describe('YAML scalars read as ork (yaml.v3) reads them', () => {
  it.each([
    ['1.0', '1.0'],
    ['1.10', '1.10'],
    ['010', '010'],
    ['0x1F', '0x1F'],
    ['1e3', '1e3'],
    ['.5', '.5'],
    ['+1', '+1'],
    ['true', 'true'],
    ['"1.0"', '1.0'],
    ["'010'", '010'],
    ['2026-01-01', '2026-01-01'],
    ['v1.0.0', 'v1.0.0'],
  ])('metadata.version: %s reads as %j', (written, expected) => {
    expect(
      parseKatalog(katalog(`  name: pg\n  version: ${written}`)).metadata
        .version,
    ).toBe(expected);
    expect(
      parseMotif(`kind: Motif\nmetadata: { name: m, version: ${written} }\n`)
        .metadata.version,
    ).toBe(expected);
  });

  it('reads a null version as not set (latest), as Go reads null into a string as ""', () => {
    for (const written of ['~', 'null', 'Null', '']) {
      expect(
        parseKatalog(katalog(`  name: pg\n  version: ${written}`)).metadata
          .version,
      ).toBe('latest');
    }
  });

  it('reads tags items as their text: [web, 2] is ["web", "2"]', () => {
    expect(
      parseKatalog(katalog('  name: pg\n  tags: [web, 2, 1.0, true, "x"]'))
        .metadata.tags,
    ).toEqual(['web', '2', '1.0', 'true', 'x']);
  });

  it('drops null items of a []string, as yaml.v3 does', () => {
    expect(
      parseKatalog(katalog('  name: pg\n  tags: [web, ~, "", null]')).metadata
        .tags,
    ).toEqual(['web', '']);
  });

  it('reads description: true as "true", and every other string field by its text', () => {
    const k = parseKatalog(
      katalog(
        '  name: 007\n  description: true\n  author: 1.50\n  license: 0o17',
        [
          'lifecycle:',
          '  maturity: 1.0',
          '  compatibility: { kubernetes: 1.28, orkestra: 0.7 }',
          '  deprecation:',
          '    migratedTo: 2.0',
          '    message: false',
          '    timeline: { from: 2026-01-01, to: 20261231 }',
          'spec:',
          '  crds:',
          '    1.0:',
          '      description: 1.0',
          '      crdFile: 010',
          '      apiTypes: { group: g, version: 1.0, kind: 1e3, plural: ~ }',
          '      imports:',
          '        - motif: m',
          '          version: 1.10',
          '          with: { replicas: 03, ratio: 1.50, on: yes, off: ~ }',
        ].join('\n'),
      ),
    );
    expect(k.metadata).toEqual({
      name: '007',
      version: 'latest',
      description: 'true',
      author: '1.50',
      license: '0o17',
      tags: [],
    });
    expect(k.lifecycle).toEqual({
      maturity: '1.0',
      compatibility: { kubernetes: '1.28', orkestra: '0.7' },
      deprecation: {
        migratedTo: '2.0',
        message: 'false',
        timelineFrom: '2026-01-01',
        timelineTo: '20261231',
      },
    });
    expect(k.crds).toEqual([
      {
        name: '1.0',
        description: '1.0',
        crdFile: '010',
        apiTypes: { group: 'g', version: '1.0', kind: '1e3' },
        motifImports: [
          {
            motif: 'm',
            version: '1.10',
            with: { replicas: '03', ratio: '1.50', on: 'yes', off: '' },
          },
        ],
        hasConversion: false,
        hasNormalize: false,
      },
    ]);
  });

  it('keeps the decoded value of quoted and block scalars, like yaml.v3', () => {
    const k = parseKatalog(
      [
        'kind: Katalog',
        'metadata:',
        '  name: "pg\\u0021"',
        "  version: '1.0'",
        '  description: |',
        '    line one',
        '    line two',
        '  author: >-',
        '    folded',
        '    text',
        '  license: plain',
        '    continued',
      ].join('\n'),
    );
    expect(k.metadata).toEqual({
      name: 'pg!',
      version: '1.0',
      description: 'line one\nline two\n',
      author: 'folded text',
      license: 'plain continued',
      tags: [],
    });
  });

  it('keeps bool and int fields typed', () => {
    const k = parseKatalog(
      katalog(
        '  name: k',
        [
          'publish:',
          '  signing: { verify: true }',
          '  tests: { e2e: false, simulate: True, intent: FALSE }',
          'spec:',
          '  imports: [{ motif: m, oci: true }]',
          '  crds: { w: { enabled: false } }',
        ].join('\n'),
      ),
    );
    expect(k.publish).toEqual({
      signing: { verify: true, expectedIdentities: [] },
      tests: { e2e: false, simulate: true, intent: false },
    });
    expect(k.profileImports[0].oci).toBe(true);
    expect(k.crds[0].enabled).toBe(false);
    expect(
      parseMotif(
        'kind: Motif\nmetadata: { name: m }\ninputs: [{ name: a, required: true, default: 8080 }]\n',
      ).inputs,
    ).toEqual([{ name: 'a', required: true, default: '8080' }]);
    const s = parseSimulate(
      'kind: Simulate\nmetadata: { name: 1.0 }\nspec: { cycles: 5, expect: { steadyAt: 3, noErrors: true } }\n',
    );
    expect(s).toMatchObject({ name: '1.0', cycles: 5, assertions: 2 });
    expect(() =>
      parseKatalog(
        katalog('  name: k', 'spec: { imports: [{ motif: m, oci: "true" }] }'),
      ),
    ).toThrow(
      new PatternValidationError(
        'katalog.yaml: spec.imports[0].oci must be a boolean',
      ),
    );
  });

  it('still refuses a mapping or a list where ork wants a string', () => {
    expect(() =>
      parseKatalog(katalog('  name: k\n  version: { major: 1 }')),
    ).toThrow(
      new PatternValidationError(
        'katalog.yaml: metadata.version must be a string',
      ),
    );
    expect(() => parseKatalog(katalog('  name: k\n  tags: web'))).toThrow(
      new PatternValidationError('katalog.yaml: metadata.tags must be a list'),
    );
    expect(() =>
      parseKatalog(katalog('  name: k\n  tags: [web, [2]]')),
    ).toThrow(
      new PatternValidationError(
        'katalog.yaml: metadata.tags[1] must be a string',
      ),
    );
  });

  it('reads kind by its text', () => {
    expect(() => parseKatalog('kind: 1.0\nmetadata: { name: k }\n')).toThrow(
      new PatternValidationError(
        'katalog.yaml: kind must be Katalog (found "1.0")',
      ),
    );
    expect(parseKatalog("kind: 'Katalog'\nmetadata: { name: k }\n").kind).toBe(
      'Katalog',
    );
  });
});

describe('YAML merge keys, resolved as yaml.v3 resolves them', () => {
  it('resolves <<: *base in metadata', () => {
    const k = parseKatalog(
      [
        'x-defaults: &base',
        '  author: myorg',
        '  license: Apache-2.0',
        '  version: 1.0',
        '  tags: [web, 2]',
        'kind: Katalog',
        'metadata:',
        '  <<: *base',
        '  name: webapp',
        '  license: MIT',
      ].join('\n'),
    );
    expect(k.metadata).toEqual({
      name: 'webapp',
      version: '1.0',
      author: 'myorg',
      license: 'MIT',
      tags: ['web', '2'],
    });
  });

  it('resolves a list of merge sources: explicit keys win, then earlier sources', () => {
    const k = parseKatalog(
      [
        'a: &a { author: from-a, version: 1.0 }',
        'b: &b { author: from-b, license: from-b, description: from-b }',
        'kind: Katalog',
        'metadata:',
        '  description: explicit',
        '  <<: [*a, *b]',
        '  name: webapp',
      ].join('\n'),
    );
    expect(k.metadata).toEqual({
      name: 'webapp',
      version: '1.0',
      description: 'explicit',
      author: 'from-a',
      license: 'from-b',
      tags: [],
    });
  });

  it('resolves an inline merge mapping, nested merges, and an explicit null over a merged value', () => {
    const k = parseKatalog(
      [
        'inner: &inner { license: from-inner, author: from-inner }',
        'outer: &outer { <<: *inner, author: from-outer, name: from-outer }',
        'kind: Katalog',
        'metadata:',
        '  <<: [*outer, { description: inline, name: inline, version: 2 }]',
        '  description: ~',
        'spec:',
        '  crds:',
        '    w:',
        '      <<: { crdFile: ./crd.yaml, enabled: false }',
      ].join('\n'),
    );
    expect(k.metadata).toEqual({
      name: 'from-outer',
      version: '2',
      author: 'from-outer',
      license: 'from-inner',
      tags: [],
    });
    expect(k.crds).toEqual([
      {
        name: 'w',
        crdFile: './crd.yaml',
        enabled: false,
        motifImports: [],
        hasConversion: false,
        hasNormalize: false,
      },
    ]);
  });

  it('resolves merge keys in a motif, a komposer, e2e and simulate files', () => {
    const base = 'x: &m { version: 1.10, author: me }\n';
    expect(
      parseMotif(`${base}kind: Motif\nmetadata: { <<: *m, name: m }\n`)
        .metadata,
    ).toEqual({ name: 'm', version: '1.10', author: 'me', tags: [] });
    const komposer = parseKomposer(
      [
        base,
        'r: &r { oci: true, useKomposer: true }',
        'kind: Komposer',
        'metadata: { <<: *m, name: k }',
        'imports:',
        '  registry:',
        '    - { <<: *r, url: ghcr.io/x/pg, version: 1.0 }',
      ].join('\n'),
    );
    expect(komposer.metadata.version).toBe('1.10');
    expect(komposer.registryImports).toEqual([
      { url: 'ghcr.io/x/pg', version: '1.0', oci: true, useKomposer: true },
    ]);
    expect(
      parseE2E(
        'd: &d { timeout: 60 }\nkind: E2E\nspec: { expect: [{ <<: *d, name: x }] }\n',
      ).expectations,
    ).toEqual([{ name: 'x', timeout: '60', assertions: 0 }]);
    expect(
      parseSimulate(
        'e: &e { steady: true, steadyAt: 2 }\nkind: Simulate\nspec: { expect: { <<: *e } }\n',
      ).assertions,
    ).toBe(2);
  });

  it('refuses a merge of something that is not a mapping, as yaml.v3 does', () => {
    for (const value of ['*s', '[*s]', 'x', '[1, 2]']) {
      expect(() =>
        parseKatalog(
          `s: &s scalar\nkind: Katalog\nmetadata: { name: k, <<: ${value} }\n`,
        ),
      ).toThrow(
        new PatternValidationError(
          'katalog.yaml could not be read: map merge requires map or sequence of maps as the value',
        ),
      );
    }
  });

  it('treats a quoted "<<" as an ordinary key', () => {
    expect(
      parseKatalog(
        'kind: Katalog\nmetadata: { name: k, "<<": { author: a } }\n',
      ).metadata.author,
    ).toBeUndefined();
  });
});
