import {
  CrdSummary,
  TEXT_LIMITS,
  truncateUtf8,
  VersionProblem,
  withoutNul,
} from '@orkspace/backstage-plugin-orkestra-common';
import {
  OciContentTooLargeError,
  OciDigestMismatchError,
  parseCrd,
  parseKatalog,
  parseKomposer,
  parseMotif,
  PatternImport,
  patternImports,
  PatternFileEntry,
  UnpackedPattern,
} from '@orkspace/backstage-plugin-orkestra-node';
import { NewVersion } from '../store/PatternStore';

/** What the sync reads from a version's YAML layers beyond its annotations. */
export interface VersionDetails {
  maturity?: string;
  crds: CrdSummary[];
  imports: NewVersion['imports'];
  /** Permanent problems: malformed YAML, a layer too large or not matching its digest. */
  problems: VersionProblem[];
  /** What was cut to fit the store's limits: kept on the version, not a sync error. */
  cut: VersionProblem[];
}

/** The layers the sync needs: the primary file, `komposer.yaml` and `crd.yaml`. */
export const YAML_LAYERS_READ = [
  'katalog.yaml',
  'motif.yaml',
  'komposer.yaml',
  'crd.yaml',
];

type ImportEntry = NewVersion['imports'][number];

/** Caps on what one version's YAML may put into the store. */
export const DETAIL_LIMITS = {
  imports: 500,
  /** The structured parts of an import must fit their (indexed) columns. */
  registryChars: 255,
  repositoryChars: 255,
  tagChars: 128,
  digestChars: 140,
  crdChars: 255,
  maturityChars: 64,
} as const;

/** A raw import text too long to keep whole is cut; its parts must fit their columns, or are not kept. */
function fitImport(entry: ImportEntry): ImportEntry {
  const raw = truncateUtf8(withoutNul(entry.raw), TEXT_LIMITS.annotationBytes);
  const fits =
    !raw.truncated &&
    (entry.registry?.length ?? 0) <= DETAIL_LIMITS.registryChars &&
    (entry.repository?.length ?? 0) <= DETAIL_LIMITS.repositoryChars &&
    (entry.tag?.length ?? 0) <= DETAIL_LIMITS.tagChars &&
    (entry.digest?.length ?? 0) <= DETAIL_LIMITS.digestChars;
  return {
    ...entry,
    raw: raw.text,
    crd:
      entry.crd === null
        ? null
        : withoutNul(entry.crd).slice(0, DETAIL_LIMITS.crdChars),
    ...(fits
      ? {}
      : { registry: null, repository: null, tag: null, digest: null }),
  };
}

/** Applies {@link DETAIL_LIMITS}, saying on the version what was cut. */
function capDetails(details: VersionDetails): VersionDetails {
  const { imports } = details;
  if (imports.length > DETAIL_LIMITS.imports) {
    details.cut.push({
      message: `the version declares ${imports.length} imports; the first ${DETAIL_LIMITS.imports} are kept`,
    });
  }
  details.imports = imports.slice(0, DETAIL_LIMITS.imports).map(fitImport);
  if (details.maturity !== undefined) {
    details.maturity = withoutNul(details.maturity).slice(
      0,
      DETAIL_LIMITS.maturityChars,
    );
  }
  return details;
}

/** The store's import row of one import the pattern declares. */
function toImportEntry(entry: PatternImport): ImportEntry {
  const oci =
    entry.reference?.type === 'oci' ? entry.reference.reference : undefined;
  return {
    type: entry.type,
    raw: entry.url,
    registry: oci?.registry ?? null,
    repository: oci?.repository ?? null,
    tag: oci?.tag ?? null,
    digest: oci?.digest ?? null,
    crd: entry.crd,
  };
}

/**
 * Reads maturity, imports and CRDs of a version. `readYaml` fetches a layer
 * (once per blob digest); layers that cannot be read for a permanent reason
 * become problems on the version, transient failures propagate so the
 * version is retried on the next sync.
 */
export async function readVersionDetails(
  unpacked: UnpackedPattern,
  readYaml: (file: PatternFileEntry) => Promise<string>,
): Promise<VersionDetails> {
  const details: VersionDetails = {
    crds: [],
    imports: [],
    problems: [],
    cut: [],
  };
  const file = (name: string) => unpacked.files.find(f => f.name === name);

  const attempt = async (
    entry: PatternFileEntry | undefined,
    use: (text: string) => void,
  ) => {
    if (!entry) return;
    try {
      use(await readYaml(entry));
    } catch (error) {
      const permanent =
        error instanceof OciContentTooLargeError ||
        error instanceof OciDigestMismatchError ||
        (error as Error)?.name === 'PatternValidationError';
      if (!permanent) throw error;
      details.problems.push({
        file: entry.name,
        message: (error as Error).message,
      });
    }
  };

  if (unpacked.kind === 'Katalog') {
    await attempt(file('katalog.yaml'), text => {
      const katalog = parseKatalog(text, 'katalog.yaml');
      details.maturity = katalog.lifecycle?.maturity;
      details.imports.push(...patternImports({ katalog }).map(toImportEntry));
    });
    await attempt(file('komposer.yaml'), text => {
      const komposer = parseKomposer(text, 'komposer.yaml');
      details.imports.push(...patternImports({ komposer }).map(toImportEntry));
    });
    await attempt(file('crd.yaml'), text => {
      const crd = parseCrd(text, 'crd.yaml');
      details.crds.push({
        group: crd.group,
        kind: crd.kind,
        plural: crd.plural,
        versions: crd.versions,
      });
    });
  } else {
    await attempt(file('motif.yaml'), text => {
      details.maturity = parseMotif(text, 'motif.yaml').lifecycle?.maturity;
    });
  }
  return capDetails(details);
}
