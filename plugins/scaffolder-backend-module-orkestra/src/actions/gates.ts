import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  GateName,
  GateOutcome,
} from '@orkspace/backstage-plugin-orkestra-node';
import { PublishingEnvironment } from '../publishing/PublishingEnvironment';
import { withUserFacingErrors } from '../publishing/userFacingError';
import { recordGateRun } from '../publishing/recordGateRun';

function createGateAction(env: PublishingEnvironment, gate: GateName) {
  const file = gate === 'simulate' ? 'simulate.yaml' : 'e2e.yaml';
  const action = createTemplateAction({
    id: `orkestra:${gate}`,
    description: `Runs the ${gate} gate on a pattern folder through the configured gate command (orkestra.gates.${gate}.command); fails when the gate fails`,
    supportsDryRun: true,
    schema: {
      input: {
        path: z =>
          z
            .string()
            .describe('Pattern folder, relative to the workspace')
            .default('.')
            .optional(),
        reference: z =>
          z
            .string()
            .describe(
              'The reference the run is recorded for, e.g. registry/repository:tag',
            )
            .optional(),
      },
      output: {
        status: z =>
          z
            .string()
            .describe(
              `passed | failed | no-assertion | not-applicable (no ${file})`,
            ),
        assertions: z => z.number(),
        durationMs: z => z.number().optional(),
      },
    },
    async handler(ctx) {
      const dir = resolveSafeChildPath(
        ctx.workspacePath,
        ctx.input.path ?? '.',
      );
      if (ctx.isDryRun) {
        ctx.output('status', 'dry-run');
        ctx.output('assertions', 0);
        return;
      }
      const run =
        gate === 'simulate'
          ? env.gates.runSimulate.bind(env.gates)
          : env.gates.runE2e.bind(env.gates);
      const outcome: GateOutcome = await run(dir, {
        signal: ctx.signal,
        onOutput: line => ctx.logger.info(line),
      });
      ctx.logger.info(outcome.message);
      if (ctx.input.reference) {
        await recordGateRun(env, {
          reference: ctx.input.reference,
          outcome,
          taskId: ctx.task.id,
          initiator: await ctx.getInitiatorCredentials(),
        });
      }
      ctx.output('status', outcome.status);
      ctx.output('assertions', outcome.assertions);
      if (outcome.durationMs !== undefined)
        ctx.output('durationMs', outcome.durationMs);
      if (outcome.status === 'failed') throw new InputError(outcome.message);
    },
  });
  return withUserFacingErrors(action);
}

/** `orkestra:simulate`. @public */
export const createSimulateAction = (env: PublishingEnvironment) =>
  createGateAction(env, 'simulate');

/** `orkestra:e2e`. @public */
export const createE2eAction = (env: PublishingEnvironment) =>
  createGateAction(env, 'e2e');
