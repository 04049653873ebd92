import type { PatternKind } from '../vocabulary';
import type { OrkBases, Reference } from './types';

/**
 * An import entry: a YAML string or the struct form (`url`, `version`, `oci`).
 *
 * @public
 */
export type ImportReferenceInput =
  | string
  | { url: string; version?: string; oci?: boolean };

/**
 * Options for {@link parseImportReference}.
 *
 * @public
 */
export interface ImportReferenceOptions {
  /**
   * Kind used to resolve short names: `Katalog` for Komposer
   * `imports.registry[]` (the default), `Motif` for `spec.crds.*.imports[]`.
   */
  kind?: PatternKind;
  /** Bases for short names; defaults to {@link DEFAULT_ORK_BASES}. */
  bases?: OrkBases;
}

/**
 * Where an import entry points.
 *
 * @public
 */
export type ImportReference =
  | { type: 'oci'; reference: Reference }
  | { type: 'git'; url: string; version: string }
  | { type: 'file'; path: string };
