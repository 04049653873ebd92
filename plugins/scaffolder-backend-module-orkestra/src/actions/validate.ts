import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  checkTagMatchesVersion,
  PatternValidationError,
  readPatternDirectory,
} from '@internal/backstage-plugin-orkestra-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { validateExamples } from './validate.examples';

/**
 * `orkestra:validate`: the checks `ork push` runs on a pattern directory
 * before any gate: kind detection, required metadata, tag/version agreement.
 *
 * @public
 */
export function createValidateAction() {
  return createTemplateAction({
    id: 'orkestra:validate',
    description:
      'Validates an Orkestra pattern directory in the workspace the way `ork push` does before publishing',
    examples: validateExamples,
    supportsDryRun: true,
    schema: {
      input: {
        path: z =>
          z
            .string()
            .describe('Pattern directory, relative to the workspace')
            .default('.')
            .optional(),
        tag: z =>
          z
            .string()
            .describe('Tag to publish; must equal metadata.version, as ork push requires')
            .optional(),
      },
      output: {
        kind: z => z.enum(['Katalog', 'Motif']).describe('Detected pattern kind'),
        name: z => z.string().describe('metadata.name'),
        version: z => z.string().describe('metadata.version (latest when absent)'),
        files: z => z.array(z.string()).describe('Files that will be packed, in layer order'),
      },
    },
    async handler(ctx) {
      const dir = resolveSafeChildPath(ctx.workspacePath, ctx.input.path ?? '.');
      let pattern;
      try {
        pattern = await readPatternDirectory(dir);
      } catch (error) {
        if (error instanceof PatternValidationError) throw new InputError(error.message);
        throw error;
      }
      const { meta, files } = pattern;
      if (ctx.input.tag !== undefined) {
        const mismatch = checkTagMatchesVersion(meta, ctx.input.tag);
        if (mismatch) throw new InputError(mismatch);
      }
      ctx.logger.info(
        `${meta.kind} ${meta.name}:${meta.version} is valid; files: ${files.map(f => f.name).join(', ')}`,
      );
      ctx.output('kind', meta.kind);
      ctx.output('name', meta.name);
      ctx.output('version', meta.version);
      ctx.output('files', files.map(f => f.name));
    },
  });
}
