import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { GateOutcome } from '@orkspace/backstage-plugin-orkestra-node';
import { PublishingEnvironment } from './PublishingEnvironment';

/**
 * Records a gate run (who, when, pattern, outcome, duration, log excerpt)
 * in the Orkestra backend. Best effort: the gate's result stands either way.
 */
export async function recordGateRun(
  env: PublishingEnvironment,
  run: {
    reference: string;
    outcome: GateOutcome;
    taskId?: string;
    initiator: BackstageCredentials;
  },
): Promise<void> {
  const { outcome } = run;
  if (outcome.status === 'not-applicable') return;
  try {
    const baseUrl = await env.discovery.getBaseUrl('orkestra');
    const { token } = await env.auth.getPluginRequestToken({
      onBehalfOf: run.initiator,
      targetPluginId: 'orkestra',
    });
    const response = await env.fetch(`${baseUrl}/gate-runs`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
      },
      body: JSON.stringify({
        reference: run.reference,
        gate: outcome.gate,
        status: outcome.status,
        startedAt: outcome.testedAt.toISOString(),
        finishedAt: new Date(
          outcome.testedAt.getTime() + (outcome.durationMs ?? 0),
        ).toISOString(),
        taskId: run.taskId,
        detail: {
          assertions: outcome.assertions,
          durationMs: outcome.durationMs,
          runner: outcome.runner,
          message: outcome.message,
          logExcerpt: outcome.logExcerpt.slice(-4096),
        },
      }),
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
  } catch (error) {
    env.logger.warn(
      `Could not record the ${outcome.gate} gate run of ${run.reference}: ${
        (error as Error).message
      }`,
    );
  }
}
