import { NotFoundError } from '@backstage/errors';
import {
  compareVersionTags,
  deprecationState,
  evaluatePolicy,
  isFloatingTag,
  orderPatternVersions,
  PatternVersion,
  PatternVersionHeadline,
  PolicyResult,
} from '@orkspace/backstage-plugin-orkestra-common';
import { isDigest } from '@orkspace/backstage-plugin-orkestra-node';
import {
  PatternStore,
  StoredPattern,
  StoredVersion,
  StoredVersionHeadline,
} from '../store/PatternStore';
import { patternId } from './patternIds';

/** A stored version and its API view. */
export interface VersionView {
  stored: StoredVersion;
  version: PatternVersion;
}

/** The headline of a version's API view. */
export function headline(
  version: Pick<
    PatternVersion,
    | 'version'
    | 'digest'
    | 'created'
    | 'signals'
    | 'deprecationState'
    | 'maturity'
  > & { policy: Pick<PolicyResult, 'status'> },
): PatternVersionHeadline {
  return {
    version: version.version,
    digest: version.digest,
    ...(version.created ? { created: version.created } : {}),
    simulate: version.signals.simulate.state,
    e2e: version.signals.e2e.state,
    deprecated: version.signals.deprecation !== undefined,
    deprecationState: version.deprecationState,
    ...(version.maturity ? { maturity: version.maturity } : {}),
    policyStatus: version.policy.status,
  };
}

/** The headline of `versionView(version, [tag])`, from the headline columns alone. */
export function versionHeadline(
  version: StoredVersionHeadline,
  tag: string | null,
  now: Date,
): PatternVersionHeadline {
  const { signals } = version;
  return headline({
    version: tag || (version.version ?? version.digest),
    digest: version.digest,
    ...(version.created ? { created: version.created } : {}),
    signals,
    deprecationState: deprecationState(signals.deprecation, now).state,
    ...(version.maturity ? { maturity: version.maturity } : {}),
    policy: {
      status:
        version.policyStatus ??
        evaluatePolicy({ reference: '', signals }, {}, now).status,
    },
  });
}

/** A version as the API shows it, named by its highest tag. */
export function versionView(
  version: StoredVersion,
  tags: string[],
  now: Date,
): PatternVersion {
  const { signals } = version;
  const ordered = [...tags]
    .filter(Boolean)
    .sort((a, b) => compareVersionTags(b, a));
  const name = ordered[0] ?? version.version ?? version.digest;
  return {
    digest: version.digest,
    version: name,
    tags: ordered,
    floatingOnly: ordered.length > 0 && isFloatingTag(ordered[0]),
    untagged: ordered.length === 0,
    ...(version.created ? { created: version.created } : {}),
    mediaType: version.mediaType,
    size: version.manifestSize,
    signals,
    ...(version.maturity ? { maturity: version.maturity } : {}),
    deprecationState: deprecationState(signals.deprecation, now).state,
    policy:
      version.policy ?? evaluatePolicy({ reference: '', signals }, {}, now),
    crds: version.crds,
    problems: version.problems,
    firstSeenAt: version.firstSeenAt,
  };
}

/** Every version, newest first: tagged versions in version order, then untagged ones. */
export async function listVersionViews(
  store: PatternStore,
  pattern: StoredPattern,
  now: Date,
): Promise<VersionView[]> {
  const versions = await store.listVersions(pattern.id);
  const tags = (await store.listTags(pattern.id)).filter(t => !t.missingSince);
  const byId = new Map(versions.map(v => [v.id, v]));
  const ordered = orderPatternVersions(
    tags
      .filter(t => byId.has(t.versionId))
      .map(t => ({
        tag: t.tag,
        digest: byId.get(t.versionId)!.digest,
        created: byId.get(t.versionId)!.created ?? undefined,
      })),
  );
  const byDigest = new Map(versions.map(v => [v.digest, v]));
  const views = ordered.map(v => ({
    stored: byDigest.get(v.digest)!,
    version: versionView(byDigest.get(v.digest)!, v.tags, now),
  }));
  const tagged = new Set(ordered.map(v => v.digest));
  const untagged = versions
    .filter(v => !tagged.has(v.digest))
    .sort((a, b) => (b.created ?? '').localeCompare(a.created ?? ''))
    .map(stored => ({ stored, version: versionView(stored, [], now) }));
  return [...views, ...untagged];
}

/** The version named by a tag or a digest; NotFoundError when the pattern has none. */
export async function findVersion(
  store: PatternStore,
  pattern: StoredPattern,
  version: string,
  now: Date,
): Promise<VersionView> {
  const views = await listVersionViews(store, pattern, now);
  const found = isDigest(version)
    ? views.find(v => v.stored.digest === version)
    : views.find(v => v.version.tags.includes(version));
  if (!found)
    throw new NotFoundError(`${patternId(pattern)} has no version ${version}`);
  return found;
}
