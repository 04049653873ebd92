import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { downloadPattern, primaryFileOf } from '../publishing/downloadPattern';
import { PublishingEnvironment } from '../publishing/PublishingEnvironment';
import { withUserFacingErrors } from '../publishing/userFacingError';
import { resolveTarget } from '../publishing/resolveTarget';

/**
 * `orkestra:fetch`: writes a published version's files into the workspace,
 * like `ork pull`, optionally as the start of a new version.
 *
 * @public
 */
export function createFetchAction(env: PublishingEnvironment) {
  const action = createTemplateAction({
    id: 'orkestra:fetch',
    description:
      'Writes the files of a published pattern version into the workspace (like ork pull), optionally as the start of a new version',
    supportsDryRun: true,
    examples: [
      {
        description: 'Start v1.1.0 of a Katalog from its published v1.0.0',
        example: [
          'steps:',
          '  - id: fetch',
          '    action: orkestra:fetch',
          '    input:',
          '      reference: oci.orkestra.example/orkestra/katalogs/cache-operator:v1.0.0',
          '      targetPath: ./pattern',
          '      version: v1.1.0',
        ].join('\n'),
      },
    ],
    schema: {
      input: {
        reference: z =>
          z.string().describe('The version to fetch: registry/repository:tag'),
        targetPath: z =>
          z
            .string()
            .describe('Folder in the workspace to write the files to')
            .default('.')
            .optional(),
        version: z =>
          z
            .string()
            .describe(
              'Start a new version: sets metadata.version and drops lifecycle.deprecation',
            )
            .optional(),
        description: z =>
          z.string().describe('Sets metadata.description').optional(),
      },
      output: {
        kind: z => z.enum(['Katalog', 'Motif']),
        name: z => z.string(),
        version: z =>
          z.string().describe('metadata.version of the written files'),
        fetchedVersion: z => z.string().describe('The tag that was fetched'),
        files: z => z.array(z.string()),
      },
    },
    async handler(ctx) {
      const target = resolveTarget(ctx.input.reference, env);
      if (!target.tag) {
        throw new InputError(
          'reference must name a tag, e.g. …/cache-operator:v1.0.0',
        );
      }
      const dir = resolveSafeChildPath(
        ctx.workspacePath,
        ctx.input.targetPath ?? '.',
      );
      await mkdir(dir, { recursive: true });
      const store = await env.openStore(target.source);
      const fetched = await downloadPattern(
        store,
        { ...target, tag: target.tag },
        dir,
      );
      const primary = join(dir, primaryFileOf(fetched.kind));
      const document = parseDocument(await readFile(primary, 'utf8'));
      if (ctx.input.version) {
        document.setIn(['metadata', 'version'], ctx.input.version);
        document.deleteIn(['lifecycle', 'deprecation']);
      }
      if (ctx.input.description) {
        document.setIn(['metadata', 'description'], ctx.input.description);
      }
      if (ctx.input.version || ctx.input.description) {
        await writeFile(primary, document.toString());
      }
      ctx.logger.info(
        `Fetched ${target.reference}:${target.tag} (${
          fetched.manifest.digest
        }) into ${ctx.input.targetPath ?? '.'}`,
      );
      ctx.output('kind', fetched.kind);
      ctx.output('name', String(document.getIn(['metadata', 'name'])));
      ctx.output('version', String(document.getIn(['metadata', 'version'])));
      ctx.output('fetchedVersion', target.tag);
      ctx.output(
        'files',
        fetched.files.map(f => f.name),
      );
    },
  });
  return withUserFacingErrors(action);
}
