import {
  formatAge,
  OrkestraApi,
  describeResponseError,
  isNotFoundResponse,
  UpgradePath,
} from '@orkspace/backstage-plugin-orkestra-common';
import {
  KatalogModel,
  patternImports,
  SourceConfig,
  sourceForRepository,
} from '@orkspace/backstage-plugin-orkestra-node';
import { Document, isMap, YAMLMap } from 'yaml';

/** One newer version of an imported Motif, with what it brings. */
export interface MotifRelease {
  version: string;
  created?: string;
  description?: string;
}

/** A Motif import that was behind, and the version it now imports. */
export interface MotifUpgrade {
  /** Where the import is, e.g. `spec.crds.cache.imports[0]`. */
  what: string;
  /** `registry/repository` of the Motif. */
  motif: string;
  from: string;
  to: string;
  /** Every version newer than `from` up to `to`, oldest first. */
  releases: MotifRelease[];
}

/** An import that could not be followed, and why. */
export interface SkippedImport {
  what: string;
  motif: string;
  reason: string;
}

export interface FollowResult {
  upgrades: MotifUpgrade[];
  skipped: SkippedImport[];
}

/** Rewrites an import entry to `version`, keeping the form it was written in. */
function setImportVersion(node: YAMLMap, version: string): boolean {
  if (node.has('version')) {
    node.set('version', version);
    return true;
  }
  const url = String(node.get('motif'));
  const at = url.lastIndexOf('@');
  if (at > url.lastIndexOf('/')) {
    node.set('motif', `${url.slice(0, at)}@${version}`);
    return true;
  }
  const colon = url.lastIndexOf(':');
  if (colon > url.lastIndexOf('/')) {
    node.set('motif', `${url.slice(0, colon)}:${version}`);
    return true;
  }
  return false;
}

/**
 * The seed's "katalog follows": for every Motif import of `katalog` that is
 * behind, moves it to the newest version that is not deprecated, as the
 * portal knows it. Edits `document`, the YAML `katalog` was read from, in
 * place, keeping its comments.
 */
export async function followMotifs(
  katalog: KatalogModel,
  document: Document,
  options: {
    sources: SourceConfig[];
    portal: Pick<OrkestraApi, 'getUpgradePath' | 'getVersion'>;
    /** Only these `registry/repository` Motifs; all when absent or empty. */
    only?: string[];
  },
): Promise<FollowResult> {
  const result: FollowResult = { upgrades: [], skipped: [] };
  for (const entry of patternImports({ katalog })) {
    const what = `${entry.list}[${entry.index}]`;
    const node = document.getIn(entry.path);
    const skip = (motif: string, reason: string) =>
      result.skipped.push({ what, motif, reason });
    const parsed = entry.reference;
    if (!isMap(node)) continue; // not in the document katalog was read from
    if (!parsed) {
      skip(entry.url, entry.problem!);
      continue;
    }
    if (parsed.type !== 'oci') {
      skip(entry.url, `a ${parsed.type} import is not followed`);
      continue;
    }
    const { registry, repository, tag, digest } = parsed.reference;
    const motif = `${registry}/${repository}`;
    if (options.only?.length && !options.only.includes(motif)) continue;
    if (digest) {
      skip(motif, 'pinned by digest');
      continue;
    }
    const source = sourceForRepository(options.sources, registry, repository);
    if (!source || !tag) {
      skip(motif, 'not in any configured source');
      continue;
    }
    const id = `${source.id}:${repository}`;
    let path: UpgradePath;
    try {
      path = await options.portal.getUpgradePath(id, tag);
    } catch (error) {
      if (isNotFoundResponse(error)) {
        skip(motif, `${tag} is not known to the portal`);
        continue;
      }
      throw new Error(
        `${what}: the portal could not be asked for the versions of ${motif} after ${tag}: ${describeResponseError(
          error as Error,
        )}`,
        { cause: error },
      );
    }
    const candidates = path.steps.filter(
      step => step.headline.deprecationState === 'none',
    );
    const target = candidates[candidates.length - 1];
    if (!target) {
      if (path.steps.length) skip(motif, 'every newer version is deprecated');
      continue;
    }
    if (!setImportVersion(node, target.version)) {
      skip(motif, 'imports the latest tag implicitly');
      continue;
    }
    const releases: MotifRelease[] = [];
    for (const step of path.steps) {
      const version = await options.portal.getVersion(id, step.version);
      releases.push({
        version: step.version,
        created: step.created,
        description: version.signals.description,
      });
      if (step.version === target.version) break;
    }
    result.upgrades.push({
      what,
      motif,
      from: tag,
      to: target.version,
      releases,
    });
  }
  return result;
}

/** A markdown summary for the template's output page. */
export function describeFollowResult(
  result: FollowResult,
  now: Date = new Date(),
): string {
  if (!result.upgrades.length && !result.skipped.length)
    return 'Every Motif import is at its newest version.';
  const lines: string[] = [];
  for (const upgrade of result.upgrades) {
    lines.push(
      `**${upgrade.motif}** ${upgrade.from} → ${upgrade.to} (\`${upgrade.what}\`)`,
      '',
    );
    for (const release of upgrade.releases) {
      const age = release.created && formatAge(release.created, now);
      lines.push(
        `- ${release.version}${age ? ` (${age})` : ''}: ${
          release.description ?? 'no description'
        }`,
      );
    }
    lines.push('');
  }
  for (const skipped of result.skipped) {
    lines.push(`- ${skipped.motif} (\`${skipped.what}\`): ${skipped.reason}`);
  }
  return lines.join('\n').trim();
}
