import {
  compareVersionTags,
  PatternSummary,
  PatternVersion,
} from '@orkspace/backstage-plugin-orkestra-common';

/** Versions newest first (semver; floating-only versions last). */
export function newestFirst(versions: PatternVersion[]): PatternVersion[] {
  return [...versions].sort((a, b) => compareVersionTags(b.version, a.version));
}

/** The version the pattern names as its latest, by digest, else by tag. */
export function findLatest(
  pattern: PatternSummary,
  versions: PatternVersion[],
): PatternVersion | undefined {
  const latest = pattern.latest;
  if (!latest) return undefined;
  return (
    versions.find(v => v.digest === latest.digest) ??
    versions.find(v => v.version === latest.version)
  );
}
