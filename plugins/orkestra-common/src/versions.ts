import type SemVer from 'semver/classes/semver';
import parse from 'semver/functions/parse';

/**
 * A version tag parsed as semver, with or without a leading `v`.
 *
 * @public
 */
export interface ParsedVersion {
  major: number;
  minor: number;
  patch: number;
  prerelease: Array<string | number>;
}

// `ork` tags are semver-looking by convention (`v1.2.3`); `1.2` and `v1` occur
// too. This pattern only accepts those shapes and fills in the missing numbers;
// `semver` then checks the identifiers and does the ordering.
const ORK_VERSION_SHAPE =
  /^v?(0|[1-9]\d*)(?:\.(0|[1-9]\d*))?(?:\.(0|[1-9]\d*))?((?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?)$/;

/** The tag as a full semver version, or undefined when it names no version. */
function toSemVer(tag: string): SemVer | undefined {
  const match = ORK_VERSION_SHAPE.exec(tag);
  if (!match) return undefined;
  const [, major, minor = '0', patch = '0', rest] = match;
  // Loose: `ork` accepts numeric pre-release identifiers with leading zeros.
  return (
    parse(`${major}.${minor}.${patch}${rest}`, { loose: true }) ?? undefined
  );
}

/**
 * Parses `v1.2.3`, `1.2.3-rc.1+build`, `v1.2`, `1`; undefined for anything else (`latest`, `stable`).
 *
 * @public
 */
export function parseVersion(tag: string): ParsedVersion | undefined {
  const version = toSemVer(tag);
  if (!version) return undefined;
  return {
    major: version.major,
    minor: version.minor,
    patch: version.patch,
    prerelease: [...version.prerelease],
  };
}

/** `v1.0.0` and `1.0.0` are the same version: the `v` form, ork's convention, ranks higher. */
function preferVPrefix(a: string, b: string): number {
  const va = a.startsWith('v');
  const vb = b.startsWith('v');
  if (va === vb) return 0;
  return va ? 1 : -1;
}

/**
 * Semver precedence of two tags; negative when `a` is older. Tags that are
 * not versions (floating tags) rank below every version and by name among
 * themselves, so sorting is total and stable.
 *
 * @public
 */
export function compareVersionTags(a: string, b: string): number {
  const x = toSemVer(a);
  const y = toSemVer(b);
  if (!x || !y) {
    if (x) return 1;
    if (y) return -1;
    return a.localeCompare(b);
  }
  return x.compare(y) || preferVPrefix(a, b);
}

/**
 * A tag that names no version: `latest`, `stable`, `main`, ...
 *
 * @public
 */
export function isFloatingTag(tag: string): boolean {
  return parseVersion(tag) === undefined;
}

/**
 * Tags cosign and similar tools write next to an artifact
 * (`sha256-<hex>.sig`, `.att`, `.sbom`, and bare `sha256-<hex>` referrer
 * fallback indexes). They are not pattern versions.
 *
 * @public
 */
export function isSupplyChainTag(tag: string): boolean {
  return /^(sha256-[a-f0-9]{64}|sha512-[a-f0-9]{128})(\.(sig|att|sbom))?$/.test(
    tag,
  );
}

/**
 * One tag of a repository, resolved to the manifest it points to.
 *
 * @public
 */
export interface TaggedManifest {
  tag: string;
  digest: string;
  /** `org.opencontainers.image.created`, when known. */
  created?: string;
}

/**
 * One version of a pattern: a manifest digest with every tag pointing to it.
 *
 * @public
 */
export interface PatternVersionTags {
  digest: string;
  /** The tag that names this version: the highest version tag, else a floating one. */
  version: string;
  /** All tags pointing to this digest, primary first. */
  tags: string[];
  /** True when only floating tags point to this digest. */
  floatingOnly: boolean;
  created?: string;
}

/**
 * Groups tags by digest (a floating `latest` and `v1.2.0` on one manifest
 * are one version), drops supply-chain tags, and orders versions newest first:
 * by semver when the version is a version tag, floating-only versions after
 * them by creation time (newest first), as `ork inspect --versions` does.
 *
 * @public
 */
export function orderPatternVersions(
  manifests: TaggedManifest[],
): PatternVersionTags[] {
  const byDigest = new Map<string, TaggedManifest[]>();
  for (const manifest of manifests) {
    if (isSupplyChainTag(manifest.tag)) continue;
    const group = byDigest.get(manifest.digest) ?? [];
    group.push(manifest);
    byDigest.set(manifest.digest, group);
  }

  const versions: PatternVersionTags[] = [...byDigest.entries()].map(
    ([digest, group]) => {
      const tags = group
        .map(m => m.tag)
        .sort((a, b) => compareVersionTags(b, a));
      const created = group.find(m => m.created)?.created;
      return {
        digest,
        version: tags[0],
        tags,
        floatingOnly: isFloatingTag(tags[0]),
        ...(created ? { created } : {}),
      };
    },
  );

  return versions.sort((a, b) => {
    if (a.floatingOnly !== b.floatingOnly) return a.floatingOnly ? 1 : -1;
    if (!a.floatingOnly) {
      const bySemver = compareVersionTags(b.version, a.version);
      if (bySemver !== 0) return bySemver;
    }
    const byCreated = (b.created ?? '').localeCompare(a.created ?? '');
    return (
      byCreated ||
      a.version.localeCompare(b.version) ||
      a.digest.localeCompare(b.digest)
    );
  });
}
