import {
  deprecationState,
  evaluatePolicy,
  isAllowedReference,
  maturityRank,
  meetsMinMaturity,
  PolicyConfig,
  PolicyInput,
  PolicyReason,
  PolicyStatus,
  worstPolicyStatus,
} from './policy';
import {
  Deprecation,
  GateSignal,
  GateState,
  PatternKind,
  PatternSignals,
} from './signals';

function gate(state: GateState, raw?: string): GateSignal {
  const signal: GateSignal = { state, assertions: state === 'passed' ? 3 : 0 };
  if (state !== 'absent') {
    signal.raw = raw ?? state;
  }
  return signal;
}

function signals(
  overrides: Partial<PatternSignals> & { kind?: PatternKind } = {},
): PatternSignals {
  return {
    kind: 'Katalog',
    tags: [],
    simulate: gate('passed'),
    e2e: gate('passed'),
    intent: gate('absent'),
    ...overrides,
  };
}

const REF = 'ghcr.io/acme/katalogs/postgres:v1.0.0';

function input(overrides: Partial<PolicyInput> = {}): PolicyInput {
  return { reference: REF, signals: signals(), ...overrides };
}

const NOW = new Date('2026-03-10T12:00:00Z');

describe('isAllowedReference', () => {
  it.each<[string, string, string[] | undefined, boolean]>([
    ['no policy (undefined list)', 'ghcr.io/anyone/x:1', undefined, true],
    ['no policy (empty list)', 'ghcr.io/anyone/x:1', [], true],
    ['unparsable, no policy', 'not a ref', undefined, true],
    ['prefix with slash', 'ghcr.io/acme/x:1', ['ghcr.io/acme/'], true],
    ['prefix without slash', 'ghcr.io/acme/x:1', ['ghcr.io/acme'], true],
    ['nested repository', 'ghcr.io/acme/a/b/c:1', ['ghcr.io/acme/'], true],
    ['segment boundary', 'ghcr.io/acme-evil/x:1', ['ghcr.io/acme/'], false],
    [
      'segment boundary without slash',
      'ghcr.io/acme-evil/x:1',
      ['ghcr.io/acme'],
      false,
    ],
    ['other host', 'docker.io/acme/x:1', ['ghcr.io/acme/'], false],
    ['host-only prefix', 'ghcr.io/anyone/x:1', ['ghcr.io'], true],
    ['host-only prefix with slash', 'ghcr.io/anyone/x:1', ['ghcr.io/'], true],
    ['host-only prefix, other host', 'quay.io/acme/x:1', ['ghcr.io'], false],
    [
      'host-only prefix is not a host prefix',
      'ghcr.io.evil.com/acme/x:1',
      ['ghcr.io'],
      false,
    ],
    ['host with port', '127.0.0.1:5000/p/x:1', ['127.0.0.1:5000'], true],
    ['host with other port', '127.0.0.1:5001/p/x:1', ['127.0.0.1:5000'], false],
    [
      'second prefix matches',
      'quay.io/acme/x:1',
      ['ghcr.io', 'quay.io/'],
      true,
    ],
    ['oci:// reference', 'oci://ghcr.io/acme/x:1', ['ghcr.io/acme/'], true],
    ['oci:// prefix', 'ghcr.io/acme/x:1', ['oci://ghcr.io/acme/'], true],
    [
      'digest reference',
      `ghcr.io/acme/x@sha256:${'a'.repeat(64)}`,
      ['ghcr.io/acme'],
      true,
    ],
    ['unparsable (whitespace)', 'ghcr.io/acme/x 1', ['ghcr.io/acme/'], false],
    ['unparsable (empty)', '', ['ghcr.io/acme/'], false],
    [
      'unparsable (https scheme)',
      'https://ghcr.io/acme/x:1',
      ['ghcr.io/acme/'],
      false,
    ],
    ['unparsable (@ tag)', 'ghcr.io/acme/x@v1', ['ghcr.io/acme/'], false],
    ['only blank prefixes', 'ghcr.io/acme/x:1', [''], false],
  ])('%s: %s with %j → %s', (_name, ref, allowed, expected) => {
    expect(isAllowedReference(ref, allowed)).toBe(expected);
  });
});

describe('deprecationState', () => {
  const timeline: Deprecation = {
    migratedTo: 'ghcr.io/acme/katalogs/postgres:v2.0.0',
    timelineFrom: '2026-01-01',
    timelineTo: '2026-06-01',
  };

  it.each<[string, Deprecation | undefined, string, object]>([
    ['no deprecation', undefined, '2026-03-01T00:00:00Z', { state: 'none' }],
    [
      'deprecated without timeline',
      { migratedTo: 'x' },
      '2026-03-01T00:00:00Z',
      { state: 'deprecated' },
    ],
    [
      'one ms before from',
      timeline,
      '2025-12-31T23:59:59.999Z',
      { state: 'announced', daysToEndOfLife: 152, endOfLife: '2026-06-01' },
    ],
    [
      'exactly on from',
      timeline,
      '2026-01-01T00:00:00Z',
      { state: 'deprecated', daysToEndOfLife: 151, endOfLife: '2026-06-01' },
    ],
    [
      'exactly two days before to',
      timeline,
      '2026-05-30T00:00:00Z',
      { state: 'deprecated', daysToEndOfLife: 2, endOfLife: '2026-06-01' },
    ],
    [
      'just after two days before to (ceil)',
      timeline,
      '2026-05-30T00:00:00.001Z',
      { state: 'deprecated', daysToEndOfLife: 2, endOfLife: '2026-06-01' },
    ],
    [
      'day before to, morning',
      timeline,
      '2026-05-31T08:00:00Z',
      { state: 'deprecated', daysToEndOfLife: 1, endOfLife: '2026-06-01' },
    ],
    [
      'one ms before to',
      timeline,
      '2026-05-31T23:59:59.999Z',
      { state: 'deprecated', daysToEndOfLife: 1, endOfLife: '2026-06-01' },
    ],
    [
      'exactly on to',
      timeline,
      '2026-06-01T00:00:00Z',
      { state: 'end-of-life', endOfLife: '2026-06-01' },
    ],
    [
      'late on the to day',
      timeline,
      '2026-06-01T23:59:59Z',
      { state: 'end-of-life', endOfLife: '2026-06-01' },
    ],
    [
      'long after to',
      timeline,
      '2027-01-01T00:00:00Z',
      { state: 'end-of-life', endOfLife: '2026-06-01' },
    ],
    [
      'only from, before',
      { timelineFrom: '2026-01-01' },
      '2025-12-31T00:00:00Z',
      { state: 'announced' },
    ],
    [
      'only from, after',
      { timelineFrom: '2026-01-01' },
      '2026-01-02T00:00:00Z',
      { state: 'deprecated' },
    ],
    [
      'only to, before',
      { timelineTo: '2026-01-11' },
      '2026-01-01T00:00:00Z',
      { state: 'deprecated', daysToEndOfLife: 10, endOfLife: '2026-01-11' },
    ],
    [
      'only to, on',
      { timelineTo: '2026-01-11' },
      '2026-01-11T00:00:00Z',
      { state: 'end-of-life', endOfLife: '2026-01-11' },
    ],
    [
      'malformed from is ignored',
      { timelineFrom: '01/01/2027', timelineTo: '2027-06-01' },
      '2026-05-31T00:00:00Z',
      { state: 'deprecated', daysToEndOfLife: 366, endOfLife: '2027-06-01' },
    ],
    [
      'impossible calendar date to is ignored',
      { timelineFrom: '2026-01-01', timelineTo: '2026-02-30' },
      '2026-12-01T00:00:00Z',
      { state: 'deprecated' },
    ],
    [
      'timestamp instead of date is malformed',
      { timelineTo: '2026-01-01T00:00:00Z' },
      '2027-01-01T00:00:00Z',
      { state: 'deprecated' },
    ],
    [
      'end of life wins over an inconsistent from',
      { timelineFrom: '2027-01-01', timelineTo: '2026-01-01' },
      '2026-06-01T00:00:00Z',
      { state: 'end-of-life', endOfLife: '2026-01-01' },
    ],
  ])('%s', (_name, deprecation, now, expected) => {
    expect(deprecationState(deprecation, new Date(now))).toEqual(expected);
  });

  it('rejects an invalid now', () => {
    expect(() => deprecationState(undefined, new Date('nope'))).toThrow(
      'now must be a valid Date',
    );
  });
});

describe('maturityRank and meetsMinMaturity', () => {
  it('orders deprecated < alpha < beta < stable, ignoring case', () => {
    expect(
      [
        'deprecated',
        'alpha',
        'beta',
        'stable',
        ' Stable ',
        'gold',
        '',
        undefined,
      ].map(maturityRank),
    ).toEqual([0, 1, 2, 3, 3, undefined, undefined, undefined]);
  });

  it.each<
    [string | undefined, 'alpha' | 'beta' | 'stable' | undefined, boolean]
  >([
    [undefined, undefined, true],
    ['gold', undefined, true],
    ['deprecated', undefined, true],
    ['deprecated', 'alpha', false],
    ['alpha', 'alpha', true],
    ['alpha', 'beta', false],
    ['beta', 'beta', true],
    ['stable', 'beta', true],
    ['beta', 'stable', false],
    ['stable', 'stable', true],
    [undefined, 'alpha', false],
    ['', 'alpha', false],
    ['gold', 'alpha', false],
    ['constructor', 'alpha', false],
  ])('%j meets %j → %s', (maturity, min, expected) => {
    expect(meetsMinMaturity(maturity, min)).toBe(expected);
  });
});

describe('worstPolicyStatus', () => {
  it.each<[PolicyStatus[], PolicyStatus]>([
    [[], 'pass'],
    [['pass'], 'pass'],
    [['pass', 'warn'], 'warn'],
    [['warn', 'pass'], 'warn'],
    [['warn', 'fail', 'pass'], 'fail'],
    [['fail', 'warn'], 'fail'],
  ])('%j → %s', (statuses, expected) => {
    expect(worstPolicyStatus(statuses)).toBe(expected);
  });
});

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

  describe('required gates', () => {
    const both: PolicyConfig = { requiredGates: ['simulate', 'e2e'] };

    it.each<[GateState, string | null]>([
      ['passed', null],
      ['skipped', 'was skipped (forced publish)'],
      ['absent', 'did not run'],
      ['no-assertion', 'ran without assertions'],
      ['failed', 'failed'],
    ])('simulate %s', (state, problem) => {
      const result = evaluatePolicy(
        input({ signals: signals({ simulate: gate(state) }) }),
        { requiredGates: ['simulate'] },
        NOW,
      );
      expect(result).toEqual(
        problem === null
          ? { status: 'pass', reasons: [] }
          : {
              status: 'fail',
              reasons: [
                {
                  rule: 'required-gates',
                  status: 'fail',
                  message: `Required gate simulate ${problem}`,
                },
              ],
            },
      );
    });

    it.each<[GateState, string | null]>([
      ['passed', null],
      ['skipped', 'was skipped (forced publish)'],
      ['absent', 'did not run'],
      ['no-assertion', 'ran without assertions'],
      ['failed', 'failed'],
    ])('e2e %s on a Katalog', (state, problem) => {
      const result = evaluatePolicy(
        input({ signals: signals({ e2e: gate(state) }) }),
        { requiredGates: ['e2e'] },
        NOW,
      );
      expect(result.reasons).toEqual(
        problem === null
          ? []
          : [
              {
                rule: 'required-gates',
                status: 'fail',
                message: `Required gate e2e ${problem}`,
              },
            ],
      );
      expect(result.status).toBe(problem === null ? 'pass' : 'fail');
    });

    it('quotes an unrecognised raw state', () => {
      const result = evaluatePolicy(
        input({ signals: signals({ simulate: gate('unknown', 'maybe') }) }),
        both,
        NOW,
      );
      expect(result.reasons).toEqual([
        {
          rule: 'required-gates',
          status: 'fail',
          message: 'Required gate simulate has an unrecognised state "maybe"',
        },
      ]);
    });

    it('reports simulate before e2e, whatever the config order', () => {
      const result = evaluatePolicy(
        input({
          signals: signals({ simulate: gate('skipped'), e2e: gate('skipped') }),
        }),
        { requiredGates: ['e2e', 'simulate'] },
        NOW,
      );
      expect(result.reasons.map(r => r.message)).toEqual([
        'Required gate simulate was skipped (forced publish)',
        'Required gate e2e was skipped (forced publish)',
      ]);
    });

    it('does not apply gates to Motifs', () => {
      const motif = signals({
        kind: 'Motif',
        simulate: gate('absent'),
        e2e: gate('absent'),
      });
      expect(evaluatePolicy(input({ signals: motif }), both, NOW)).toEqual({
        status: 'pass',
        reasons: [],
      });
    });

    it('requires only simulate when the kind is not known', () => {
      const unknownKind = signals({
        simulate: gate('absent'),
        e2e: gate('absent'),
      });
      delete unknownKind.kind;
      expect(
        evaluatePolicy(input({ signals: unknownKind }), both, NOW).reasons,
      ).toEqual([
        {
          rule: 'required-gates',
          status: 'fail',
          message: 'Required gate simulate did not run',
        },
      ]);
    });

    it('does not require gates that are not configured', () => {
      const result = evaluatePolicy(
        input({ signals: signals({ e2e: gate('skipped') }) }),
        { requiredGates: ['simulate'] },
        NOW,
      );
      expect(result).toEqual({ status: 'pass', reasons: [] });
    });
  });

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
