import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { ImportedDeprecation } from '@orkspace/backstage-plugin-orkestra-common';
import { checkImportLifecycle } from './checkImportLifecycle';
import { checkPatternFolder } from './checkPatternFolder';
import { portalClient } from './portalClient';
import { PublishingEnvironment } from './PublishingEnvironment';

/**
 * Everything `orkestra:validate` checks: the folder as `ork push` sees it,
 * then, with the portal's data, the lifecycle of every import. The
 * deprecated imports are also returned for the policy of the version.
 */
export async function validatePatternFolder(
  dir: string,
  options: { tag?: string; force?: boolean },
  env: PublishingEnvironment,
  initiator: BackstageCredentials,
): Promise<
  Awaited<ReturnType<typeof checkPatternFolder>> & {
    importedDeprecations: ImportedDeprecation[];
  }
> {
  const result = await checkPatternFolder(dir, {
    ...options,
    policy: env.policy,
  });
  const { report } = result;
  if (!result.pattern || !report.registryImports.length)
    return { ...result, importedDeprecations: [] };
  const findings = await checkImportLifecycle(
    report.registryImports,
    env,
    portalClient(env, initiator),
  );
  report.errors.push(...findings.errors);
  report.warnings.push(...findings.warnings);
  return { ...result, importedDeprecations: findings.deprecations };
}
