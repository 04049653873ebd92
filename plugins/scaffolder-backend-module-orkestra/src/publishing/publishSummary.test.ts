import { PolicyResult } from '@orkspace/backstage-plugin-orkestra-common';
import { publishSummary } from './publishSummary';

const REFERENCE = 'oci.orkestra.example/orkestra/katalogs/x:v1.0.0';
const pass: PolicyResult = { status: 'pass', reasons: [] };
const warn: PolicyResult = {
  status: 'warn',
  reasons: [
    {
      rule: 'deprecation',
      status: 'warn',
      message: 'Deprecated since 2026-01-01',
    },
  ],
};
const fail: PolicyResult = {
  status: 'fail',
  reasons: [
    {
      rule: 'min-maturity',
      status: 'fail',
      message: 'Maturity alpha is below the required minimum beta',
    },
    {
      rule: 'deprecation',
      status: 'warn',
      message: 'Deprecated since 2026-01-01',
    },
  ],
};

describe('publishSummary', () => {
  it.each([
    [
      'Published',
      [],
      pass,
      `${REFERENCE} was published. It passes the portal policy.`,
    ],
    [
      'Published with policy warnings',
      [],
      warn,
      `${REFERENCE} was published. It passes the portal policy with warnings: Deprecated since 2026-01-01.`,
    ],
    [
      'Published, failing the portal policy',
      [],
      fail,
      `${REFERENCE} was published. It fails the portal policy: Maturity alpha is below the required minimum beta; Deprecated since 2026-01-01.`,
    ],
    [
      'Published with forced gates',
      ['simulate', 'e2e'],
      pass,
      `${REFERENCE} was published with the simulate and e2e gates forced: recorded as skipped, not passed, like ork push --force. It passes the portal policy.`,
    ],
    [
      'Published with forced gates and policy warnings',
      ['e2e'],
      warn,
      `${REFERENCE} was published with the e2e gate forced: recorded as skipped, not passed, like ork push --force. It passes the portal policy with warnings: Deprecated since 2026-01-01.`,
    ],
  ] as const)(
    '"%s" when %j gates were skipped',
    (headline, skippedGates, policy, summary) => {
      expect(
        publishSummary({
          reference: REFERENCE,
          skippedGates: [...skippedGates],
          policy,
        }),
      ).toEqual({ headline, summary });
    },
  );
});
