import { ConfigReader } from '@backstage/config';
import {
  OciStore,
  readSourceConfigs,
} from '@orkspace/backstage-plugin-orkestra-node';
import { OpenSources } from './OpenSources';

const [source] = readSourceConfigs(
  new ConfigReader({
    orkestra: {
      sources: [{ id: 'local', type: 'registry', target: 'ghcr.io/acme' }],
    },
  }),
);

describe('OpenSources', () => {
  it('opens each source once for every caller', async () => {
    const store = {} as OciStore;
    const factory = jest.fn(async () => store);
    const sources = new OpenSources({
      sources: [source],
      storeFactory: factory,
    });
    const [a, b] = await Promise.all([
      sources.storeFor('local'),
      sources.open('local'),
    ]);
    expect(a).toBe(store);
    expect(b).toEqual({ config: source, store });
    expect(factory).toHaveBeenCalledTimes(1);
    expect(factory).toHaveBeenCalledWith(source);
  });

  it('opens a source again after its opening failed', async () => {
    const store = {} as OciStore;
    const factory = jest
      .fn<Promise<OciStore>, []>()
      .mockRejectedValueOnce(new Error('no credentials yet'))
      .mockResolvedValue(store);
    const sources = new OpenSources({
      sources: [source],
      storeFactory: factory,
    });
    await expect(sources.storeFor('local')).rejects.toThrow(
      'no credentials yet',
    );
    await expect(sources.storeFor('local')).resolves.toBe(store);
    expect(factory).toHaveBeenCalledTimes(2);
  });

  it('refuses an unknown source before opening anything', () => {
    const factory = jest.fn();
    const sources = new OpenSources({
      sources: [source],
      storeFactory: factory,
    });
    expect(() => sources.config('other')).toThrow('unknown source other');
    expect(() => sources.open('other')).toThrow('unknown source other');
    expect(factory).not.toHaveBeenCalled();
    expect(sources.configs).toEqual([source]);
  });
});
