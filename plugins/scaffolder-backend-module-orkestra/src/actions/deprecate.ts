import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  GateSignal,
  orkestraPatternDeprecatePermission,
} from '@orkspace/backstage-plugin-orkestra-common';
import {
  E2eRecord,
  pushPattern,
  readPatternDirectory,
  SimulateRecord,
} from '@orkspace/backstage-plugin-orkestra-node';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { checkDeprecationInput, DATE } from '../publishing/deprecationInput';
import { PublishingEnvironment } from '../publishing/PublishingEnvironment';
import { withUserFacingErrors } from '../publishing/userFacingError';
import { downloadPattern, primaryFileOf } from '../publishing/downloadPattern';
import { requestResync } from '../publishing/requestResync';
import { requirePermission, resolveTarget } from '../publishing/resolveTarget';

function simulateRecord(signal: GateSignal): SimulateRecord | undefined {
  if (
    !['passed', 'no-assertion', 'skipped'].includes(signal.state) ||
    !signal.testedAt
  )
    return undefined;
  return {
    status: signal.state as SimulateRecord['status'],
    testedAt: new Date(signal.testedAt),
    duration: signal.duration,
    assertions: signal.assertions,
  };
}

function e2eRecord(signal: GateSignal): E2eRecord | undefined {
  if (!['passed', 'skipped'].includes(signal.state) || !signal.testedAt)
    return undefined;
  return {
    status: signal.state as E2eRecord['status'],
    testedAt: new Date(signal.testedAt),
    runner: signal.runner ?? 'local',
    duration: signal.duration,
    assertions: signal.assertions,
  };
}

/**
 * `orkestra:deprecate`: marks a published version deprecated the way `ork`
 * does: the same version re-pushed under its tag with a top-level
 * `lifecycle.deprecation` block (migratedTo, message, timeline). The gate
 * results of the version are carried over with their original times: the
 * operator's behaviour did not change, only its lifecycle metadata.
 *
 * @public
 */
export function createDeprecateAction(env: PublishingEnvironment) {
  const action = createTemplateAction({
    id: 'orkestra:deprecate',
    description:
      'Marks a published pattern version deprecated, with its replacement and timeline, like ork does',
    supportsDryRun: true,
    schema: {
      input: {
        reference: z =>
          z
            .string()
            .describe('The version to deprecate: registry/repository:tag'),
        migratedTo: z =>
          z.string().describe('Reference of the replacement').optional(),
        message: z => z.string().describe('What users should do').optional(),
        from: z =>
          z
            .string()
            .regex(DATE)
            .describe('Deprecated from (YYYY-MM-DD)')
            .optional(),
        to: z =>
          z
            .string()
            .regex(DATE)
            .describe('End of life (YYYY-MM-DD)')
            .optional(),
      },
      output: {
        reference: z => z.string(),
        digest: z => z.string().describe('Digest of the re-pushed manifest'),
      },
    },
    async handler(ctx) {
      const target = resolveTarget(ctx.input.reference, env);
      if (!target.tag)
        throw new InputError(
          'reference must name the version tag, e.g. …/webapp-operator:v1.0.0',
        );
      checkDeprecationInput(ctx.input, env);
      await requirePermission(
        env,
        orkestraPatternDeprecatePermission,
        await ctx.getInitiatorCredentials(),
      );
      const reference = `${target.reference}:${target.tag}`;
      if (ctx.isDryRun) {
        ctx.output('reference', reference);
        ctx.output('digest', 'sha256:dry-run');
        return;
      }

      const store = await env.openStore(target.source);
      const dir = await ctx.createTemporaryDirectory();
      const current = await downloadPattern(
        store,
        { ...target, tag: target.tag },
        dir,
      );
      const primary = primaryFileOf(current.kind);
      const document = parseDocument(
        await readFile(join(dir, primary), 'utf8'),
      );
      const deprecation: Record<string, unknown> = {};
      if (ctx.input.migratedTo) deprecation.migratedTo = ctx.input.migratedTo;
      if (ctx.input.message) deprecation.message = ctx.input.message;
      if (ctx.input.from || ctx.input.to) {
        deprecation.timeline = {
          ...(ctx.input.from ? { from: ctx.input.from } : {}),
          ...(ctx.input.to ? { to: ctx.input.to } : {}),
        };
      }
      document.setIn(
        ['lifecycle', 'deprecation'],
        document.createNode(deprecation),
      );
      await writeFile(join(dir, primary), document.toString());

      const pattern = await readPatternDirectory(dir);
      const { manifest } = await pushPattern({
        store,
        registry: target.registry,
        repository: target.repository,
        tag: target.tag,
        pattern,
        pack: {
          simulate: simulateRecord(current.signals.simulate),
          e2e: e2eRecord(current.signals.e2e),
          typed: current.signals.typed,
          runtimeVersion: current.signals.runtimeVersion,
        },
        // The index keeps the statuses the version was published with.
        index: {
          simulateStatus: current.signals.simulate.raw,
          e2eStatus: current.signals.e2e.raw,
          deprecated: true,
        },
      });
      await requestResync(
        env,
        target.source.id,
        target.repository,
        await ctx.getInitiatorCredentials(),
      );
      ctx.logger.info(
        `Deprecated ${reference}: re-pushed as ${manifest.digest}`,
      );
      ctx.output('reference', reference);
      ctx.output('digest', manifest.digest);
    },
  });
  return withUserFacingErrors(action);
}
