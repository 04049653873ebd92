import { GateProcessResult } from '../process/runGateProcess';
import { GateResultLine } from '../output/resultLine';
import { GateName, GateOutcome } from '../types';

/** What {@link ranGateOutcome} needs to report a gate whose command ran. */
export interface RanGate {
  gate: GateName;
  testedAt: Date;
  /** e2e only. */
  runner?: string;
  timeoutMs: number;
  /** Counted from the gate file. */
  countedAssertions: number;
  process: GateProcessResult;
  /** The command's last valid result line, if it printed one. */
  resultLine?: GateResultLine;
  logExcerpt: string;
}

function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))}`;
}

function describe(
  label: string,
  { process, timeoutMs }: RanGate,
  passed: string,
): string {
  if (process.timedOut) {
    return `${label} gate timed out after ${formatSeconds(timeoutMs)} s`;
  }
  if (process.spawnError !== undefined) {
    return `${label} gate command could not be started: ${process.spawnError}`;
  }
  if (process.exitCode === 0) return passed;
  if (process.signal) {
    return `${label} gate failed: the command was killed by ${process.signal}`;
  }
  return `${label} gate failed with exit code ${process.exitCode}`;
}

/**
 * The outcome of a gate whose command ran: `passed` only for exit code 0
 * within the timeout; the result line overrides the counted assertions and
 * the measured duration.
 */
export function ranGateOutcome(ran: RanGate): GateOutcome {
  const label = ran.gate === 'simulate' ? 'Simulate' : 'E2E';
  const assertions = ran.resultLine?.assertions ?? ran.countedAssertions;
  const durationMs = ran.resultLine?.durationMs ?? ran.process.durationMs;
  const passed =
    !ran.process.timedOut &&
    ran.process.spawnError === undefined &&
    ran.process.exitCode === 0;
  const outcome: GateOutcome = {
    gate: ran.gate,
    status: passed ? 'passed' : 'failed',
    assertions,
    durationMs,
    testedAt: ran.testedAt,
    logExcerpt: ran.logExcerpt,
    message: describe(
      label,
      ran,
      `${label} gate passed · ${assertions} assertions · ${durationMs}ms`,
    ),
  };
  if (ran.runner !== undefined) outcome.runner = ran.runner;
  return outcome;
}
