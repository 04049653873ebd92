import { evaluatePolicy, PolicyConfig, PolicyInput, PolicyReason } from '.';
import { signals, input, NOW } from './testing';

describe('evaluatePolicy', () => {
  it('passes with no reasons when the policy is empty', () => {
    expect(evaluatePolicy(input(), {}, NOW)).toEqual({
      status: 'pass',
      reasons: [],
    });
  });

  describe('allowed registries and imports', () => {
    const policy: PolicyConfig = { allowedRegistries: ['ghcr.io/acme/'] };

    it.each<[string, PolicyInput, PolicyReason[]]>([
      ['allowed reference', input(), []],
      [
        'reference outside the allow-list (segment boundary)',
        input({ reference: 'ghcr.io/acme-evil/katalogs/postgres:v1.0.0' }),
        [
          {
            rule: 'allowed-registries',
            status: 'fail',
            message:
              'Reference ghcr.io/acme-evil/katalogs/postgres:v1.0.0 is not in an allowed registry (allowed: ghcr.io/acme/)',
          },
        ],
      ],
      [
        'unparsable reference',
        input({ reference: 'ghcr.io/acme/x@v1' }),
        [
          {
            rule: 'allowed-registries',
            status: 'fail',
            message:
              'Reference ghcr.io/acme/x@v1 is not a valid reference ("@v1" is not a digest; use ":" for tags (e.g. "ghcr.io/acme/x:v1"); "@" is only for digests like "@sha256:…")',
          },
        ],
      ],
      [
        'imports: each disallowed one named once, allowed ones silent',
        input({
          imports: [
            'ghcr.io/acme/motifs/db:v1',
            'ghcr.io/acme-evil/motifs/db:v1',
            'docker.io/library/redis:7',
            'ghcr.io/acme-evil/motifs/db:v1',
          ],
        }),
        [
          {
            rule: 'imports',
            status: 'fail',
            message:
              'Import ghcr.io/acme-evil/motifs/db:v1 is not in an allowed registry (allowed: ghcr.io/acme/)',
          },
          {
            rule: 'imports',
            status: 'fail',
            message:
              'Import docker.io/library/redis:7 is not in an allowed registry (allowed: ghcr.io/acme/)',
          },
        ],
      ],
      [
        'unparsable import',
        input({ imports: ['bad ref'] }),
        [
          {
            rule: 'imports',
            status: 'fail',
            message:
              'Import bad ref is not a valid reference (reference must not contain whitespace)',
          },
        ],
      ],
    ])('%s', (_name, given, reasons) => {
      expect(evaluatePolicy(given, policy, NOW)).toEqual({
        status: reasons.length ? 'fail' : 'pass',
        reasons,
      });
    });

    it('allows everything, including unparsable refs, without an allow-list', () => {
      const given = input({
        reference: 'ghcr.io/acme-evil/x:1',
        imports: ['bad ref', 'quay.io/other/y:2'],
      });
      expect(evaluatePolicy(given, { allowedRegistries: [] }, NOW)).toEqual({
        status: 'pass',
        reasons: [],
      });
      expect(evaluatePolicy(given, {}, NOW).status).toBe('pass');
    });

    it('lists every prefix in the message', () => {
      const result = evaluatePolicy(
        input({ reference: 'quay.io/acme/x:1' }),
        { allowedRegistries: ['ghcr.io/acme/', '127.0.0.1:5000'] },
        NOW,
      );
      expect(result.reasons).toEqual([
        {
          rule: 'allowed-registries',
          status: 'fail',
          message:
            'Reference quay.io/acme/x:1 is not in an allowed registry (allowed: ghcr.io/acme/, 127.0.0.1:5000)',
        },
      ]);
    });
  });

  describe('min maturity', () => {
    it.each<[string | undefined, 'alpha' | 'beta' | 'stable', string | null]>([
      ['beta', 'beta', null],
      ['stable', 'alpha', null],
      ['alpha', 'beta', 'Maturity alpha is below the required minimum beta'],
      ['Beta', 'stable', 'Maturity beta is below the required minimum stable'],
      [
        'deprecated',
        'alpha',
        'Maturity deprecated is below the required minimum alpha',
      ],
      [
        undefined,
        'alpha',
        'Maturity not declared; policy requires at least alpha',
      ],
      ['', 'beta', 'Maturity not declared; policy requires at least beta'],
      [
        'gold',
        'beta',
        'Maturity "gold" is not one of deprecated, alpha, beta, stable; policy requires at least beta',
      ],
    ])('maturity %j with minimum %s', (maturity, minMaturity, message) => {
      const result = evaluatePolicy(input({ maturity }), { minMaturity }, NOW);
      expect(result).toEqual(
        message === null
          ? { status: 'pass', reasons: [] }
          : {
              status: 'fail',
              reasons: [{ rule: 'min-maturity', status: 'fail', message }],
            },
      );
    });

    it('does not apply to Motifs, which cannot declare a maturity', () => {
      const motif = input({ signals: signals({ kind: 'Motif' }) });
      expect(evaluatePolicy(motif, { minMaturity: 'beta' }, NOW)).toEqual({
        status: 'pass',
        reasons: [],
      });
    });

    it('ignores maturity when no minimum is configured', () => {
      expect(
        evaluatePolicy(input({ maturity: 'deprecated' }), {}, NOW),
      ).toEqual({ status: 'pass', reasons: [] });
    });
  });
});
