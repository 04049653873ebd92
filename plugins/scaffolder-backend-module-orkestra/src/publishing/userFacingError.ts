import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  GateName,
  GateNotConfiguredError,
} from '@orkspace/backstage-plugin-orkestra-node';

/** Errors that say what the user must change, not where the code broke. */
const EXPECTED: Array<new (...args: any[]) => Error> = [
  InputError,
  NotAllowedError,
  ConflictError,
  NotFoundError,
  GateNotConfiguredError,
];

/**
 * The scaffolder writes a failed step's `error.stack` into the task log; for
 * an expected refusal that is a stack trace under a sentence the user needs.
 * Keeps only the `Name: message` line of expected errors; others are bugs and
 * keep their stack.
 */
export function userFacingError(error: unknown): unknown {
  if (error instanceof Error && EXPECTED.some(type => error instanceof type)) {
    error.stack = `${error.name}: ${error.message}`;
  }
  return error;
}

/** The action, with {@link userFacingError} applied to what its handler throws. */
export function withUserFacingErrors<
  T extends { handler: (ctx: any) => Promise<void> },
>(action: T): T {
  const handler = action.handler;
  return {
    ...action,
    async handler(ctx: Parameters<T['handler']>[0]) {
      try {
        await handler(ctx);
      } catch (error) {
        throw userFacingError(error);
      }
    },
  };
}

/** The refusal when a gate has to run and the portal has no command for it. */
export function gateNotConfiguredError(
  error: GateNotConfiguredError,
  gate: GateName,
): InputError {
  return new InputError(
    `Nothing was published: the ${gate} gate has to run, but this portal has no gate runner for it (${error.configKey} is not set), so it did not run and nothing was recorded as passed. Publish with "Force" to record the gates as skipped, like ork push --force (the version then fails a policy that requires them), or ask the platform team to configure orkestra.gates.`,
  );
}
