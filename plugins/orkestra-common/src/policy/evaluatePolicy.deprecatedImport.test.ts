import { evaluatePolicy, PolicyConfig, PolicyStatus } from '.';
import { Deprecation } from '../signals';
import { input, NOW, signals } from './testing';

describe('evaluatePolicy', () => {
  describe('deprecated-import', () => {
    const MOTIF = 'ghcr.io/acme/motifs/web:v1.0.0';
    const deprecation: Deprecation = {
      migratedTo: 'ghcr.io/acme/motifs/web:v2.0.0',
      message: 'not part of the finding',
      timelineFrom: '2026-01-01',
      timelineTo: '2026-06-01',
    };
    const importing = input({
      imports: [MOTIF],
      importedDeprecations: [{ reference: MOTIF, deprecation }],
    });

    it.each<[string, string, PolicyConfig, PolicyStatus, string]>([
      [
        'announced warns',
        '2025-12-31T23:59:59Z',
        {},
        'warn',
        `Import ${MOTIF} is announced deprecated from 2026-01-01, end of life on 2026-06-01. Migrate to ghcr.io/acme/motifs/web:v2.0.0.`,
      ],
      [
        'deprecated warns',
        '2026-03-01T00:00:00Z',
        {},
        'warn',
        `Import ${MOTIF} is deprecated, end of life on 2026-06-01. Migrate to ghcr.io/acme/motifs/web:v2.0.0.`,
      ],
      [
        'deprecated warns under warn-then-fail too',
        '2026-05-31T23:59:59Z',
        { deprecation: 'warn-then-fail' },
        'warn',
        `Import ${MOTIF} is deprecated, end of life on 2026-06-01. Migrate to ghcr.io/acme/motifs/web:v2.0.0.`,
      ],
      [
        'end of life fails by default',
        '2026-06-01T00:00:00Z',
        {},
        'fail',
        `Import ${MOTIF} is at end of life since 2026-06-01. Migrate to ghcr.io/acme/motifs/web:v2.0.0.`,
      ],
      [
        'end of life fails under warn-then-fail',
        '2026-06-01T00:00:00Z',
        { deprecation: 'warn-then-fail' },
        'fail',
        `Import ${MOTIF} is at end of life since 2026-06-01. Migrate to ghcr.io/acme/motifs/web:v2.0.0.`,
      ],
      [
        'end of life only warns under warn',
        '2026-07-01T00:00:00Z',
        { deprecation: 'warn' },
        'warn',
        `Import ${MOTIF} is at end of life since 2026-06-01. Migrate to ghcr.io/acme/motifs/web:v2.0.0.`,
      ],
    ])('%s', (_name, now, policy, status, message) => {
      expect(evaluatePolicy(importing, policy, new Date(now))).toEqual({
        status,
        reasons: [{ rule: 'deprecated-import', status, message }],
      });
    });

    it('names a deprecation without timeline or successor plainly, each import once', () => {
      const result = evaluatePolicy(
        input({
          importedDeprecations: [
            { reference: MOTIF, deprecation: {} },
            { reference: MOTIF, deprecation: {} },
            {
              reference: 'ghcr.io/acme/katalogs/db@sha256:abc',
              deprecation: { timelineTo: 'not a day' },
            },
          ],
        }),
        {},
        NOW,
      );
      expect(result.reasons).toEqual([
        {
          rule: 'deprecated-import',
          status: 'warn',
          message: `Import ${MOTIF} is deprecated.`,
        },
        {
          rule: 'deprecated-import',
          status: 'warn',
          message: 'Import ghcr.io/acme/katalogs/db@sha256:abc is deprecated.',
        },
      ]);
    });

    it('comes after the version’s own deprecation, and the worst finding decides', () => {
      const result = evaluatePolicy(
        input({
          signals: signals({ deprecation: { timelineTo: '2027-01-01' } }),
          importedDeprecations: [{ reference: MOTIF, deprecation }],
        }),
        {},
        new Date('2026-06-02T00:00:00Z'),
      );
      expect(result.status).toBe('fail');
      expect(result.reasons.map(r => [r.rule, r.status])).toEqual([
        ['deprecation', 'warn'],
        ['deprecated-import', 'fail'],
      ]);
    });

    it('passes without imported deprecations', () => {
      expect(evaluatePolicy(input({ imports: [MOTIF] }), {}, NOW)).toEqual({
        status: 'pass',
        reasons: [],
      });
      expect(
        evaluatePolicy(input({ importedDeprecations: [] }), {}, NOW),
      ).toEqual({ status: 'pass', reasons: [] });
    });
  });
});
