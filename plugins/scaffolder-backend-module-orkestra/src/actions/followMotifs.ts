import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  createTemplateAction,
  TemplateAction,
} from '@backstage/plugin-scaffolder-node';
import {
  KatalogModel,
  parseKatalog,
  PatternValidationError,
} from '@orkspace/backstage-plugin-orkestra-node';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { describeFollowResult, followMotifs } from '../publishing/followMotifs';
import { portalClient } from '../publishing/portalClient';
import { PublishingEnvironment } from '../publishing/PublishingEnvironment';
import { withUserFacingErrors } from '../publishing/userFacingError';

// The return type is spelled out: inferred from the zod schema below, the
// keys of the nested objects come out in an order that changes from one
// TypeScript build to the next, and report.api.md with it.
/**
 * `orkestra:follow-motifs`: the seed's "katalog follows". Moves every Motif
 * import of a Katalog in the workspace that is behind to the newest version
 * that is not deprecated, and says what each newer version brings.
 *
 * @public
 */
export function createFollowMotifsAction(
  env: PublishingEnvironment,
): TemplateAction<
  { path?: string; motifs?: string[] },
  {
    changed: boolean;
    upgrades: {
      what: string;
      motif: string;
      from: string;
      to: string;
      releases: { version: string; created?: string; description?: string }[];
    }[];
    summary: string;
  },
  'v2'
> {
  const action = createTemplateAction({
    id: 'orkestra:follow-motifs',
    description:
      "Moves a Katalog's Motif imports that are behind to the newest non-deprecated version the portal knows, keeping the YAML's comments, and lists what each newer version brings",
    supportsDryRun: true,
    examples: [
      {
        description: 'Follow every Motif of a fetched Katalog',
        example: [
          'steps:',
          '  - id: follow',
          '    action: orkestra:follow-motifs',
          '    input:',
          '      path: ./katalog',
        ].join('\n'),
      },
    ],
    schema: {
      input: {
        path: z =>
          z
            .string()
            .describe('Katalog folder, relative to the workspace')
            .default('.')
            .optional(),
        motifs: z =>
          z
            .array(z.string())
            .describe(
              'Only these Motifs (registry/repository); every Motif when empty',
            )
            .optional(),
      },
      output: {
        changed: z => z.boolean().describe('Whether any import was moved'),
        upgrades: z =>
          z
            .array(
              z.object({
                what: z.string(),
                motif: z.string(),
                from: z.string(),
                to: z.string(),
                releases: z.array(
                  z.object({
                    version: z.string(),
                    created: z.string().optional(),
                    description: z.string().optional(),
                  }),
                ),
              }),
            )
            .describe('The imports that were moved'),
        summary: z =>
          z
            .string()
            .describe('Markdown: what moved and what each version brings'),
      },
    },
    async handler(ctx) {
      const dir = resolveSafeChildPath(
        ctx.workspacePath,
        ctx.input.path ?? '.',
      );
      const file = join(dir, 'katalog.yaml');
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch {
        throw new InputError(
          `${
            ctx.input.path ?? '.'
          } has no katalog.yaml; only a Katalog follows its Motifs`,
        );
      }
      const document = parseDocument(text);
      if (document.errors.length) {
        throw new InputError(
          `katalog.yaml is not valid YAML: ${document.errors[0].message}`,
        );
      }
      let katalog: KatalogModel;
      try {
        katalog = parseKatalog(text);
      } catch (error) {
        if (!(error instanceof PatternValidationError)) throw error;
        throw new InputError(error.message);
      }
      const result = await followMotifs(katalog, document, {
        sources: env.sources,
        portal: portalClient(env, await ctx.getInitiatorCredentials()),
        only: ctx.input.motifs,
      });
      for (const upgrade of result.upgrades) {
        ctx.logger.info(
          `${upgrade.what}: ${upgrade.motif} ${upgrade.from} -> ${upgrade.to}`,
        );
      }
      for (const skipped of result.skipped) {
        ctx.logger.warn(
          `${skipped.what}: ${skipped.motif} not followed: ${skipped.reason}`,
        );
      }
      if (result.upgrades.length) await writeFile(file, document.toString());
      ctx.output('changed', result.upgrades.length > 0);
      ctx.output('upgrades', result.upgrades);
      ctx.output('summary', describeFollowResult(result));
    },
  });
  return withUserFacingErrors(action);
}
