import { readKatalogBase } from './common';
import { FieldReader, assign, isMapping } from './fields';
import { KatalogBaseModel } from './types';
import { parseGoYamlDocument, YamlLimits } from './yamlDocument';

/**
 * Which environment variables a registry import reads its credentials from.
 * Only the variable NAMES are kept; any inline secret is never modelled.
 *
 * @public
 */
export interface RegistryAuthModel {
  /** `bearer`, `basic`, `github`, … as written. */
  type?: string;
  fromEnv?: string;
  usernameFromEnv?: string;
  passwordFromEnv?: string;
}

/**
 * One `imports.registry[]` item, normalised from either the plain-string or
 * the struct form. `url` is raw (it may carry `@version` or `:tag`); `version`
 * is only the explicit struct field. Reference resolution is done elsewhere.
 *
 * @public
 */
export interface RegistryImportModel {
  url: string;
  version?: string;
  oci?: boolean;
  /** `true` loads the upstream `komposer.yaml` (and its imports); default `false`. */
  useKomposer: boolean;
  auth?: RegistryAuthModel;
}

/**
 * One `imports.helm[]` item of a Komposer: a chart, its repository and version.
 *
 * @public
 */
export interface HelmImportModel {
  repo?: string;
  chart?: string;
  version?: string;
}

/**
 * One `lifecycle.accept.patterns[]` item: a deprecated pattern accepted on purpose.
 *
 * @public
 */
export interface AcceptedPatternModel {
  name: string;
  author?: string;
  /** Semver range, raw. */
  version?: string;
}

/**
 * `komposer.yaml` (spec §3.3): a Katalog plus `imports` and `lifecycle.accept`.
 *
 * @public
 */
export interface KomposerModel extends KatalogBaseModel {
  kind: 'Komposer';
  registryImports: RegistryImportModel[];
  /** `imports.files[]`: the string, or the `url` of the struct form. */
  fileImports: string[];
  helmImports: HelmImportModel[];
  accept: AcceptedPatternModel[];
}

function readAuth(
  r: FieldReader,
  value: unknown,
  path: string,
): RegistryAuthModel | undefined {
  const a = r.mapping(value, path);
  if (!a) return undefined;
  const auth: RegistryAuthModel = {};
  for (const key of [
    'type',
    'fromEnv',
    'usernameFromEnv',
    'passwordFromEnv',
  ] as const) {
    assign(auth, key, r.nonEmptyString(a[key], `${path}.${key}`));
  }
  return auth;
}

function readRegistryImports(
  r: FieldReader,
  value: unknown,
): RegistryImportModel[] {
  return r.list(value, 'imports.registry').map((item, i) => {
    const path = `imports.registry[${i}]`;
    if (typeof item === 'string') {
      if (item === '') r.fail(path, 'must not be empty');
      return { url: item, useKomposer: false };
    }
    if (!isMapping(item)) return r.fail(path, 'must be a string or a mapping');
    const m = item;
    const registryImport: RegistryImportModel = {
      url: r.requiredString(m.url, `${path}.url`),
      useKomposer: r.boolean(m.useKomposer, `${path}.useKomposer`) ?? false,
    };
    assign(
      registryImport,
      'version',
      r.nonEmptyString(m.version, `${path}.version`),
    );
    assign(registryImport, 'oci', r.boolean(m.oci, `${path}.oci`));
    assign(registryImport, 'auth', readAuth(r, m.auth, `${path}.auth`));
    return registryImport;
  });
}

function readFileImports(r: FieldReader, value: unknown): string[] {
  return r.list(value, 'imports.files').map((item, i) => {
    const path = `imports.files[${i}]`;
    if (typeof item === 'string') {
      if (item === '') r.fail(path, 'must not be empty');
      return item;
    }
    if (!isMapping(item)) return r.fail(path, 'must be a string or a mapping');
    const m = item;
    return r.requiredString(m.url, `${path}.url`);
  });
}

function readHelmImports(r: FieldReader, value: unknown): HelmImportModel[] {
  return r.list(value, 'imports.helm').map((item, i) => {
    const path = `imports.helm[${i}]`;
    const m = r.mapping(item, path);
    if (!m) return r.fail(path, 'must be a mapping');
    const helm: HelmImportModel = {};
    for (const key of ['repo', 'chart', 'version'] as const) {
      assign(helm, key, r.nonEmptyString(m[key], `${path}.${key}`));
    }
    return helm;
  });
}

/** `lifecycle.accept.patterns` (a Go `KatalogLifecycle`). @internal */
export function readAccept(
  r: FieldReader,
  lifecycle: unknown,
): AcceptedPatternModel[] {
  const l = r.mapping(lifecycle, 'lifecycle');
  const accept = r.mapping(l?.accept, 'lifecycle.accept');
  return r
    .list(accept?.patterns, 'lifecycle.accept.patterns')
    .map((item, i) => {
      const path = `lifecycle.accept.patterns[${i}]`;
      const m = r.mapping(item, path);
      if (!m) return r.fail(path, 'must be a mapping');
      const accepted: AcceptedPatternModel = {
        name: r.requiredString(m.name, `${path}.name`),
      };
      assign(accepted, 'author', r.nonEmptyString(m.author, `${path}.author`));
      assign(
        accepted,
        'version',
        r.nonEmptyString(m.version, `${path}.version`),
      );
      return accepted;
    });
}

/**
 * Parses `komposer.yaml`. Throws `PatternValidationError` when the YAML is
 * unsafe or invalid, `kind` is not `Komposer`, `metadata.name` is missing,
 * or a modelled key has the wrong type.
 *
 * @public
 */
export function parseKomposer(
  text: string,
  fileName: string = 'komposer.yaml',
  limits?: YamlLimits,
): KomposerModel {
  const r = new FieldReader(fileName);
  const doc = r.root(parseGoYamlDocument(text, fileName, limits));
  const kind = r.kind(doc, 'Komposer');
  const base = readKatalogBase(r, doc);
  const imports = r.mapping(doc.imports, 'imports') ?? {};
  return {
    kind,
    ...base,
    registryImports: readRegistryImports(r, imports.registry),
    fileImports: readFileImports(r, imports.files),
    helmImports: readHelmImports(r, imports.helm),
    accept: readAccept(r, doc.lifecycle),
  };
}
