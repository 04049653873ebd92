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

// `ork` tags are semver-looking by convention (`v1.2.3`); `1.2` and `v1` occur too.
const VERSION_PATTERN =
  /^v?(0|[1-9]\d*)(?:\.(0|[1-9]\d*))?(?:\.(0|[1-9]\d*))?(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;

/**
 * Parses `v1.2.3`, `1.2.3-rc.1+build`, `v1.2`, `1`; undefined for anything else (`latest`, `stable`).
 *
 * @public
 */
export function parseVersion(tag: string): ParsedVersion | undefined {
  const match = VERSION_PATTERN.exec(tag);
  if (!match) return undefined;
  return {
    major: Number(match[1]),
    minor: Number(match[2] ?? 0),
    patch: Number(match[3] ?? 0),
    prerelease: match[4]
      ? match[4]
          .split('.')
          .map(part => (/^\d+$/.test(part) ? Number(part) : part))
      : [],
  };
}

function comparePrerelease(
  a: Array<string | number>,
  b: Array<string | number>,
): number {
  // A release ranks above any of its pre-releases.
  if (a.length === 0 || b.length === 0) return b.length - a.length;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    if (typeof x === 'number') return -1;
    if (typeof y === 'number') return 1;
    return x < y ? -1 : 1;
  }
  return a.length - b.length;
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
  const x = parseVersion(a);
  const y = parseVersion(b);
  if (!x || !y) {
    if (x) return 1;
    if (y) return -1;
    return a.localeCompare(b);
  }
  return (
    x.major - y.major ||
    x.minor - y.minor ||
    x.patch - y.patch ||
    comparePrerelease(x.prerelease, y.prerelease) ||
    preferVPrefix(a, b)
  );
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
