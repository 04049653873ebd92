import { E2eRecord, SimulateRecord } from '../../pattern/codec/packPattern';
import { GateOutcome } from '../types';

/**
 * Converts a simulate outcome to the record `packPattern` writes. Returns
 * undefined for `not-applicable` (no annotation); throws for `failed`,
 * which blocks the push.
 *
 * @public
 */
export function toSimulateRecord(
  outcome: GateOutcome,
): SimulateRecord | undefined {
  switch (outcome.status) {
    case 'not-applicable':
      return undefined;
    case 'failed':
      throw new Error(`${outcome.message}; the push is blocked`);
    case 'passed': {
      const record: SimulateRecord = {
        status: 'passed',
        testedAt: outcome.testedAt,
        durationMs: outcome.durationMs ?? 0,
      };
      if (outcome.assertions > 0) record.assertions = outcome.assertions;
      return record;
    }
    default:
      return { status: outcome.status, testedAt: outcome.testedAt };
  }
}

/**
 * Converts an e2e outcome to the record `packPattern` writes. Returns
 * undefined for `not-applicable`; throws for `failed` (push blocked).
 *
 * @public
 */
export function toE2eRecord(outcome: GateOutcome): E2eRecord | undefined {
  const runner = outcome.runner ?? 'local';
  switch (outcome.status) {
    case 'not-applicable':
      return undefined;
    case 'failed':
      throw new Error(`${outcome.message}; the push is blocked`);
    case 'passed': {
      const record: E2eRecord = {
        status: 'passed',
        testedAt: outcome.testedAt,
        runner,
        durationMs: outcome.durationMs ?? 0,
      };
      if (outcome.assertions > 0) record.assertions = outcome.assertions;
      return record;
    }
    case 'skipped':
      return { status: 'skipped', testedAt: outcome.testedAt, runner };
    default:
      throw new Error(
        `an e2e outcome with status ${outcome.status} cannot be recorded`,
      );
  }
}
