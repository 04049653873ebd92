/**
 * Annotations the catalog module puts on the entities it emits for Orkestra
 * patterns. All values are strings. The true OCI reference is kept here, since
 * the entity name is sanitized.
 *
 * @public
 */
export const OrkestraEntityAnnotations = {
  /** `<source>:<repository>`, the pattern id of the Orkestra API. */
  patternId: 'orkestra.sh/pattern-id',
  /** The configured source the pattern comes from. */
  source: 'orkestra.sh/source',
  /**
   * Full reference of the latest version with its digest
   * (`registry/repository@sha256:...`); `registry/repository` when the
   * pattern has no version.
   */
  reference: 'orkestra.sh/reference',
  /** Registry host, e.g. `ghcr.io`. */
  registry: 'orkestra.sh/registry',
  /** OCI repository path, unsanitized. */
  repository: 'orkestra.sh/repository',
  /** `Katalog` or `Motif`. */
  kind: 'orkestra.sh/kind',
  /** Version (tag) of the latest version. */
  latestVersion: 'orkestra.sh/latest-version',
  /** Simulate gate state of the latest version. */
  simulate: 'orkestra.sh/simulate',
  /** e2e gate state of the latest version. */
  e2e: 'orkestra.sh/e2e',
  /** Deprecation phase of the latest version: `none`, `announced`, `deprecated`, `end-of-life`. */
  deprecation: 'orkestra.sh/deprecation',
  /** Policy status of the latest version: `pass`, `warn`, `fail`. */
  policy: 'orkestra.sh/policy',
  /** Maturity of the latest version, when it declares one. */
  maturity: 'orkestra.sh/maturity',
  /**
   * When the pattern disappeared from its source (ISO time). The entity is
   * kept for the grace period (`orkestra.sync.missingGracePeriod`), then
   * removed with the pattern.
   */
  missingSince: 'orkestra.sh/missing-since',
} as const;

/**
 * `spec.type` of the entities emitted for Orkestra patterns and their CRDs.
 *
 * @public
 */
export const ORKESTRA_ENTITY_TYPES = {
  /** Component of a Katalog pattern. */
  katalog: 'orkestra-katalog',
  /** Component of a Motif pattern. */
  motif: 'orkestra-motif',
  /** API entity of a CRD a Katalog provides. */
  crd: 'crd',
} as const;

/**
 * True for the Component entity of an Orkestra pattern (Katalog or Motif).
 * Typed structurally, so it takes any catalog `Entity`.
 *
 * @public
 */
export function isOrkestraPatternEntity(entity: {
  kind: string;
  spec?: { type?: unknown };
}): boolean {
  if (entity.kind.toLocaleLowerCase('en-US') !== 'component') return false;
  const type = entity.spec?.type;
  return (
    type === ORKESTRA_ENTITY_TYPES.katalog ||
    type === ORKESTRA_ENTITY_TYPES.motif
  );
}
