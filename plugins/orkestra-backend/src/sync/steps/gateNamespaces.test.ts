import { Descriptor, OciStore } from '@orkspace/backstage-plugin-orkestra-node';
import {
  checksToRecord,
  gateNamespaces,
  NamespaceGateInput,
} from './gateNamespaces';

const HOUR = 3_600_000;
const startedAt = new Date('2026-01-02T00:00:00Z');
const recent = new Date(startedAt.getTime() - HOUR).toISOString();

/** A store whose every index HEAD answers `digest`. */
function storeAnswering(digest: string) {
  return {
    resolve: jest.fn(
      async (): Promise<Descriptor> => ({
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        digest,
        size: 1,
      }),
    ),
  };
}

function input(over: Partial<NamespaceGateInput>): NamespaceGateInput {
  return {
    store: storeAnswering('sha256:same') as unknown as OciStore,
    repositories: ['acme/k/a', 'acme/k/b', 'acme/k/new'],
    known: new Set(['acme/k/a', 'acme/k/b']),
    checks: new Map([
      [
        'acme/k',
        {
          indexDigest: 'sha256:same',
          entries: { a: '{"a":1}', b: '{"b":1}' },
          checkedAt: recent,
        },
      ],
    ]),
    startedAt,
    fullCheckIntervalMs: 24 * HOUR,
    ...over,
  };
}

describe('gateNamespaces', () => {
  it('skips the known repositories of a namespace whose index did not change', async () => {
    const gate = await gateNamespaces(input({}));
    expect([...gate.skip].sort()).toEqual(['acme/k/a', 'acme/k/b']);
    expect(gate.record.size).toBe(0);
  });

  it('syncs only the repositories whose entry changed, from the index discovery read', async () => {
    const store = storeAnswering('sha256:unused');
    const gate = await gateNamespaces(
      input({
        store: store as unknown as OciStore,
        indexes: new Map([
          [
            'acme/k',
            {
              digest: 'sha256:new',
              entries: { a: '{"a":1}', b: '{"b":2}', new: '{}' },
            },
          ],
        ]),
      }),
    );
    expect([...gate.skip]).toEqual(['acme/k/a']);
    expect(store.resolve).not.toHaveBeenCalled();
    expect(gate.record.get('acme/k')).toEqual({
      indexDigest: 'sha256:new',
      entries: { a: '{"a":1}', b: '{"b":2}', new: '{}' },
      checkedAt: recent,
    });
  });

  it('checks in full when the interval passed, recording the check time', async () => {
    const gate = await gateNamespaces(input({ fullCheckIntervalMs: HOUR }));
    expect(gate.skip.size).toBe(0);
    expect(gate.record.get('acme/k')?.checkedAt).toBe(startedAt.toISOString());
  });

  it('records a namespace only when none of its repositories failed', () => {
    const check = { indexDigest: 'd', entries: {}, checkedAt: recent };
    const gate = {
      skip: new Set<string>(),
      record: new Map([
        ['acme/k', check],
        ['acme/m', check],
      ]),
    };
    const recorded = checksToRecord(gate, [
      { repository: 'acme/k/a', message: 'failed' },
      { message: 'not a repository' },
    ]);
    expect([...recorded.keys()]).toEqual(['acme/m']);
  });
});
