import { ConfigReader } from '@backstage/config';
import { readOrkestraConfig } from '../../config/orkestraConfig';
import { PatternStore } from '../../store/PatternStore';
import { refreshPolicies } from './refreshPolicies';

const { policy } = readOrkestraConfig(
  new ConfigReader({
    orkestra: { policy: { allowedRegistries: ['ghcr.io'] } },
  }),
);
const pattern = {
  id: 1,
  registry: 'ghcr.io',
  repository: 'acme/a',
  kind: 'Motif',
  latestVersionId: 10,
};

function storeWith(policyJson: Map<number, string | null>) {
  const version = (id: number) => ({
    id,
    patternId: 1,
    signals: {},
    maturity: 'stable',
    policy: JSON.parse(policyJson.get(id) ?? 'null'),
  });
  return {
    listVersionsOfPatterns: jest.fn(async () => [version(10), version(11)]),
    listImports: jest.fn(async () => [
      { versionId: 10, registry: 'evil.io', repository: 'x/y', tag: 'v1' },
      { versionId: 11, registry: null, repository: null, tag: null },
    ]),
    updatePolicy: jest.fn(async (id: number, result: unknown) => {
      policyJson.set(id, JSON.stringify(result));
      return true;
    }),
  };
}

type PolicyPattern = Parameters<typeof refreshPolicies>[1]['patterns'][number];

describe('refreshPolicies', () => {
  it('writes only the results that differ; reports a repository whose latest version changed', async () => {
    const stored = new Map<number, string | null>();
    const store = storeWith(stored);
    const run = () =>
      refreshPolicies(store as unknown as PatternStore, {
        patterns: [pattern as unknown as PolicyPattern],
        policy,
        now: new Date('2026-01-01T00:00:00Z'),
      });
    await expect(run()).resolves.toEqual(['acme/a']);
    expect(store.updatePolicy).toHaveBeenCalledTimes(2);
    // The registry import of version 10 is checked against the allow-list; the git import of 11 is not.
    expect(stored.get(10)).not.toEqual(stored.get(11));

    store.updatePolicy.mockClear();
    await expect(run()).resolves.toEqual([]);
    expect(store.updatePolicy).not.toHaveBeenCalled();
  });
});
