import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { PublishingEnvironment } from '../publishing/PublishingEnvironment';
import { withUserFacingErrors } from '../publishing/userFacingError';
import { validatePatternFolder } from '../publishing/validatePatternFolder';
import { validateExamples } from './validate.examples';

/**
 * `orkestra:validate`: the checks `ork push` runs on a pattern folder before
 * any gate, plus schema checks of every YAML file and the portal policy.
 *
 * @public
 */
export function createValidateAction(env: PublishingEnvironment) {
  const action = createTemplateAction({
    id: 'orkestra:validate',
    description:
      'Validates an Orkestra pattern folder in the workspace as `ork push` does before publishing, plus YAML schemas and the portal policy',
    examples: validateExamples,
    supportsDryRun: true,
    schema: {
      input: {
        path: z =>
          z
            .string()
            .describe('Pattern folder, relative to the workspace')
            .default('.')
            .optional(),
        tag: z =>
          z
            .string()
            .describe(
              'Tag to publish; must equal metadata.version, as ork push requires',
            )
            .optional(),
      },
      output: {
        kind: z =>
          z.enum(['Katalog', 'Motif']).describe('Detected pattern kind'),
        name: z => z.string().describe('metadata.name'),
        version: z =>
          z.string().describe('metadata.version (latest when absent)'),
        files: z =>
          z
            .array(z.string())
            .describe('Files that will be packed, in layer order'),
        warnings: z =>
          z.array(z.string()).describe('Findings that do not block publishing'),
      },
    },
    async handler(ctx) {
      const dir = resolveSafeChildPath(
        ctx.workspacePath,
        ctx.input.path ?? '.',
      );
      const { report } = await validatePatternFolder(
        dir,
        { tag: ctx.input.tag },
        env,
        await ctx.getInitiatorCredentials(),
      );
      for (const warning of report.warnings) ctx.logger.warn(warning);
      if (report.errors.length) {
        throw new InputError(
          `The pattern is not valid:\n- ${report.errors.join('\n- ')}`,
        );
      }
      ctx.logger.info(
        `${report.kind} ${report.name}:${
          report.version
        } is valid; files: ${report.files.join(', ')}`,
      );
      ctx.output('kind', report.kind!);
      ctx.output('name', report.name!);
      ctx.output('version', report.version!);
      ctx.output('files', report.files);
      ctx.output('warnings', report.warnings);
    },
  });
  return withUserFacingErrors(action);
}
