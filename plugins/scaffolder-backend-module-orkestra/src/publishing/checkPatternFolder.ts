import {
  isAllowedReference,
  meetsMinMaturity,
  PolicyConfig,
} from '@orkspace/backstage-plugin-orkestra-common';
import {
  checkTagMatchesVersion,
  KATALOG_FILES,
  MOTIF_FILES,
  parseCrd,
  parseE2E,
  parseKatalog,
  parseKomposer,
  parseMotif,
  parseSimulate,
  parseYamlDocuments,
  PatternDirectory,
  PatternValidationError,
  patternImports,
  readPatternDirectory,
} from '@orkspace/backstage-plugin-orkestra-node';
import { lstat, readFile, realpath } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import { MAX_PATTERN_FILE_BYTES } from './downloadPattern';

/** The outcome of checking a pattern folder; `errors` block publishing. */
export interface ValidationReport {
  kind?: 'Katalog' | 'Motif';
  name?: string;
  version?: string;
  /** `lifecycle.maturity` of `katalog.yaml`. */
  maturity?: string;
  files: string[];
  errors: string[];
  warnings: string[];
  /** Registry imports that passed the allow-list, for checks that need the portal. */
  registryImports: RegistryImport[];
}

/** An import of a published pattern, by registry reference. */
export interface RegistryImport {
  /** Where it is imported, e.g. `spec.crds.webapp.imports`. */
  what: string;
  kind: 'Katalog' | 'Motif';
  registry: string;
  repository: string;
  /** Tag or digest. */
  version: string;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Allow-listed files of `dir` that are symbolic links resolving outside it. */
async function filesLeavingFolder(dir: string): Promise<string[]> {
  let root: string;
  try {
    root = await realpath(dir);
  } catch {
    return []; // no folder: readPatternDirectory says so
  }
  const escaping: string[] = [];
  for (const name of new Set<string>([...KATALOG_FILES, ...MOTIF_FILES])) {
    const path = join(dir, name);
    try {
      if (!(await lstat(path)).isSymbolicLink()) continue;
    } catch {
      continue; // absent
    }
    const target = await realpath(path).catch(() => undefined);
    if (target === undefined) continue; // dangling: read as absent
    const inside = relative(root, target);
    if (inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside))
      escaping.push(name);
  }
  return escaping;
}

/**
 * What `ork push` checks before pushing (allow-listed files, required
 * metadata, tag/version agreement, no local motif imports, `crd.yaml` shape),
 * plus a schema check of every YAML file and the portal policy for imports.
 */
export async function checkPatternFolder(
  dir: string,
  options: { tag?: string; force?: boolean; policy: PolicyConfig },
): Promise<{ report: ValidationReport; pattern?: PatternDirectory }> {
  const report: ValidationReport = {
    files: [],
    errors: [],
    warnings: [],
    registryImports: [],
  };
  // Before any file is read: nothing outside the folder may be read (and published), not even by a parse error.
  const escaping = await filesLeavingFolder(dir);
  if (escaping.length) {
    report.errors.push(
      ...escaping.map(
        name =>
          `${name} is a symbolic link that leads outside the pattern folder`,
      ),
    );
    return { report };
  }
  let pattern: PatternDirectory;
  try {
    pattern = await readPatternDirectory(dir);
  } catch (error) {
    if (!(error instanceof PatternValidationError)) throw error;
    report.errors.push(error.message);
    return { report };
  }
  const { meta, files } = pattern;
  Object.assign(report, {
    kind: meta.kind,
    name: meta.name,
    version: meta.version,
  });
  report.files = files.map(f => f.name);

  if (options.tag !== undefined) {
    const mismatch = checkTagMatchesVersion(meta, options.tag);
    if (mismatch && options.force)
      report.warnings.push(`${mismatch} (tolerated: force)`);
    else if (mismatch) report.errors.push(mismatch);
  }

  // Refused by size before it is read: `orkestra:fetch` could not read it back either.
  const tooLarge = new Set<string>();
  for (const file of files) {
    if (file.size > MAX_PATTERN_FILE_BYTES) {
      tooLarge.add(file.name);
      report.errors.push(
        `${file.name} is ${file.size} bytes; a pattern file may be at most ${MAX_PATTERN_FILE_BYTES} bytes`,
      );
    }
  }

  const models: Parameters<typeof patternImports>[0] = {};
  for (const file of files) {
    if (!/\.ya?ml$/.test(file.name) || tooLarge.has(file.name)) continue;
    const text = await readFile(file.path, 'utf8');
    try {
      switch (file.name) {
        case 'katalog.yaml': {
          const katalog = parseKatalog(text);
          models.katalog = katalog;
          report.maturity = katalog.lifecycle?.maturity;
          if (
            options.policy.minMaturity &&
            !meetsMinMaturity(
              katalog.lifecycle?.maturity,
              options.policy.minMaturity,
            )
          ) {
            report.warnings.push(
              `maturity ${
                katalog.lifecycle?.maturity ?? '(not declared)'
              } is below the portal's minimum ${options.policy.minMaturity}`,
            );
          }
          break;
        }
        case 'motif.yaml':
          parseMotif(text);
          break;
        case 'komposer.yaml':
          models.komposer = parseKomposer(text);
          break;
        case 'simulate.yaml':
          if (!parseSimulate(text).hasExpect) {
            report.warnings.push(
              'simulate.yaml has no spec.expect: the simulate gate will record no-assertion',
            );
          }
          break;
        case 'e2e.yaml':
          parseE2E(text);
          break;
        case 'crd.yaml':
          parseCrd(text);
          break;
        default:
          parseYamlDocuments(text, file.name);
      }
    } catch (error) {
      report.errors.push(message(error));
    }
  }

  for (const entry of patternImports(models)) {
    const parsed = entry.reference;
    if (!parsed) {
      report.errors.push(`${entry.list}: ${entry.problem}`);
    } else if (parsed.type === 'file') {
      report.errors.push(
        `${entry.list}: ${entry.url} is a local path; ork push refuses local imports, publish it and import its reference`,
      );
    } else if (parsed.type === 'oci') {
      const reference = `${parsed.reference.registry}/${parsed.reference.repository}`;
      if (!isAllowedReference(reference, options.policy.allowedRegistries)) {
        report.errors.push(
          `${entry.list}: ${reference} is outside the allowed registries`,
        );
      } else {
        report.registryImports.push({
          what: entry.list,
          kind: entry.kind,
          registry: parsed.reference.registry,
          repository: parsed.reference.repository,
          version: parsed.reference.digest ?? parsed.reference.tag ?? 'latest',
        });
      }
    }
  }
  return { report, pattern };
}
