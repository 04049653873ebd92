import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { unpackPattern } from '@orkspace/backstage-plugin-orkestra-node';
import { PublishingEnvironment } from '../publishing/PublishingEnvironment';
import { withUserFacingErrors } from '../publishing/userFacingError';
import { resolveTarget } from '../publishing/resolveTarget';

/**
 * `orkestra:inspect`: reads a published version's signals, like `ork inspect`,
 * for conditional template steps.
 *
 * @public
 */
export function createInspectAction(env: PublishingEnvironment) {
  const action = createTemplateAction({
    id: 'orkestra:inspect',
    description:
      'Reads the quality signals of a published pattern version (like ork inspect)',
    supportsDryRun: true,
    schema: {
      input: {
        reference: z => z.string().describe('registry/repository:tag'),
      },
      output: {
        kind: z => z.string(),
        digest: z => z.string(),
        simulate: z =>
          z
            .string()
            .describe(
              'passed | no-assertion | skipped | failed | absent | unknown',
            ),
        e2e: z => z.string(),
        deprecated: z => z.boolean(),
        migratedTo: z => z.string().optional(),
      },
    },
    async handler(ctx) {
      const target = resolveTarget(ctx.input.reference, env);
      const store = await env.openStore(target.source);
      const version = unpackPattern(
        await store.fetchManifest(target.repository, target.tag ?? 'latest'),
        ctx.input.reference,
      );
      ctx.output('kind', version.kind);
      ctx.output('digest', version.manifest.digest);
      ctx.output('simulate', version.signals.simulate.state);
      ctx.output('e2e', version.signals.e2e.state);
      ctx.output('deprecated', version.signals.deprecation !== undefined);
      if (version.signals.deprecation?.migratedTo)
        ctx.output('migratedTo', version.signals.deprecation.migratedTo);
    },
  });
  return withUserFacingErrors(action);
}
