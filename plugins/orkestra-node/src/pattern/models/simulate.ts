import { FieldReader, YamlMapping, assign } from './fields';
import { readGateDocument } from './gateDocument';
import { YamlLimits } from './yamlDocument';

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

/*
 * Counts assertions exactly like `countSimulateAssertions` in `ork`'s
 * `push.go`: `len(ops) + len(absent)`, plus one each when `steady` is set
 * (to any boolean, `false` included), when `steadyAt` is set, and when
 * `noErrors` is `true`; then the same for each block under `crds`
 * (a `null` block counts 0).
 */
function countSimulateAssertions(
  r: FieldReader,
  expect: YamlMapping,
  path: string,
): number {
  let n =
    r.list(expect.ops, `${path}.ops`).length +
    r.list(expect.absent, `${path}.absent`).length;
  if (r.boolean(expect.steady, `${path}.steady`) !== undefined) n++;
  if (r.integer(expect.steadyAt, `${path}.steadyAt`) !== undefined) n++;
  if (r.boolean(expect.noErrors, `${path}.noErrors`) === true) n++;
  const crds = r.mapping(expect.crds, `${path}.crds`) ?? {};
  for (const [name, block] of Object.entries(crds)) {
    const crdPath = `${path}.crds.${name}`;
    const m = r.mapping(block, crdPath);
    if (m) n += countSimulateAssertions(r, m, crdPath);
  }
  return n;
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
  const gate = readGateDocument(text, fileName, 'Simulate', limits);
  const { reader: r, doc, metadata, spec } = gate;
  const expect = r.mapping(spec.expect, 'spec.expect');

  const model: SimulateModel = {
    hasExpect: expect !== undefined,
    assertions: expect ? countSimulateAssertions(r, expect, 'spec.expect') : 0,
    imports: r.stringList(doc.imports, 'imports'),
  };
  assign(model, 'apiVersion', r.nonEmptyString(doc.apiVersion, 'apiVersion'));
  assign(model, 'name', r.nonEmptyString(metadata.name, 'metadata.name'));
  assign(
    model,
    'description',
    r.nonEmptyString(metadata.description, 'metadata.description'),
  );
  assign(model, 'katalog', r.nonEmptyString(spec.katalog, 'spec.katalog'));
  assign(model, 'cr', r.nonEmptyString(spec.cr, 'spec.cr'));
  assign(model, 'cycles', r.integer(spec.cycles, 'spec.cycles'));
  assign(
    model,
    'skipExternal',
    r.boolean(spec.skipExternal, 'spec.skipExternal'),
  );
  return model;
}
