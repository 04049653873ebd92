import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  GateName,
  GateNotConfiguredError,
  GateOutcome,
  GateRunOptions,
} from '@orkspace/backstage-plugin-orkestra-node';
import { PublishingEnvironment } from './PublishingEnvironment';
import { recordGateRun } from './recordGateRun';
import { gateNotConfiguredError } from './userFacingError';

/**
 * Runs one gate of a publish and records the run. A gate that has to run
 * without a configured command, or that fails, refuses the publish in words;
 * neither is ever reported as passed.
 */
export async function runGate(
  env: PublishingEnvironment,
  gate: GateName,
  dir: string,
  run: {
    reference: string;
    taskId: string;
    initiator: BackstageCredentials;
    options: GateRunOptions;
    log: (message: string) => void;
  },
  { skip }: { skip?: boolean },
): Promise<GateOutcome> {
  let outcome: GateOutcome;
  try {
    const options = { ...run.options, skip };
    outcome =
      gate === 'simulate'
        ? await env.gates.runSimulate(dir, options)
        : await env.gates.runE2e(dir, options);
  } catch (error) {
    if (error instanceof GateNotConfiguredError)
      throw gateNotConfiguredError(error, gate);
    throw error;
  }
  run.log(outcome.message);
  await recordGateRun(env, {
    reference: run.reference,
    outcome,
    taskId: run.taskId,
    initiator: run.initiator,
  });
  if (outcome.status === 'failed') {
    throw new InputError(
      `${outcome.message}; the push is blocked, nothing was published`,
    );
  }
  return outcome;
}
