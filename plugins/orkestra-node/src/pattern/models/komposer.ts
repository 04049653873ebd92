import { z } from 'zod/v4';
import {
  katalogBase,
  katalogBaseShape,
  lifecycleWithAcceptSchema,
} from './common';
import {
  goBoolean,
  isMapping,
  itemMapping,
  kind,
  list,
  mapping,
  nonEmptyString,
  parseGoYamlModel,
  parseNested,
  problem,
  requiredString,
} from './fields';
import type { KatalogBaseModel } from './types';
import { YamlLimits } from './yamlDocument';

const registryAuthSchema = mapping({
  /** `bearer`, `basic`, `github`, … as written. */
  type: nonEmptyString,
  fromEnv: nonEmptyString,
  usernameFromEnv: nonEmptyString,
  passwordFromEnv: nonEmptyString,
});

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

/** An import written either as a plain non-empty string or as a mapping. */
function stringOrMapping<T, M extends z.ZodType>(
  fromString: (text: string) => T,
  fromMapping: M,
) {
  return z.unknown().transform((item, ctx): T | z.output<M> => {
    if (typeof item === 'string') {
      return item === '' ? problem(ctx, 'must not be empty') : fromString(item);
    }
    if (!isMapping(item)) return problem(ctx, 'must be a string or a mapping');
    return parseNested(fromMapping, item, ctx);
  });
}

const registryImportMapping = itemMapping({
  url: requiredString,
  version: nonEmptyString,
  oci: goBoolean,
  /** `true` loads the upstream `komposer.yaml` (and its imports); default `false`. */
  useKomposer: goBoolean.transform(useKomposer => useKomposer ?? false),
  auth: registryAuthSchema,
});

const registryImportSchema = stringOrMapping(
  (url): z.output<typeof registryImportMapping> => ({
    url,
    useKomposer: false,
  }),
  registryImportMapping,
);

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

const helmImportSchema = itemMapping({
  repo: nonEmptyString,
  chart: nonEmptyString,
  version: nonEmptyString,
});

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

const komposerSchema = z
  .object({
    kind: kind('Komposer'),
    ...katalogBaseShape,
    lifecycle: lifecycleWithAcceptSchema,
    imports: mapping({
      registry: list(registryImportSchema),
      /** The string, or the `url` of the struct form. */
      files: list(
        stringOrMapping(
          url => url,
          itemMapping({ url: requiredString }).transform(({ url }) => url),
        ),
      ),
      helm: list(helmImportSchema),
    }),
  })
  .transform(({ kind: k, lifecycle, imports, ...rest }) => ({
    kind: k,
    ...katalogBase({ ...rest, lifecycle: lifecycle.lifecycle }),
    registryImports: imports?.registry ?? [],
    fileImports: imports?.files ?? [],
    helmImports: imports?.helm ?? [],
    accept: lifecycle.accept,
  }));

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
  return parseGoYamlModel(komposerSchema, text, fileName, limits);
}
