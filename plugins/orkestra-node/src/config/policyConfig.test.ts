import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import { readPolicyConfig } from './policyConfig';

const read = (policy?: JsonObject) =>
  readPolicyConfig(new ConfigReader(policy ? { orkestra: { policy } } : {}));

describe('readPolicyConfig', () => {
  it('reads no rules and no forced publish when there is no policy', () => {
    expect(read()).toEqual({ policy: {}, allowForcedPublish: false });
  });

  it('reads every setting given', () => {
    expect(
      read({
        allowedRegistries: ['oci.orkestra.example'],
        minMaturity: 'beta',
        requiredGates: ['simulate', 'e2e'],
        deprecation: 'warn',
        allowForcedPublish: true,
      }),
    ).toEqual({
      policy: {
        allowedRegistries: ['oci.orkestra.example'],
        minMaturity: 'beta',
        requiredGates: ['simulate', 'e2e'],
        deprecation: 'warn',
      },
      allowForcedPublish: true,
    });
  });

  it.each([
    [{ minMaturity: 'gold' }, /minMaturity must be alpha, beta or stable/],
    [{ requiredGates: ['lint'] }, /requiredGates may list simulate and e2e/],
    [{ deprecation: 'ignore' }, /deprecation must be warn or warn-then-fail/],
    [{ allowForcedPublish: 'maybe' }, /allowForcedPublish/],
  ])('refuses %j', (policy, message) => {
    expect(() => read(policy)).toThrow(message);
  });
});
