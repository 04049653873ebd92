import { ConfigReader } from '@backstage/config';
import { readPublishConfig } from './publishConfig';

describe('readPublishConfig', () => {
  it('reads the runtime version of the gates', () => {
    expect(
      readPublishConfig(
        new ConfigReader({ orkestra: { gates: { runtimeVersion: 'v0.7.6' } } }),
      ),
    ).toEqual({ runtimeVersion: 'v0.7.6' });
  });

  it('leaves an absent runtime version out', () => {
    expect(readPublishConfig(new ConfigReader({}))).toEqual({});
  });
});
