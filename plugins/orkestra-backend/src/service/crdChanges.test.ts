import { crdChanges } from './crdChanges';

const crd = (
  versions: Array<[string, string | undefined]>,
  kind = 'WebApp',
) => ({
  group: 'apps.example',
  kind,
  versions: versions.map(([name, schemaFingerprint]) => ({
    name,
    served: true,
    storage: false,
    schemaFingerprint,
  })),
});

describe('crdChanges', () => {
  it('reports schema changes, added and removed versions and CRDs', () => {
    expect(
      crdChanges(
        [
          crd([
            ['v1', 'sha256:a'],
            ['v1beta1', 'sha256:x'],
          ]),
          crd([['v1', 'sha256:q']], 'Old'),
        ],
        [
          crd([
            ['v1', 'sha256:b'],
            ['v2', 'sha256:c'],
          ]),
          crd([['v1', 'sha256:n']], 'New'),
        ],
      ),
    ).toEqual([
      {
        crd: 'WebApp.apps.example',
        change: 'schema-changed',
        apiVersion: 'v1',
      },
      { crd: 'WebApp.apps.example', change: 'version-added', apiVersion: 'v2' },
      {
        crd: 'WebApp.apps.example',
        change: 'version-removed',
        apiVersion: 'v1beta1',
      },
      { crd: 'New.apps.example', change: 'added' },
      { crd: 'Old.apps.example', change: 'removed' },
    ]);
  });

  it('reports nothing for identical CRDs', () => {
    expect(
      crdChanges([crd([['v1', 'sha256:a']])], [crd([['v1', 'sha256:a']])]),
    ).toEqual([]);
  });
});
