import { z } from 'zod/v4';
import {
  compact,
  goBoolean,
  goInteger,
  itemMapping,
  kind,
  list,
  mapping,
  namedEntries,
  nonEmptyString,
  parseGoYamlModel,
  stringList,
} from './fields';
import { YamlLimits } from './yamlDocument';

/*
 * Counts assertions exactly like `countSimulateAssertions` in `ork`'s
 * `push.go`: `len(ops) + len(absent)`, plus one each when `steady` is set
 * (to any boolean, `false` included), when `steadyAt` is set, and when
 * `noErrors` is `true`; then the same for each block under `crds`
 * (a `null` block counts 0). A missing or null block gives `undefined`.
 */
const expectAssertions: z.ZodType<number | undefined> = z.lazy(() =>
  z.preprocess(
    value => (value === null ? undefined : value),
    itemMapping({
      ops: list(z.unknown()),
      absent: list(z.unknown()),
      steady: goBoolean,
      steadyAt: goInteger,
      noErrors: goBoolean,
      crds: namedEntries(expectAssertions),
    })
      .transform(
        expect =>
          expect.ops.length +
          expect.absent.length +
          (expect.steady !== undefined ? 1 : 0) +
          (expect.steadyAt !== undefined ? 1 : 0) +
          (expect.noErrors === true ? 1 : 0) +
          Object.values(expect.crds).reduce<number>((n, c) => n + (c ?? 0), 0),
      )
      .optional(),
  ),
);

const simulateSchema = z
  .object({
    kind: kind('Simulate'),
    metadata: mapping({ name: nonEmptyString, description: nonEmptyString }),
    spec: mapping({
      expect: expectAssertions,
      katalog: nonEmptyString,
      cr: nonEmptyString,
      cycles: goInteger,
      skipExternal: goBoolean,
    }),
    imports: stringList,
    apiVersion: nonEmptyString,
  })
  .transform(({ metadata, spec, imports, apiVersion }) =>
    compact({
      apiVersion,
      name: metadata?.name,
      description: metadata?.description,
      /** `spec.katalog`, a path relative to the file. */
      katalog: spec?.katalog,
      /** `spec.cr`, a path relative to the file (multi-document allowed). */
      cr: spec?.cr,
      /** `spec.cycles` as written; `ork` defaults to 10 and the push gate caps at 10. */
      cycles: spec?.cycles,
      skipExternal: spec?.skipExternal,
      /**
       * `spec.expect` is a mapping (even an empty one). Without it the push
       * gate records `no-assertion` instead of running.
       */
      hasExpect: spec?.expect !== undefined,
      /** The count `ork push` writes to the assertions annotation. */
      assertions: spec?.expect ?? 0,
      /** Top-level `imports[]` of the aggregator form. */
      imports,
    }),
  );

/**
 * `simulate.yaml` (spec §3.4), reduced to what the simulate gate records.
 *
 * @public
 */
export interface SimulateModel {
  apiVersion?: string;
  name?: string;
  description?: string;
  /** `spec.katalog`, a path relative to the file. */
  katalog?: string;
  /** `spec.cr`, a path relative to the file (multi-document allowed). */
  cr?: string;
  /** `spec.cycles` as written; `ork` defaults to 10 and the push gate caps at 10. */
  cycles?: number;
  skipExternal?: boolean;
  /**
   * `spec.expect` is a mapping (even an empty one). Without it the push gate
   * records `no-assertion` instead of running.
   */
  hasExpect: boolean;
  /** The count `ork push` writes to the assertions annotation; `len(ops) + len(absent)`, +1 each for `steady` set, `steadyAt` set, `noErrors: true`, recursing into `crds`. */
  assertions: number;
  /** Top-level `imports[]` of the aggregator form. */
  imports: string[];
}

/**
 * Parses `simulate.yaml`. Throws `PatternValidationError` when the YAML is
 * unsafe or invalid, `kind` is not `Simulate`, or a modelled key has the
 * wrong type (where `ork` would silently count 0, we prefer to say why).
 *
 * @public
 */
export function parseSimulate(
  text: string,
  fileName: string = 'simulate.yaml',
  limits?: YamlLimits,
): SimulateModel {
  return parseGoYamlModel(simulateSchema, text, fileName, limits);
}
