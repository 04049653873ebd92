import { evaluatePolicy, PolicyConfig } from '.';
import { GateState } from '../signals';
import { gate, signals, input, NOW } from './testing';

describe('evaluatePolicy', () => {
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
});
