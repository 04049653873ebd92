import {
  OciStore,
  PatternFileEntry,
} from '@orkspace/backstage-plugin-orkestra-node';
import { PatternStore } from '../../store/PatternStore';
import { readYaml } from './readYaml';

const file = {
  name: 'crd.yaml',
  mediaType: 'application/yaml',
  digest: 'sha256:f',
  size: 3,
} as unknown as PatternFileEntry;

function fakes(cached: string | undefined, bytes: string) {
  const store = {
    getBlob: jest.fn(async () => cached),
    putBlob: jest.fn(async () => {}),
  };
  const oci = {
    fetchBlob: jest.fn(async () => new TextEncoder().encode(bytes)),
  };
  const read = () =>
    readYaml({
      store: store as unknown as PatternStore,
      oci: oci as unknown as OciStore,
      repository: 'acme/x',
      file,
      maxBytes: 10,
      now: 'now',
    });
  return { store, oci, read };
}

describe('readYaml', () => {
  it('reads a cached blob from the store, without a request', async () => {
    const { oci, read } = fakes('a: 1', 'unused');
    await expect(read()).resolves.toEqual({ text: 'a: 1', reused: true });
    expect(oci.fetchBlob).not.toHaveBeenCalled();
  });

  it('fetches an uncached blob within the limit and caches it', async () => {
    const { store, oci, read } = fakes(undefined, 'b: 2');
    await expect(read()).resolves.toEqual({ text: 'b: 2', reused: false });
    expect(oci.fetchBlob).toHaveBeenCalledWith('acme/x', file, {
      maxBytes: 10,
    });
    expect(store.putBlob).toHaveBeenCalledWith('sha256:f', 'b: 2', 'now');
  });

  it('does not cache a text with a NUL (never YAML, not storable)', async () => {
    const { store, read } = fakes(undefined, 'a\u0000b');
    await expect(read()).resolves.toMatchObject({ reused: false });
    expect(store.putBlob).not.toHaveBeenCalled();
  });
});
