import {
  decodePatternAnnotations,
  deprecationState,
} from '@orkspace/backstage-plugin-orkestra-common';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  OciLayoutStore,
  readPatternIndex,
  unpackPattern,
} from '@orkspace/backstage-plugin-orkestra-node';
import {
  EXAMPLE_REGISTRY_DIR,
  publishExamplePatterns,
  readPublishPlan,
} from './examplePatterns';
import { TEST_TODAY } from './testClock';

const run = promisify(execFile);

describe('example patterns', () => {
  let root: string;
  let store: OciLayoutStore;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'orkestra-examples-'));
    store = await OciLayoutStore.open(join(root, 'registry'), { create: true });
    await publishExamplePatterns(store);
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('rebuild to exactly the committed examples/registry (run `yarn examples:build` after editing them)', async () => {
    await expect(
      run('diff', ['-r', '-q', join(root, 'registry'), EXAMPLE_REGISTRY_DIR]),
    ).resolves.toBeDefined();
  });

  it('cover what the demo and later tests need', async () => {
    const plan = await readPublishPlan();
    const repositories = (await store.listRepositories()).filter(
      r => !r.endsWith('/index'),
    );
    const motifs = repositories.filter(r => r.includes('/motifs/'));
    const katalogs = repositories.filter(r => r.includes('/katalogs/'));
    expect(motifs.length).toBeGreaterThanOrEqual(3);
    expect(katalogs.length).toBeGreaterThanOrEqual(4);

    const states = new Set<string>();
    let versions = 0;
    for (const repository of repositories) {
      for (const tag of await store.listTags(repository)) {
        versions++;
        const { signals, files } = unpackPattern(
          await store.fetchManifest(repository, tag),
        );
        const s = decodePatternAnnotations(
          (await store.fetchManifest(repository, tag)).manifest
            .annotations as Record<string, string>,
        );
        expect(s).toEqual(signals);
        if (signals.kind === 'Katalog') {
          states.add(`simulate:${signals.simulate.state}`);
          states.add(`e2e:${signals.e2e.state}`);
        }
        if (signals.deprecation)
          states.add(
            deprecationState(signals.deprecation, new Date(TEST_TODAY)).state,
          );
        if (files.some(f => f.name === 'komposer.yaml')) states.add('komposer');
      }
    }
    expect(versions).toBeGreaterThanOrEqual(15);
    expect([...states].sort()).toEqual(
      expect.arrayContaining([
        'deprecated',
        'e2e:absent',
        'e2e:passed',
        'e2e:skipped',
        'end-of-life',
        'komposer',
        'simulate:no-assertion',
        'simulate:passed',
        'simulate:skipped',
      ]),
    );
    expect(plan.pushes.some(p => p.force)).toBe(true);

    const katalogIndex = await readPatternIndex(store, 'orkestra/katalogs');
    const motifIndex = await readPatternIndex(store, 'orkestra/motifs');
    expect(katalogIndex?.index.entries.length).toBe(katalogs.length);
    expect(motifIndex?.index.entries.length).toBe(motifs.length);
  });

  // The tests run on TEST_TODAY; the demo and the browser tests on the real
  // day. Both must see the same phases, and no phase may flip within a year
  // of today: this fails a year ahead, not on the day the demo would change.
  it('keep their deprecation phases from TEST_TODAY until a year from today', async () => {
    const today = new Date();
    const inAYear = new Date(today.getTime() + 365 * 86_400_000);
    const flips: string[] = [];
    const repositories = (await store.listRepositories()).filter(
      r => !r.endsWith('/index'),
    );
    for (const repository of repositories) {
      for (const tag of await store.listTags(repository)) {
        const { signals } = unpackPattern(
          await store.fetchManifest(repository, tag),
        );
        if (!signals.deprecation) continue;
        const [tested, now, later] = [new Date(TEST_TODAY), today, inAYear].map(
          day => deprecationState(signals.deprecation, day).state,
        );
        if (tested !== now || now !== later)
          flips.push(
            `${repository}:${tag} is ${tested} on ${TEST_TODAY}, ${now} today and ${later} in a year`,
          );
      }
    }
    expect(flips).toEqual([]);
  });
});
