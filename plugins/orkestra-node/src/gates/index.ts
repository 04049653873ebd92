export type {
  GateCommandConfig,
  GateName,
  GateOutcome,
  GateRunnerConfig,
  GateRunOptions,
  GateStatus,
} from './types';
export { GateAbortedError, GateNotConfiguredError } from './errors';
export { GateRunner } from './GateRunner';
export { gateEnvironment } from './command/gateEnvironment';
export { detectE2eRunner } from './runner/e2eRunner';

export { GATE_RESULT_PREFIX } from './output/resultLine';
export { toE2eRecord, toSimulateRecord } from './outcome/records';
