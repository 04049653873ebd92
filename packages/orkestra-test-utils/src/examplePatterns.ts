import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'yaml';
import {
  checkTagMatchesVersion,
  Descriptor,
  E2eRecord,
  indexEntryFor,
  namespaceOf,
  OciStore,
  packPattern,
  PatternValidationError,
  publishPattern,
  readPatternDirectory,
  SimulateRecord,
  updatePatternIndex,
} from '@orkspace/backstage-plugin-orkestra-node';

/** The repository root, two levels above this package (packages/orkestra-test-utils). */
const REPOSITORY_ROOT = resolve(
  dirname(require.resolve('@orkspace/orkestra-test-utils/package.json')),
  '../..',
);

/** `examples/patterns` of this repository: the example sources and their publish plan. */
export const EXAMPLE_PATTERNS_DIR = join(REPOSITORY_ROOT, 'examples/patterns');

/** `examples/registry`: the OCI image layout built from them. */
export const EXAMPLE_REGISTRY_DIR = join(REPOSITORY_ROOT, 'examples/registry');

/** The demo's Software Templates. */
export const EXAMPLE_TEMPLATES_DIR = join(
  REPOSITORY_ROOT,
  'examples/templates',
);

/** One push of the publish plan, replayed as `ork push` would have done it. */
export interface PlannedPush {
  path: string;
  repository: string;
  tag: string;
  pushedAt: string;
  /** `ork push --force`: tag/version mismatch tolerated, gates recorded as skipped. */
  force?: boolean;
  simulate?: {
    status: SimulateRecord['status'];
    testedAt: string;
    durationMs?: number;
    assertions?: number;
  };
  e2e?: {
    status: E2eRecord['status'];
    testedAt: string;
    runner: string;
    durationMs?: number;
    assertions?: number;
  };
  typed?: { hasHooks?: boolean; hasConstructor?: boolean };
}

export interface PublishPlan {
  /** The registry host the examples name in their references. */
  registry: string;
  runtimeVersion?: string;
  pushes: PlannedPush[];
}

export interface PublishedExample {
  push: PlannedPush;
  manifest: Descriptor;
}

/** Reads `publish-plan.yaml`. The gate results in it are given, not measured. */
export async function readPublishPlan(
  dir: string = EXAMPLE_PATTERNS_DIR,
): Promise<PublishPlan> {
  const plan = parse(
    await readFile(join(dir, 'publish-plan.yaml'), 'utf8'),
  ) as PublishPlan;
  if (!plan || !Array.isArray(plan.pushes)) {
    throw new PatternValidationError(
      `${dir}/publish-plan.yaml has no pushes list`,
    );
  }
  return plan;
}

function date(value: string, what: string): Date {
  const parsed = new Date(value);
  if (Number.isNaN(parsed.getTime()))
    throw new PatternValidationError(`${what}: invalid time ${value}`);
  return parsed;
}

/**
 * Replays the publish plan into a store with the codec: every push packed
 * and pushed like `ork push`, then the namespace's index updated, with the
 * plan's times, so the result is the same bytes on every run.
 */
export async function publishExamplePatterns(
  store: OciStore,
  options: { dir?: string; plan?: PublishPlan } = {},
): Promise<PublishedExample[]> {
  const dir = options.dir ?? EXAMPLE_PATTERNS_DIR;
  const plan = options.plan ?? (await readPublishPlan(dir));
  const published: PublishedExample[] = [];
  for (const push of plan.pushes) {
    const what = `${push.repository}:${push.tag} (${push.path})`;
    const pattern = await readPatternDirectory(join(dir, push.path));
    const mismatch = checkTagMatchesVersion(pattern.meta, push.tag);
    if (mismatch && !push.force && !push.path.endsWith('-deprecated')) {
      throw new PatternValidationError(`${what}: ${mismatch}`);
    }
    const created = date(push.pushedAt, what);
    const packed = await packPattern(pattern, {
      created,
      runtimeVersion: plan.runtimeVersion,
      simulate: push.simulate && {
        ...push.simulate,
        testedAt: date(push.simulate.testedAt, what),
      },
      e2e: push.e2e && { ...push.e2e, testedAt: date(push.e2e.testedAt, what) },
      typed: push.typed && {
        hasHooks: push.typed.hasHooks ?? false,
        hasConstructor: push.typed.hasConstructor ?? false,
      },
    });
    const manifest = await publishPattern(
      store,
      { repository: push.repository, tag: push.tag },
      packed,
    );
    await updatePatternIndex(
      store,
      namespaceOf(push.repository),
      indexEntryFor({
        name: pattern.meta.name,
        version: pattern.meta.version, // ork writes metadata.version, even for a forced tag
        description: pattern.meta.description,
        tags: pattern.meta.tags,
        author: pattern.meta.author,
        kind: pattern.meta.kind,
        e2eStatus: push.e2e?.status,
        simulateStatus: push.simulate?.status,
        deprecated: pattern.meta.deprecation !== undefined,
      }),
      { now: () => created, settleMs: 0 },
    );
    published.push({ push, manifest });
  }
  return published;
}
