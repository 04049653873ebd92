import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotAllowedError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { orkestraPatternPublishPermission } from '@orkspace/backstage-plugin-orkestra-common';
import {
  detectTypedKatalog,
  extractRuntimeVersionFromGoMod,
  OciNotFoundError,
  PackOptions,
  PatternIndexNotUpdatedError,
  PushedPattern,
  pushPattern,
  toE2eRecord,
  toSimulateRecord,
} from '@orkspace/backstage-plugin-orkestra-node';
import { join } from 'node:path';
import { PublishingEnvironment } from '../publishing/PublishingEnvironment';
import { requirePermission, resolveTarget } from '../publishing/resolveTarget';
import { publishedPolicy } from '../publishing/publishedPolicy';
import { publishSummary } from '../publishing/publishSummary';
import { requestResync } from '../publishing/requestResync';
import { runGate } from '../publishing/runGate';
import { withUserFacingErrors } from '../publishing/userFacingError';
import { validatePatternFolder } from '../publishing/validatePatternFolder';
import { requireVersionTag } from '../publishing/versionTag';

/**
 * Options of {@link createPublishAction}.
 *
 * @public
 */
export interface PublishActionOptions {
  /**
   * `orkestra.gates.runtimeVersion`: what `ork version` (`version.Short()`)
   * says for the ork the gates run, e.g. `v0.7.6`. `ork push` records it as
   * `io.orkestra.katalog.runtime_version` unless a typed Katalog's go.mod
   * requires orkestra; without it that annotation is left out.
   */
  runtimeVersion?: string;
}

/**
 * `orkestra:publish`: the gated push of `ork push`. Validate, run simulate
 * and e2e through the gate runner, push with the exact annotations `ork`
 * writes, update the index artifact, and ask the portal to resync.
 *
 * @public
 */
export function createPublishAction(
  env: PublishingEnvironment,
  options: PublishActionOptions = {},
) {
  const action = createTemplateAction({
    id: 'orkestra:publish',
    description:
      'Publishes a pattern folder from the workspace like `ork push`: validation, simulate and e2e gates, the push with its quality signals, and the index artifact',
    supportsDryRun: true,
    examples: [
      {
        description: 'Publish the generated Katalog after its gates',
        example: [
          'steps:',
          '  - id: publish',
          '    action: orkestra:publish',
          '    input:',
          '      path: ./katalog',
          '      target: oci.orkestra.example/orkestra/katalogs/${{ parameters.name }}',
          '      tag: ${{ parameters.version }}',
        ].join('\n'),
      },
    ],
    schema: {
      input: {
        path: z =>
          z
            .string()
            .describe('Pattern folder, relative to the workspace')
            .default('.')
            .optional(),
        target: z =>
          z
            .string()
            .describe('Repository to publish to: registry/repository (no tag)'),
        tag: z =>
          z
            .string()
            .describe(
              'Version tag, a semver version such as v1.2.0; defaults to metadata.version',
            )
            .optional(),
        force: z =>
          z
            .boolean()
            .describe(
              'Like ork push --force: tolerate a tag/version mismatch and record both gates as skipped',
            )
            .default(false)
            .optional(),
        skipSimulate: z =>
          z
            .boolean()
            .describe('Like --no-simulate: record simulate as skipped')
            .default(false)
            .optional(),
        skipE2e: z =>
          z
            .boolean()
            .describe('Like --no-e2e: record e2e as skipped')
            .default(false)
            .optional(),
        overwrite: z =>
          z
            .boolean()
            .describe(
              'Allow replacing a version tag that already exists (e.g. a deprecation re-push)',
            )
            .default(false)
            .optional(),
      },
      output: {
        reference: z => z.string().describe('registry/repository:tag'),
        digest: z => z.string().describe('Digest of the pushed manifest'),
        simulate: z =>
          z.string().describe('Recorded simulate status, or absent'),
        e2e: z => z.string().describe('Recorded e2e status, or absent'),
        forced: z =>
          z
            .boolean()
            .describe(
              'Whether a gate was skipped on request (recorded as skipped)',
            ),
        policyStatus: z =>
          z
            .enum(['pass', 'warn', 'fail'])
            .describe('The portal policy of the published version')
            .optional(),
        policyReasons: z =>
          z
            .array(z.string())
            .describe('Why the version warns or fails the portal policy'),
        headline: z =>
          z
            .string()
            .describe(
              'A heading for the result: never "Published" alone for a forced version or one that does not pass policy',
            ),
        summary: z =>
          z
            .string()
            .describe(
              'One sentence: what was published, whether gates were forced, and the policy verdict with its reasons',
            ),
      },
    },
    async handler(ctx) {
      const input = ctx.input;
      const forced =
        input.force === true ||
        input.skipSimulate === true ||
        input.skipE2e === true;

      // Every check that needs no registry request comes first.
      const target = resolveTarget(input.target, env);
      await requirePermission(
        env,
        orkestraPatternPublishPermission,
        await ctx.getInitiatorCredentials(),
      );
      if (forced && !env.allowForcedPublish) {
        throw new NotAllowedError(
          'forcing or skipping gates is not allowed by the portal policy (orkestra.policy.allowForcedPublish)',
        );
      }
      if (input.tag !== undefined) requireVersionTag('tag', input.tag);
      const dir = resolveSafeChildPath(ctx.workspacePath, input.path ?? '.');
      const { report, pattern, importedDeprecations } =
        await validatePatternFolder(
          dir,
          { tag: input.tag ?? target.tag, force: input.force },
          env,
          await ctx.getInitiatorCredentials(),
        );
      for (const warning of report.warnings) ctx.logger.warn(warning);
      if (!pattern || report.errors.length) {
        throw new InputError(
          `The pattern is not valid:\n- ${report.errors.join('\n- ')}`,
        );
      }
      const tag = input.tag ?? target.tag ?? pattern.meta.version;
      // Before any gate runs or any request reaches the registry.
      requireVersionTag('tag', tag);
      if (pattern.meta.version !== tag)
        requireVersionTag('metadata.version', pattern.meta.version);
      const reference = `${target.reference}:${tag}`;
      if (ctx.isDryRun) {
        ctx.output('reference', reference);
        ctx.output('digest', 'sha256:dry-run');
        ctx.output('simulate', 'dry-run');
        ctx.output('e2e', 'dry-run');
        ctx.output('forced', forced);
        ctx.output('policyReasons', []);
        ctx.output('headline', 'Dry run');
        ctx.output(
          'summary',
          `Dry run: ${reference} would be published; no gate ran and nothing was pushed.`,
        );
        return;
      }

      const store = await env.openStore(target.source);
      if (!input.overwrite) {
        try {
          await store.resolve(target.repository, tag);
          throw new ConflictError(
            `${reference} already exists; set overwrite to replace the tag`,
          );
        } catch (error) {
          if (!(error instanceof OciNotFoundError)) throw error;
        }
      }

      const gateRun = {
        reference,
        taskId: ctx.task.id,
        initiator: await ctx.getInitiatorCredentials(),
        options: {
          signal: ctx.signal,
          onOutput: (line: string) => ctx.logger.info(line),
        },
        log: (message: string) => ctx.logger.info(message),
      };
      const simulate = await runGate(env, 'simulate', dir, gateRun, {
        skip: input.force || input.skipSimulate,
      });
      const simulateRecord = toSimulateRecord(simulate);
      // ork: --force skips e2e only when there is an e2e.yaml; --no-e2e records skipped even without one.
      const hasE2e = pattern.files.some(f => f.name === 'e2e.yaml');
      const e2e = await runGate(env, 'e2e', dir, gateRun, {
        skip: input.skipE2e || (input.force && hasE2e),
      });
      const e2eRecord = toE2eRecord(e2e);

      // ork cmd/cli/push.go: the typed flags from katalog.yaml (Katalogs only), and
      // version.Short() unless a typed Katalog's go.mod requires orkestra.
      const typed =
        pattern.meta.kind === 'Katalog'
          ? await detectTypedKatalog(join(dir, 'katalog.yaml'))
          : undefined;
      let runtimeVersion = options.runtimeVersion || undefined;
      if (typed) {
        const fromGoMod = await extractRuntimeVersionFromGoMod(dir);
        if (fromGoMod) runtimeVersion = fromGoMod;
      }

      const pack: PackOptions = {
        created: new Date(),
        simulate: simulateRecord,
        e2e: e2eRecord,
        typed,
        runtimeVersion,
      };
      let pushed: PushedPattern;
      try {
        pushed = await pushPattern({
          store,
          registry: target.registry,
          repository: target.repository,
          tag,
          pattern,
          pack,
        });
      } catch (error) {
        // The version is in the registry: say so, since publishing again without overwrite is refused.
        if (!(error instanceof PatternIndexNotUpdatedError)) throw error;
        throw new Error(
          `${error.message}. Publish again with overwrite: true to update it.`,
          { cause: error.cause },
        );
      }
      const { manifest } = pushed;
      ctx.logger.info(`Pushed ${reference} (${manifest.digest})`);
      await requestResync(
        env,
        target.source.id,
        target.repository,
        await ctx.getInitiatorCredentials(),
      );

      ctx.output('reference', reference);
      ctx.output('digest', manifest.digest);
      ctx.output('simulate', simulateRecord?.status ?? 'absent');
      ctx.output('e2e', e2eRecord?.status ?? 'absent');

      const policy = publishedPolicy(
        {
          repository: target.reference,
          meta: pattern.meta,
          pack,
          maturity: report.maturity,
          imports: report.registryImports,
          importedDeprecations,
        },
        env.policy,
        pack.created,
      );
      const skippedGates = [simulate, e2e]
        .filter(outcome => outcome.status === 'skipped')
        .map(outcome => outcome.gate);
      const { headline, summary } = publishSummary({
        reference,
        skippedGates,
        policy,
      });
      if (policy.status === 'pass') ctx.logger.info(summary);
      else ctx.logger.warn(summary);
      ctx.output('forced', skippedGates.length > 0);
      ctx.output('policyStatus', policy.status);
      ctx.output(
        'policyReasons',
        policy.reasons.map(reason => reason.message),
      );
      ctx.output('headline', headline);
      ctx.output('summary', summary);
    },
  });
  return withUserFacingErrors(action);
}
