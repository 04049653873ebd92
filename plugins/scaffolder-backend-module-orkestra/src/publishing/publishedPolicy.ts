import {
  decodePatternAnnotations,
  evaluatePolicy,
  ImportedDeprecation,
  PolicyConfig,
  PolicyResult,
} from '@orkspace/backstage-plugin-orkestra-common';
import {
  PackOptions,
  patternAnnotations,
  PatternMeta,
} from '@orkspace/backstage-plugin-orkestra-node';
import { RegistryImport } from './checkPatternFolder';

/** A version as it was just pushed: what the portal will evaluate once it syncs it. */
export interface PublishedVersion {
  /** `registry/repository`, without the tag. */
  repository: string;
  meta: PatternMeta;
  /** The exact pack options of the push, so the signals are the annotations written. */
  pack: PackOptions;
  /** `lifecycle.maturity` of `katalog.yaml`. */
  maturity?: string;
  imports: RegistryImport[];
  /** Imported versions the portal knows as deprecated (announced, deprecated, end of life). */
  importedDeprecations: ImportedDeprecation[];
}

/**
 * The portal policy of a version just pushed, evaluated on the annotations
 * the push wrote (decoded as the sync decodes them), so the publish result
 * and the portal agree.
 */
export function publishedPolicy(
  version: PublishedVersion,
  policy: PolicyConfig,
  now: Date,
): PolicyResult {
  const signals = decodePatternAnnotations(
    patternAnnotations(version.meta, version.pack),
  );
  return evaluatePolicy(
    {
      reference: version.repository,
      signals,
      maturity: version.maturity,
      imports: version.imports.map(
        i =>
          `${i.registry}/${i.repository}${
            i.version.startsWith('sha256:') ? '@' : ':'
          }${i.version}`,
      ),
      importedDeprecations: version.importedDeprecations,
    },
    policy,
    now,
  );
}
