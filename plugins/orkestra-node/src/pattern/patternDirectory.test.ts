import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  checkTagMatchesVersion,
  MAX_PRIMARY_FILE_BYTES,
  PatternValidationError,
  readPatternDirectory,
} from './patternDirectory';

describe('readPatternDirectory', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'orkestra-pattern-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const write = (name: string, content: string) =>
    writeFile(join(dir, name), content);

  it('reads a katalog and lists allow-listed files in ork layer order', async () => {
    await write(
      'katalog.yaml',
      [
        'apiVersion: orkestra.orkspace.io/v1',
        'kind: Katalog',
        'metadata:',
        '  name: webapp-operator',
        '  version: v1.1.0',
        '  author: myorg',
        '  license: Apache-2.0',
        '  tags: [web, deployment]',
        'lifecycle:',
        '  deprecation:',
        '    migratedTo: ghcr.io/myorg/katalogs/webapp:v2.0.0',
        '    message: Use v2',
        '    timeline: { from: "2025-01-01", to: "2026-06-01" }',
      ].join('\n'),
    );
    await write('simulate.yaml', 'kind: Simulate\n');
    await write('crd.yaml', 'kind: CustomResourceDefinition\n');
    await write('notes.txt', 'ignored by ork\n');
    await mkdir(join(dir, 'manifests'));

    const pattern = await readPatternDirectory(dir);
    expect(pattern.meta).toEqual({
      kind: 'Katalog',
      name: 'webapp-operator',
      version: 'v1.1.0',
      description: 'Pattern webapp-operator',
      author: 'myorg',
      license: 'Apache-2.0',
      tags: ['web', 'deployment'],
      deprecation: {
        migratedTo: 'ghcr.io/myorg/katalogs/webapp:v2.0.0',
        message: 'Use v2',
        timelineFrom: '2025-01-01',
        timelineTo: '2026-06-01',
      },
    });
    expect(pattern.files.map(f => f.name)).toEqual([
      'katalog.yaml',
      'crd.yaml',
      'simulate.yaml',
    ]);
  });

  it('reads a motif with ork defaults for version and description', async () => {
    await write('motif.yaml', 'kind: Motif\nmetadata:\n  name: web-service\n');
    await write('README.md', '# web-service\n');
    const pattern = await readPatternDirectory(dir);
    expect(pattern.meta).toEqual({
      kind: 'Motif',
      name: 'web-service',
      version: 'latest',
      description: 'Motif web-service',
      tags: null, // no tags key: a nil slice in ork, "tags":null in the index
    });
    expect(pattern.files.map(f => f.name)).toEqual(['motif.yaml', 'README.md']);
  });

  it.each([
    [{}, /no katalog\.yaml or motif\.yaml/],
    [
      { 'katalog.yaml': 'kind: Motif\nmetadata: {name: x}\n' },
      /katalog\.yaml has kind "Motif"/,
    ],
    [{ 'katalog.yaml': 'kind: Katalog\n' }, /metadata is required/],
    [
      { 'katalog.yaml': 'kind: Katalog\nmetadata: {version: v1}\n' },
      /metadata\.name is required/,
    ],
    [
      { 'katalog.yaml': 'kind: Katalog\nmetadata:\n  name: [oops\n' },
      /not valid YAML/,
    ],
    [{ 'katalog.yaml': '- a\n- b\n' }, /must be a YAML mapping/],
    [
      { 'motif.yaml': 'kind: Motif\nmetadata: {name: m, tags: web}\n' },
      /tags must be a list/,
    ],
  ])('refuses a bad directory %#', async (files, message) => {
    for (const [name, content] of Object.entries(files))
      await write(name, content as string);
    const failure = readPatternDirectory(dir);
    await expect(failure).rejects.toBeInstanceOf(PatternValidationError);
    await expect(failure).rejects.toThrow(message);
  });

  it('refuses a huge primary file before parsing it', async () => {
    await write(
      'katalog.yaml',
      `kind: Katalog\n#${'x'.repeat(MAX_PRIMARY_FILE_BYTES)}\n`,
    );
    await expect(readPatternDirectory(dir)).rejects.toThrow(/the limit is/);
  });
});

describe('checkTagMatchesVersion', () => {
  const meta = {
    kind: 'Katalog' as const,
    name: 'a',
    version: 'v1.0.0',
    description: '',
    tags: [],
  };
  it('accepts the matching tag and explains a mismatch', () => {
    expect(checkTagMatchesVersion(meta, 'v1.0.0')).toBeUndefined();
    expect(checkTagMatchesVersion(meta, 'v1.0.1')).toBe(
      'tag "v1.0.1" does not match metadata.version "v1.0.0" in the katalog.yaml',
    );
  });
});
