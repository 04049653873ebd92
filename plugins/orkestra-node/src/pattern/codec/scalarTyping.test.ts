import { parseReference } from '@orkspace/backstage-plugin-orkestra-common';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { RegistryClient } from '../../oci/remote/RegistryClient';
import { startTestRegistry, TestRegistry } from '@orkspace/orkestra-test-utils';
import {
  checkTagMatchesVersion,
  PatternDirectory,
  readPatternDirectory,
} from '../patternDirectory';
import { packPattern } from './packPattern';
import { encodePatternIndex, indexEntryFor } from './patternIndex';
import { publishPattern } from './publishPattern';

const run = promisify(execFile);
const created = new Date('2026-06-14T10:00:00Z');

/*
 * Golden tests for issue 14 item 5: `ork` reads the primary file's metadata
 * with yaml.v3 into Go strings, so every annotation and index field keeps the
 * scalar's text (`version: 1.0` is `1.0`, not `1`), and merge keys resolve.
 */

const dirs: string[] = [];
afterAll(() =>
  Promise.all(dirs.map(d => rm(d, { recursive: true, force: true }))),
);

async function patternDir(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'orkestra-scalars-'));
  dirs.push(dir);
  for (const [name, content] of Object.entries(files))
    await writeFile(join(dir, name), content);
  return dir;
}

const katalogDir = (metadata: string[], before: string[] = []) =>
  patternDir({
    'katalog.yaml': [
      ...before,
      'kind: Katalog',
      'metadata:',
      ...metadata,
      '',
    ].join('\n'),
    'README.md': '# pg\n',
  });

async function pack(pattern: PatternDirectory) {
  const packed = await packPattern(pattern, { created });
  const { meta } = pattern;
  const entry = indexEntryFor({
    name: meta.name,
    version: meta.version,
    description: meta.description,
    tags: meta.tags,
    author: meta.author,
    kind: meta.kind,
    deprecated: meta.deprecation !== undefined,
  });
  const index = new TextDecoder().decode(
    encodePatternIndex({ updatedAt: '2026-06-14T10:00:00Z', entries: [entry] }),
  );
  return { packed, annotations: packed.manifest.annotations!, entry, index };
}

type Read = (dir: string) => Promise<PatternDirectory>;

/** Each golden, run below with both readers of a pattern directory. */
const goldens: Array<[string, (read: Read) => Promise<void>]> = [
  [
    'writes version: 1.0 as 1.0, and the tag check of pg:1.0 passes',
    async read => {
      const pattern = await read(
        await katalogDir(['  name: pg', '  version: 1.0']),
      );
      const { annotations, entry, index } = await pack(pattern);
      expect(annotations['org.opencontainers.image.version']).toBe('1.0');
      expect(annotations['io.orkestra.pattern.version']).toBe('1.0');
      expect(entry.latestVersion).toBe('1.0');
      expect(index).toContain('"latestVersion":"1.0"');
      const { tag } = parseReference('pg:1.0');
      expect(tag).toBe('1.0');
      expect(checkTagMatchesVersion(pattern.meta, tag!)).toBeUndefined();
    },
  ],
  ...['1.10', '010'].map((version): [string, (read: Read) => Promise<void>] => [
    `keeps version: ${version} as written`,
    async read => {
      const pattern = await read(
        await katalogDir(['  name: pg', `  version: ${version}`]),
      );
      const { annotations, entry } = await pack(pattern);
      expect(annotations['org.opencontainers.image.version']).toBe(version);
      expect(annotations['io.orkestra.pattern.version']).toBe(version);
      expect(entry.latestVersion).toBe(version);
      expect(checkTagMatchesVersion(pattern.meta, version)).toBeUndefined();
    },
  ]),
  [
    'writes tags: [web, 2] as the comma join web,2 and the index list ["web","2"]',
    async read => {
      const pattern = await read(
        await katalogDir(['  name: pg', '  tags: [web, 2]']),
      );
      const { annotations, entry, index } = await pack(pattern);
      expect(annotations['io.orkestra.pattern.tags']).toBe('web,2');
      expect(entry.tags).toEqual(['web', '2']);
      expect(index).toContain('"tags":["web","2"]');
    },
  ],
  [
    'writes description: true as "true"',
    async read => {
      const pattern = await read(
        await katalogDir(['  name: pg', '  description: true']),
      );
      const { annotations, entry, index } = await pack(pattern);
      expect(annotations['org.opencontainers.image.description']).toBe('true');
      expect(entry.description).toBe('true');
      expect(index).toContain('"description":"true"');
    },
  ],
  [
    'resolves a merge key <<: *base in metadata',
    async read => {
      const pattern = await read(
        await katalogDir(
          ['  <<: *base', '  name: pg', '  license: MIT'],
          [
            'x-base: &base',
            '  version: 1.0',
            '  author: myorg',
            '  license: Apache-2.0',
            '  description: Postgres',
            '  tags: [db, 2]',
          ],
        ),
      );
      const { annotations, entry } = await pack(pattern);
      expect(annotations).toMatchObject({
        'org.opencontainers.image.version': '1.0',
        'org.opencontainers.image.description': 'Postgres',
        'org.opencontainers.image.authors': 'myorg',
        'io.orkestra.pattern.author': 'myorg',
        'io.orkestra.pattern.license': 'MIT',
        'io.orkestra.pattern.tags': 'db,2',
        'io.orkestra.pattern.version': '1.0',
      });
      expect(entry).toMatchObject({
        latestVersion: '1.0',
        author: 'myorg',
        tags: ['db', '2'],
      });
    },
  ],
  [
    'reads a motif the same way',
    async read => {
      const pattern = await read(
        await patternDir({
          'motif.yaml':
            'kind: Motif\nmetadata: { name: web, version: 1.0, tags: [2], author: 1.50 }\n',
        }),
      );
      const { annotations } = await pack(pattern);
      expect(annotations).toMatchObject({
        'io.orkestra.pattern.version': '1.0',
        'io.orkestra.pattern.tags': '2',
        'io.orkestra.pattern.author': '1.50',
      });
    },
  ],
];

describe('metadata read by readPatternDirectory (through parsePatternMeta, as yaml.v3 reads it), in the annotations and index entry the codec writes', () => {
  it.each(goldens)('%s', async (_name, golden) => {
    expect.hasAssertions();
    await golden(readPatternDirectory);
  });
});

describe('a pattern with version: 1.0 published to a real registry', () => {
  const read = readPatternDirectory;
  let registry: TestRegistry;
  beforeAll(async () => {
    registry = await startTestRegistry();
  });
  afterAll(() => registry?.stop());

  it('carries 1.0 in the manifest skopeo reads back', async () => {
    const client = new RegistryClient({
      registry: registry.host,
      plainHttp: true,
    });
    const pattern = await read(
      await katalogDir(['  name: pg', '  version: 1.0', '  tags: [db, 2]']),
    );
    const { tag } = parseReference('pg:1.0');
    expect(checkTagMatchesVersion(pattern.meta, tag!)).toBeUndefined();
    const { packed } = await pack(pattern);
    await publishPattern(
      client,
      { repository: 'orkestra/katalogs/pg', tag: tag! },
      packed,
    );
    const { stdout } = await run('skopeo', [
      'inspect',
      '--raw',
      '--tls-verify=false',
      `docker://${registry.host}/orkestra/katalogs/pg:1.0`,
    ]);
    expect(stdout).toBe(Buffer.from(packed.manifestBytes).toString('utf8'));
    expect(stdout).toContain('"io.orkestra.pattern.version":"1.0"');
    expect(stdout).toContain('"org.opencontainers.image.version":"1.0"');
    expect(stdout).toContain('"io.orkestra.pattern.tags":"db,2"');
  });
});
