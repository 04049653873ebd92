import { startTestRegistry, TestRegistry } from '@orkspace/orkestra-test-utils';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RegistryClient } from '../../oci/remote/RegistryClient';
import { packPattern } from '../codec/packPattern';
import { publishPattern } from '../codec/publishPattern';
import { unpackPattern } from '../codec/unpackPattern';
import { parseKatalog } from '../models/katalog';
import { parseKomposer } from '../models/komposer';
import { readPatternDirectory } from '../patternDirectory';
import { patternImports } from './patternImports';

const KATALOG = [
  'kind: Katalog',
  'metadata: { name: importer, version: v1.0.0 }',
  'spec:',
  '  imports:',
  '    - motif: oci://oci.example/motifs/profile@v1.0.0',
  '  crds:',
  '    app:',
  '      imports:',
  '        - motif: oci://oci.example/motifs/web',
  '          version: v1.1.0',
  '        - motif: ./motifs/local',
  "        - motif: 'bad ref'",
  '',
].join('\n');

const KOMPOSER = [
  'kind: Komposer',
  'metadata: { name: stack }',
  'imports:',
  '  registry:',
  '    - url: oci://oci.example/katalogs/queue:v2.0.0',
  '',
].join('\n');

describe('patternImports', () => {
  it('lists every import in declaration order, where it is and what it references', () => {
    const imports = patternImports({
      katalog: parseKatalog(KATALOG),
      komposer: parseKomposer(KOMPOSER),
    });
    expect(
      imports.map(i => [i.type, i.file, i.list, i.index, i.path, i.crd]),
    ).toEqual([
      [
        'motif',
        'katalog.yaml',
        'spec.crds.app.imports',
        0,
        ['spec', 'crds', 'app', 'imports', 0],
        'app',
      ],
      [
        'motif',
        'katalog.yaml',
        'spec.crds.app.imports',
        1,
        ['spec', 'crds', 'app', 'imports', 1],
        'app',
      ],
      [
        'motif',
        'katalog.yaml',
        'spec.crds.app.imports',
        2,
        ['spec', 'crds', 'app', 'imports', 2],
        'app',
      ],
      [
        'profile',
        'katalog.yaml',
        'spec.imports',
        0,
        ['spec', 'imports', 0],
        null,
      ],
      [
        'registry',
        'komposer.yaml',
        'imports.registry',
        0,
        ['imports', 'registry', 0],
        null,
      ],
    ]);
    const [web, local, bad, profile, queue] = imports;
    expect(web).toMatchObject({
      kind: 'Motif',
      url: 'oci://oci.example/motifs/web',
      version: 'v1.1.0',
      reference: {
        type: 'oci',
        reference: {
          registry: 'oci.example',
          repository: 'motifs/web',
          tag: 'v1.1.0',
        },
      },
    });
    expect(local.reference).toEqual({ type: 'file', path: './motifs/local' });
    expect(bad.reference).toBeUndefined();
    expect(bad.problem).toEqual(expect.any(String));
    expect(profile.reference).toMatchObject({
      type: 'oci',
      reference: { repository: 'motifs/profile', tag: 'v1.0.0' },
    });
    expect(queue).toMatchObject({
      kind: 'Katalog',
      reference: {
        type: 'oci',
        reference: { repository: 'katalogs/queue', tag: 'v2.0.0' },
      },
    });
  });

  it('finds none without models', () => {
    expect(patternImports({})).toEqual([]);
  });

  describe('of a pattern read back from a real docker-registry', () => {
    let registry: TestRegistry;
    let dir: string;
    beforeAll(async () => {
      registry = await startTestRegistry();
      dir = await mkdtemp(join(tmpdir(), 'orkestra-imports-'));
    });
    afterAll(async () => {
      await registry?.stop();
      await rm(dir, { recursive: true, force: true });
    });

    it('reads the same imports from the pushed layers as from the folder', async () => {
      await writeFile(join(dir, 'katalog.yaml'), KATALOG);
      await writeFile(join(dir, 'komposer.yaml'), KOMPOSER);
      const client = new RegistryClient({
        registry: registry.host,
        plainHttp: true,
      });
      const repository = 'orkestra/katalogs/importer';
      const packed = await packPattern(await readPatternDirectory(dir), {
        created: new Date('2026-06-14T10:00:00Z'),
      });
      await publishPattern(client, { repository, tag: 'v1.0.0' }, packed);

      const version = unpackPattern(
        await client.fetchManifest(repository, 'v1.0.0'),
        `${registry.host}/${repository}:v1.0.0`,
      );
      const layer = async (name: string) =>
        new TextDecoder().decode(
          await client.fetchBlob(
            repository,
            version.files.find(f => f.name === name)!,
          ),
        );
      expect(
        patternImports({
          katalog: parseKatalog(await layer('katalog.yaml')),
          komposer: parseKomposer(await layer('komposer.yaml')),
        }),
      ).toEqual(
        patternImports({
          katalog: parseKatalog(KATALOG),
          komposer: parseKomposer(KOMPOSER),
        }),
      );
    });
  });
});
