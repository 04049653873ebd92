import {
  OrkestraApi,
  describeResponseError,
  isNotFoundResponse,
  ImportedDeprecation,
  PatternVersion,
} from '@orkspace/backstage-plugin-orkestra-common';
import { sourceForRepository } from '@orkspace/backstage-plugin-orkestra-node';
import { RegistryImport } from './checkPatternFolder';
import { PublishingEnvironment } from './PublishingEnvironment';

/** Findings about imported versions; `errors` block publishing. */
export interface ImportLifecycleFindings {
  errors: string[];
  warnings: string[];
  /** The deprecated imported versions, for the policy of the version that imports them. */
  deprecations: ImportedDeprecation[];
}

function describeDeprecation(version: PatternVersion): string {
  const deprecation = version.signals.deprecation;
  const parts: string[] = [];
  if (deprecation?.timelineTo)
    parts.push(`end of life ${deprecation.timelineTo}`);
  if (deprecation?.migratedTo)
    parts.push(`migrate to ${deprecation.migratedTo}`);
  if (deprecation?.message) parts.push(deprecation.message);
  return parts.length ? ` (${parts.join('; ')})` : '';
}

/**
 * The portal-policy check `ork push` cannot do: is any imported version
 * deprecated? The portal's synced data answers it, so no registry request is
 * made. Under the `warn-then-fail` policy (the default) an import past its
 * end of life is an error; deprecated and announced imports are warnings.
 * When the portal cannot be asked, the check says so instead of passing.
 */
export async function checkImportLifecycle(
  imports: RegistryImport[],
  env: Pick<PublishingEnvironment, 'sources' | 'policy'>,
  portal: Pick<OrkestraApi, 'getVersion'>,
): Promise<ImportLifecycleFindings> {
  const findings: ImportLifecycleFindings = {
    errors: [],
    warnings: [],
    deprecations: [],
  };
  const warn = (message: string) => findings.warnings.push(message);
  for (const entry of imports) {
    const reference = `${entry.registry}/${entry.repository}:${entry.version}`;
    const source = sourceForRepository(
      env.sources,
      entry.registry,
      entry.repository,
    );
    if (!source) {
      findings.warnings.push(
        `${entry.what}: ${reference} is not in any configured source; whether it is deprecated was not checked`,
      );
      continue;
    }
    let version: PatternVersion;
    try {
      version = await portal.getVersion(
        `${source.id}:${entry.repository}`,
        entry.version,
      );
    } catch (error) {
      if (isNotFoundResponse(error)) {
        findings.warnings.push(
          `${entry.what}: ${reference} is not known to the portal (not published, or not synced yet)`,
        );
        continue;
      }
      findings.warnings.push(
        `the deprecated-imports check did not run: the portal could not be asked (${describeResponseError(
          error as Error,
        )})`,
      );
      return findings;
    }
    const details = describeDeprecation(version);
    if (version.signals.deprecation)
      findings.deprecations.push({
        reference,
        deprecation: version.signals.deprecation,
      });
    switch (version.deprecationState) {
      case 'end-of-life':
        if (env.policy.deprecation === 'warn')
          warn(`${entry.what}: ${reference} is past its end of life${details}`);
        else
          findings.errors.push(
            `${entry.what}: ${reference} is past its end of life${details}`,
          );
        break;
      case 'deprecated':
        warn(`${entry.what}: ${reference} is deprecated${details}`);
        break;
      case 'announced':
        warn(
          `${entry.what}: ${reference} has an announced deprecation${details}`,
        );
        break;
      default:
        break;
    }
  }
  return findings;
}
