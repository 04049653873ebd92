import {
  ImportReference,
  parseImportReference,
} from '@orkspace/backstage-plugin-orkestra-common';
import type { KomposerModel } from '../models/komposer';
import { KatalogBaseModel, MotifImportModel } from '../models/types';

/**
 * Which list an import is in: a CRD's Motif imports
 * (`spec.crds.<name>.imports`), the Katalog-wide profile imports
 * (`spec.imports`) or a Komposer's registry imports (`imports.registry`).
 *
 * @public
 */
export type PatternImportType = 'motif' | 'profile' | 'registry';

/**
 * One import a pattern declares, as written and as parsed.
 *
 * @public
 */
export interface PatternImport {
  type: PatternImportType;
  /** The kind of the imported pattern: Motifs from a Katalog, Katalogs from a Komposer. */
  kind: 'Katalog' | 'Motif';
  /** The file it is declared in. */
  file: 'katalog.yaml' | 'komposer.yaml';
  /** The list it is in, for messages, e.g. `spec.crds.webapp.imports`. */
  list: string;
  /** Its place in that list. */
  index: number;
  /** Its YAML path in `file`, e.g. `['spec', 'crds', 'webapp', 'imports', 0]`. */
  path: (string | number)[];
  /** The CRD whose imports it is in; `null` outside `spec.crds`. */
  crd: string | null;
  /** `motif` (Katalog) or `url` (Komposer), as written. */
  url: string;
  version?: string;
  oci?: boolean;
  /** The parsed reference; undefined when it cannot be parsed (see `problem`). */
  reference?: ImportReference;
  /** Why the import is not a reference, when it is not. */
  problem?: string;
}

type Entry = { url: string; version?: string; oci?: boolean };
type Place = Pick<PatternImport, 'type' | 'kind' | 'file' | 'list' | 'crd'> & {
  at: (string | number)[];
};

function importAt(place: Place, entry: Entry, index: number): PatternImport {
  const { at, ...where } = place;
  const declared: PatternImport = {
    ...where,
    index,
    path: [...at, index],
    url: entry.url,
    ...(entry.version !== undefined ? { version: entry.version } : {}),
    ...(entry.oci !== undefined ? { oci: entry.oci } : {}),
  };
  try {
    const reference = parseImportReference(
      { url: entry.url, version: entry.version, oci: entry.oci },
      { kind: place.kind },
    );
    return { ...declared, reference };
  } catch (error) {
    return {
      ...declared,
      problem: error instanceof Error ? error.message : String(error),
    };
  }
}

function motifImportsAt(place: Place, imports: MotifImportModel[]) {
  return imports.map((i, index) =>
    importAt(place, { url: i.motif, version: i.version, oci: i.oci }, index),
  );
}

/**
 * Every import of a pattern, in declaration order: the Motif imports of each
 * CRD and the profile imports of `katalog.yaml`, then the registry imports
 * of `komposer.yaml`. Each is parsed with `parseImportReference`; one that
 * cannot be parsed is kept with its `problem`. Give the models that were
 * read; a Motif declares no imports.
 *
 * @public
 */
export function patternImports(models: {
  katalog?: KatalogBaseModel;
  komposer?: KomposerModel;
}): PatternImport[] {
  const found: PatternImport[] = [];
  const { katalog, komposer } = models;
  if (katalog) {
    const motif = { kind: 'Motif', file: 'katalog.yaml' } as const;
    for (const crd of katalog.crds) {
      const list = `spec.crds.${crd.name}.imports`;
      found.push(
        ...motifImportsAt(
          {
            ...motif,
            type: 'motif',
            list,
            crd: crd.name,
            at: ['spec', 'crds', crd.name, 'imports'],
          },
          crd.motifImports,
        ),
      );
    }
    found.push(
      ...motifImportsAt(
        {
          ...motif,
          type: 'profile',
          list: 'spec.imports',
          crd: null,
          at: ['spec', 'imports'],
        },
        katalog.profileImports,
      ),
    );
  }
  if (komposer) {
    const place: Place = {
      type: 'registry',
      kind: 'Katalog',
      file: 'komposer.yaml',
      list: 'imports.registry',
      crd: null,
      at: ['imports', 'registry'],
    };
    komposer.registryImports.forEach((entry, index) =>
      found.push(importAt(place, entry, index)),
    );
  }
  return found;
}
