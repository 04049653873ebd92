import { z } from 'zod/v4';
import type {
  apiTypesSchema,
  crdsSchema,
  katalogBase,
  lifecycleSchema,
  metadataSchema,
  motifImportSchema,
  policySchema,
  publishSchema,
} from './common';

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
 * `metadata` of a Motif, Katalog or Komposer; `version` is `latest` when the
 * file has none (as `ork`'s `LoadPatternMeta`).
 *
 * @public
 */
export type MetadataModel = z.output<typeof metadataSchema>;

/**
 * Top-level `lifecycle` (spec §3.2, §9); `compatibility` holds Masterminds
 * semver ranges, kept raw.
 *
 * @public
 */
export type LifecycleModel = NonNullable<z.output<typeof lifecycleSchema>>;

/**
 * One `imports[]` item of a CRD entry (`spec.crds.<name>.imports`) or of
 * `spec.imports` (profiles). Strings are raw: `motif` may be a file path, an
 * OCI ref, a short name, a git URL or `url@version`; resolving it is done
 * elsewhere. `with` maps an input name to a string template. `auth` is not
 * modelled.
 *
 * @public
 */
export type MotifImportModel = z.output<typeof motifImportSchema>;

/**
 * `spec.crds.<name>.apiTypes`; each part as written (may be missing).
 *
 * @public
 */
export type ApiTypesModel = NonNullable<z.output<typeof apiTypesSchema>>;

/**
 * One entry of the `spec.crds` map: `name` is the map key; `hasConversion` /
 * `hasNormalize` say a `conversion` (webhook-based) or `normalize`
 * (webhook-less) API evolution block is present (spec §7).
 *
 * @public
 */
export type CrdEntryModel = z.output<typeof crdsSchema>[number];

/**
 * `publish` (spec §8).
 *
 * @public
 */
export type PublishModel = NonNullable<z.output<typeof publishSchema>>;

/**
 * `policy` (spec §8): only `policy.lifecycle.minMaturity` is implemented by `ork`.
 *
 * @public
 */
export type PolicyModel = NonNullable<z.output<typeof policySchema>>;

/**
 * What a Katalog and a Komposer have in common; `profileImports` is
 * `spec.imports`, Motif imports for Katalog-wide profiles.
 *
 * @public
 */
export type KatalogBaseModel = ReturnType<typeof katalogBase>;
