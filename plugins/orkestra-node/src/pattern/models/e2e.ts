import { z } from 'zod/v4';
import {
  anyMapping,
  compact,
  isMapping,
  itemMapping,
  kind,
  list,
  mapping,
  nonEmptyString,
  optionalString,
  parseGoYamlModel,
  parseModel,
  parseNested,
  stringList,
} from './fields';
import { parseGoYamlDocument, YamlLimits } from './yamlDocument';

/** Each `kubectl.<verb>` contributes the length of its list, or 1 for a single non-null value. */
function kubectlChecks(kubectl: Record<string, unknown> = {}): number {
  let checks = 0;
  for (const value of Object.values(kubectl)) {
    if (Array.isArray(value)) checks += value.length;
    else if (value !== null && value !== undefined) checks += 1;
  }
  return checks;
}

const expectationSchema = z
  // yaml.v3 decodes a null item into a zero E2EExpectation: it stays a case.
  .preprocess(
    item => (item === null ? {} : item),
    itemMapping({
      resources: list(z.unknown()),
      kubectl: anyMapping,
      // Go: `if exp.Include == ""` — an empty include is an ordinary item.
      include: nonEmptyString,
      name: nonEmptyString,
      after: nonEmptyString,
      timeout: nonEmptyString,
    }),
  )
  .transform(({ resources, kubectl, include, name, after, timeout }) =>
    compact({
      /**
       * `include:`, a path to a file whose top-level `expect:` list `ork`
       * splices in place of this item (see {@link countE2ECases}); relative
       * paths resolve from the directory of the `e2e.yaml` that holds the item.
       */
      include,
      name,
      /** `cr-applied`, `cr-deleted` or `setup-complete` (the default). */
      after,
      /** Go duration, e.g. `60s`. */
      timeout,
      /**
       * The item's checks: its `resources[]` entries plus its kubectl checks.
       * Informational only: `ork` records the whole item as one case; the
       * assertion count `ork push` writes is {@link countE2ECases}.
       */
      assertions: resources.length + kubectlChecks(kubectl),
    }),
  );

/**
 * One `spec.expect[]` item of an E2E file (or `expect[]` item of an included file).
 *
 * @public
 */
export interface E2EExpectationModel {
  /**
   * `include:`, a path to a file whose top-level `expect:` list `ork`
   * splices in place of this item (see {@link countE2ECases}); relative
   * paths resolve from the directory of the `e2e.yaml` that holds the item.
   */
  include?: string;
  name?: string;
  /** `cr-applied`, `cr-deleted` or `setup-complete` (the default). */
  after?: string;
  /** Go duration, e.g. `60s`. */
  timeout?: string;
  /**
   * The item's checks: its `resources[]` entries plus its kubectl checks
   * (each `kubectl.<verb>` contributes the length of its list, or 1 for a
   * single non-null value). Informational only: `ork` records the whole item
   * as one case, whatever it checks; the assertion count `ork push` writes is
   * {@link countE2ECases}, not a sum of these.
   */
  assertions: number;
}

/**
 * `imports[]` item: a path string or a mapping with `path` (types.go
 * `E2EImport.UnmarshalYAML`); `undefined` for a null item.
 */
const e2eImportSchema = z
  .unknown()
  .transform((item, ctx) =>
    isMapping(item)
      ? parseNested(optionalString, item.path, ctx, ['path'])
      : parseNested(optionalString, item, ctx),
  );

const e2eSchema = z
  .object({
    kind: kind('E2E'),
    metadata: mapping({ name: nonEmptyString }),
    spec: mapping({
      cluster: mapping({ provider: nonEmptyString }),
      custom: mapping({ target: nonEmptyString }),
      init: anyMapping,
      expect: list(expectationSchema),
      katalog: nonEmptyString,
      cr: nonEmptyString,
      crFiles: stringList,
      crd: nonEmptyString,
    }),
    imports: list(e2eImportSchema),
    apiVersion: nonEmptyString,
  })
  .transform(({ metadata, spec = { expect: [], crFiles: [] }, ...doc }) => {
    // AllCRPaths: `cr` when set, then every `crFiles` entry.
    const crPaths = (spec.cr === undefined ? 0 : 1) + spec.crFiles.length;
    const target = spec.custom?.target;
    // runner.go `resolveSource` + `isPureAggregator`: the first matching case.
    let runsExpect: boolean;
    if (spec.init) runsExpect = true;
    else if (spec.katalog !== undefined && crPaths > 0) runsExpect = true;
    else if (target !== undefined)
      runsExpect = target === 'kubernetes' || crPaths > 0;
    else if (doc.imports.length > 0) runsExpect = false;
    // Otherwise `ork e2e` refuses the file ("must declare either (katalog +
    // cr) or init, or have imports"); the count is moot, keep counting.
    else runsExpect = true;
    const expectations = spec.expect;
    return compact({
      apiVersion: doc.apiVersion,
      name: metadata?.name,
      katalog: spec.katalog,
      crd: spec.crd,
      cr: spec.cr,
      /** `spec.cluster.provider`, e.g. `kind`. */
      clusterProvider: spec.cluster?.provider,
      expectations,
      /**
       * Whether `ork e2e` runs this file's `spec.expect` at all. It does not
       * for a pure aggregator (runner.go `isPureAggregator`): a file with
       * `imports` and no test of its own. Each import then runs as its own
       * E2E, whose cases are not part of this file's result.
       */
      runsExpect,
      /**
       * The cases this file determines alone: 0 when `runsExpect` is false,
       * else one per `spec.expect[]` item without `include`. With includes,
       * the count `ork` writes is {@link countE2ECases}.
       */
      assertions: runsExpect
        ? expectations.filter(e => e.include === undefined).length
        : 0,
      /** Top-level `imports[]` paths (suite composition); the `{path: …}` form gives its `path`. */
      imports: doc.imports.filter((path): path is string => path !== undefined),
    });
  });

/**
 * `e2e.yaml` (spec §3.5), reduced to what the plugin displays and the e2e gate records.
 *
 * @public
 */
export interface E2EModel {
  apiVersion?: string;
  name?: string;
  katalog?: string;
  crd?: string;
  cr?: string;
  /** `spec.cluster.provider`, e.g. `kind`. */
  clusterProvider?: string;
  expectations: E2EExpectationModel[];
  /**
   * Whether `ork e2e` runs this file's `spec.expect` at all. It does not for
   * a pure aggregator (runner.go `isPureAggregator`): a file with `imports`
   * and no test of its own, i.e. no `spec.init`, no `spec.katalog` with
   * `spec.cr`/`spec.crFiles`, and no `spec.custom.target` that is
   * `kubernetes` or comes with a CR. Each import then runs as its own E2E,
   * whose cases are not part of this file's result.
   */
  runsExpect: boolean;
  /**
   * The cases this file determines alone: 0 when {@link E2EModel.runsExpect} is
   * false, else one per `spec.expect[]` item without `include`. With
   * includes, the count `ork` writes is {@link countE2ECases}.
   */
  assertions: number;
  /** Top-level `imports[]` paths (suite composition); the `{path: …}` form gives its `path`. */
  imports: string[];
}

/** An included file: `yaml.Unmarshal` into a struct whose one field is `Expect`. */
const e2eIncludeSchema = z.object({ expect: list(expectationSchema) });

/**
 * Parses `e2e.yaml`. Throws `PatternValidationError` when the YAML is unsafe
 * or invalid, `kind` is not `E2E`, or a modelled key has the wrong type.
 *
 * @public
 */
export function parseE2E(
  text: string,
  fileName: string = 'e2e.yaml',
  limits?: YamlLimits,
): E2EModel {
  return parseGoYamlModel(e2eSchema, text, fileName, limits);
}

/**
 * Parses a file named by an `include:` item, as `ExpandExpectIncludes`
 * (ork `validate.go`, package e2e: `pkg/registry/e2e` in orkspace/orkestra,
 * `pkg/e2e` in the iAlexeze/orkestra fork) reads it: `yaml.Unmarshal` into
 * a struct whose one field is `Expect []E2EExpectation` with the tag
 * `yaml:"expect"`, so
 * - only the top-level `expect:` list counts; other keys are ignored (a file
 *   shaped like an e2e.yaml, with `spec.expect`, contributes nothing);
 * - an empty document, or no `expect`, gives no items;
 * - a root that is a list or a scalar is an error (Go: cannot unmarshal
 *   into the struct), as is an `expect` that is not a list;
 * - a null item is a (zero) item; an item's own `include` is kept as is:
 *   nested includes are not expanded.
 *
 * @public
 */
export function parseE2EInclude(
  text: string,
  fileName: string,
  limits?: YamlLimits,
): E2EExpectationModel[] {
  const value = parseGoYamlDocument(text, fileName, limits);
  if (value === null) return [];
  return parseModel(e2eIncludeSchema, value, fileName).expect;
}

/**
 * The e2e assertion count `ork push` writes (`io.orkestra.e2e.assertions`):
 * `Result.Total()` = `len(Result.Cases)` (ork `result.go`), and
 * `Runner.Run` (`runner.go`, same package) appends exactly one case per item of
 * `ExpandExpectIncludes(spec.expect, e2eDir)`, whatever the item checks
 * (several resources and kubectl checks are still one case; a `when:`-skipped
 * item is a skipped case, still counted). Expansion replaces each item with a
 * non-empty `include` by the items of that file's top-level `expect:` (read
 * by {@link parseE2EInclude}; its items' own includes are not expanded),
 * keeping the order. A pure aggregator (`runsExpect` false) has no cases;
 * the cases of `imports` are not part of the result.
 *
 * @param loadInclude - reads and parses the file an include names (the
 *   caller resolves the path: relative to the e2e.yaml's directory); it
 *   should throw when the file is missing, as `ork` fails the run then.
 *
 * @public
 */
export async function countE2ECases(
  model: E2EModel,
  loadInclude: (
    include: string,
    index: number,
  ) => Promise<E2EExpectationModel[]>,
): Promise<number> {
  if (!model.runsExpect) return 0;
  let cases = 0;
  for (const [index, item] of model.expectations.entries()) {
    if (item.include === undefined) cases += 1;
    else cases += (await loadInclude(item.include, index)).length;
  }
  return cases;
}
