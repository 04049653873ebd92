import { evaluatePolicy, PolicyConfig, PolicyStatus } from '.';
import { Deprecation } from '../signals';
import { gate, signals, input, NOW } from './testing';

describe('evaluatePolicy', () => {
  describe('deprecation', () => {
    const deprecation: Deprecation = {
      migratedTo: 'ghcr.io/acme/katalogs/postgres:v2.0.0',
      message: 'Add spec.healthPath.',
      timelineFrom: '2026-01-01',
      timelineTo: '2026-06-01',
    };
    const deprecated = input({ signals: signals({ deprecation }) });

    it.each<[string, string, PolicyConfig, PolicyStatus, string]>([
      [
        'announced',
        '2025-12-31T23:59:59Z',
        {},
        'warn',
        'Deprecation announced: deprecated from 2026-01-01, end of life on 2026-06-01. Migrate to ghcr.io/acme/katalogs/postgres:v2.0.0. Note: Add spec.healthPath.',
      ],
      [
        'deprecated, first day',
        '2026-01-01T00:00:00Z',
        {},
        'warn',
        'Deprecated: end of life in 151 days (2026-06-01). Migrate to ghcr.io/acme/katalogs/postgres:v2.0.0. Note: Add spec.healthPath.',
      ],
      [
        'deprecated, last moment before end of life',
        '2026-05-31T23:59:59Z',
        {},
        'warn',
        'Deprecated: end of life in 1 day (2026-06-01). Migrate to ghcr.io/acme/katalogs/postgres:v2.0.0. Note: Add spec.healthPath.',
      ],
      [
        'end of life, default handling fails',
        '2026-06-01T00:00:00Z',
        {},
        'fail',
        'End of life since 2026-06-01. Migrate to ghcr.io/acme/katalogs/postgres:v2.0.0. Note: Add spec.healthPath.',
      ],
      [
        'end of life, warn-then-fail',
        '2026-06-01T00:00:00Z',
        { deprecation: 'warn-then-fail' },
        'fail',
        'End of life since 2026-06-01. Migrate to ghcr.io/acme/katalogs/postgres:v2.0.0. Note: Add spec.healthPath.',
      ],
      [
        'end of life, warn only',
        '2026-06-01T00:00:00Z',
        { deprecation: 'warn' },
        'warn',
        'End of life since 2026-06-01. Migrate to ghcr.io/acme/katalogs/postgres:v2.0.0. Note: Add spec.healthPath.',
      ],
      [
        'deprecated, warn-then-fail still only warns',
        '2026-05-31T00:00:00Z',
        { deprecation: 'warn-then-fail' },
        'warn',
        'Deprecated: end of life in 1 day (2026-06-01). Migrate to ghcr.io/acme/katalogs/postgres:v2.0.0. Note: Add spec.healthPath.',
      ],
    ])('%s', (_name, now, policy, status, message) => {
      expect(evaluatePolicy(deprecated, policy, new Date(now))).toEqual({
        status,
        reasons: [{ rule: 'deprecation', status, message }],
      });
    });

    it.each<[string, Deprecation, string]>([
      ['bare block', {}, 'Deprecated.'],
      [
        'only migratedTo',
        { migratedTo: 'ghcr.io/acme/k/x:v2' },
        'Deprecated. Migrate to ghcr.io/acme/k/x:v2.',
      ],
      [
        'only from, announced',
        { timelineFrom: '2026-04-01' },
        'Deprecation announced: deprecated from 2026-04-01.',
      ],
      [
        'malformed to',
        { timelineTo: 'soon', migratedTo: 'v2' },
        'Deprecated. Migrate to v2.',
      ],
    ])('message for %s', (_name, block, message) => {
      expect(
        evaluatePolicy(
          input({ signals: signals({ deprecation: block }) }),
          {},
          NOW,
        ),
      ).toEqual({
        status: 'warn',
        reasons: [{ rule: 'deprecation', status: 'warn', message }],
      });
    });
  });

  it('aggregates the worst status and lists reasons in rule order', () => {
    const result = evaluatePolicy(
      {
        reference: 'ghcr.io/acme-evil/k/x:1',
        maturity: 'alpha',
        imports: ['ghcr.io/elsewhere/m:1'],
        signals: signals({
          simulate: gate('no-assertion'),
          deprecation: { timelineTo: '2026-03-20' },
        }),
      },
      {
        allowedRegistries: ['ghcr.io/acme/'],
        minMaturity: 'beta',
        requiredGates: ['simulate', 'e2e'],
        deprecation: 'warn',
      },
      NOW,
    );
    expect(result).toEqual({
      status: 'fail',
      reasons: [
        {
          rule: 'allowed-registries',
          status: 'fail',
          message:
            'Reference ghcr.io/acme-evil/k/x:1 is not in an allowed registry (allowed: ghcr.io/acme/)',
        },
        {
          rule: 'imports',
          status: 'fail',
          message:
            'Import ghcr.io/elsewhere/m:1 is not in an allowed registry (allowed: ghcr.io/acme/)',
        },
        {
          rule: 'min-maturity',
          status: 'fail',
          message: 'Maturity alpha is below the required minimum beta',
        },
        {
          rule: 'required-gates',
          status: 'fail',
          message: 'Required gate simulate ran without assertions',
        },
        {
          rule: 'deprecation',
          status: 'warn',
          message: 'Deprecated: end of life in 10 days (2026-03-20).',
        },
      ],
    });
  });

  it('is warn when only warnings are found', () => {
    const result = evaluatePolicy(
      input({
        maturity: 'stable',
        signals: signals({ deprecation: { timelineTo: '2026-01-01' } }),
      }),
      {
        minMaturity: 'stable',
        requiredGates: ['simulate', 'e2e'],
        deprecation: 'warn',
      },
      NOW,
    );
    expect(result).toEqual({
      status: 'warn',
      reasons: [
        {
          rule: 'deprecation',
          status: 'warn',
          message: 'End of life since 2026-01-01.',
        },
      ],
    });
  });
});
