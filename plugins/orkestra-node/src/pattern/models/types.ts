import { Deprecation } from '@orkspace/backstage-plugin-orkestra-common';

/**
 * `apiVersion` every Orkestra kind uses (spec §3).
 *
 * @public
 */
export const ORKESTRA_API_VERSION = 'orkestra.orkspace.io/v1';

/**
 * `lifecycle.maturity`; values other than the four documented ones are kept verbatim.
 *
 * @public
 */
export type Maturity =
  | 'alpha'
  | 'beta'
  | 'stable'
  | 'deprecated'
  | (string & {});

/**
 * `metadata` of a Motif, Katalog or Komposer.
 *
 * @public
 */
export interface MetadataModel {
  name: string;
  /** `metadata.version`, or `latest` when the file has none (as `ork`'s `LoadPatternMeta`). */
  version: string;
  description?: string;
  author?: string;
  license?: string;
  tags: string[];
}

/**
 * Top-level `lifecycle` (spec §3.2, §9).
 *
 * @public
 */
export interface LifecycleModel {
  maturity?: Maturity;
  deprecation?: Deprecation;
  /** Masterminds semver ranges, kept raw. */
  compatibility?: { kubernetes?: string; orkestra?: string };
}

/**
 * One `imports[]` item of a CRD entry (`spec.crds.<name>.imports`) or of
 * `spec.imports` (profiles). Strings are raw: `motif` may be a file path, an
 * OCI ref, a short name, a git URL or `url@version`; resolving it is done
 * elsewhere. `auth` is not modelled.
 *
 * @public
 */
export interface MotifImportModel {
  motif: string;
  version?: string;
  oci?: boolean;
  /** Input name → string template. */
  with: Record<string, string>;
}

/**
 * `spec.crds.<name>.apiTypes`; each part as written (may be missing).
 *
 * @public
 */
export interface ApiTypesModel {
  group?: string;
  version?: string;
  kind?: string;
  plural?: string;
}

/**
 * One entry of the `spec.crds` map.
 *
 * @public
 */
export interface CrdEntryModel {
  /** The map key. */
  name: string;
  description?: string;
  enabled?: boolean;
  apiTypes?: ApiTypesModel;
  crdFile?: string;
  motifImports: MotifImportModel[];
  /** A `conversion` block is present (webhook-based API evolution, spec §7). */
  hasConversion: boolean;
  /** A `normalize` block is present (webhook-less API evolution, spec §7). */
  hasNormalize: boolean;
}

/**
 * `publish` (spec §8).
 *
 * @public
 */
export interface PublishModel {
  signing?: { verify: boolean; expectedIdentities: string[] };
  tests?: { e2e?: boolean; simulate?: boolean; intent?: boolean };
}

/**
 * `policy` (spec §8): only `policy.lifecycle.minMaturity` is implemented by `ork`.
 *
 * @public
 */
export interface PolicyModel {
  minMaturity?: Maturity;
}

/**
 * What a Katalog and a Komposer have in common.
 *
 * @public
 */
export interface KatalogBaseModel {
  apiVersion?: string;
  metadata: MetadataModel;
  lifecycle?: LifecycleModel;
  policy?: PolicyModel;
  crds: CrdEntryModel[];
  /** `spec.imports`: Motif imports for Katalog-wide profiles. */
  profileImports: MotifImportModel[];
  publish?: PublishModel;
}
