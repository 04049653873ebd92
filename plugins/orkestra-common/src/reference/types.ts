/**
 * A parsed, fully-qualified OCI reference.
 *
 * @public
 */
export interface Reference {
  /** Registry host with optional port, lower-cased, e.g. `ghcr.io`, `127.0.0.1:5000`, `docker.io`. */
  registry: string;
  /** Repository name inside the registry, e.g. `orkspace/orkestra-registry/patterns/katalogs/postgres`. */
  repository: string;
  /** Tag, when the input had one. Callers decide the default (see {@link referenceWithDefaultTag}). */
  tag?: string;
  /** Digest `algorithm:hex`, when the input had one. */
  digest?: string;
}

/**
 * Registry bases `ork` resolves short names against (`ORK_REGISTRY`, `ORK_MOTIFS_REGISTRY`).
 *
 * @public
 */
export interface OrkBases {
  /** Base for Katalogs (`ORK_REGISTRY`). May carry an `oci://` prefix. */
  katalogs: string;
  /** Base for Motifs (`ORK_MOTIFS_REGISTRY`). May carry an `oci://` prefix. */
  motifs: string;
}

/**
 * The `ork` defaults for {@link OrkBases} (spec §10).
 *
 * @public
 */
export const DEFAULT_ORK_BASES: Readonly<OrkBases> = Object.freeze({
  katalogs: 'ghcr.io/orkspace/orkestra-registry/patterns/katalogs',
  motifs: 'ghcr.io/orkspace/orkestra-registry/patterns/motifs',
});
