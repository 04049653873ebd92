import { FieldReader, assign } from './fields';
import { parseGoYamlDocument, YamlLimits } from './yamlDocument';

/** One `spec.expect[]` item of an E2E file. */
export interface E2EExpectationModel {
  name?: string;
  /** `cr-applied` or `cr-deleted`. */
  after?: string;
  /** Go duration, e.g. `60s`. */
  timeout?: string;
  /** Assertions in this item, counted as described on {@link E2EModel.assertions}. */
  assertions: number;
}

/** `e2e.yaml` (spec §3.5), reduced to what the plugin displays. */
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
   * Our count (no `ork` source for it is known): for each `spec.expect[]`
   * item, the number of `resources[]` entries plus the number of kubectl
   * checks, where each `kubectl.<verb>` contributes the length of its list,
   * or 1 when it is a single (non-null) value. `onFailure` and `setup` are
   * not assertions.
   */
  assertions: number;
  /** Top-level `imports[]` (suite composition). */
  imports: string[];
}

/**
 * Parses `e2e.yaml`. Throws `PatternValidationError` when the YAML is unsafe
 * or invalid, `kind` is not `E2E`, or a modelled key has the wrong type.
 */
export function parseE2E(
  text: string,
  fileName: string = 'e2e.yaml',
  limits?: YamlLimits,
): E2EModel {
  const r = new FieldReader(fileName);
  const doc = r.root(parseGoYamlDocument(text, fileName, limits));
  r.kind(doc, 'E2E');
  const metadata = r.mapping(doc.metadata, 'metadata') ?? {};
  const spec = r.mapping(doc.spec, 'spec') ?? {};
  const cluster = r.mapping(spec.cluster, 'spec.cluster') ?? {};

  const expectations = r.list(spec.expect, 'spec.expect').map((item, i) => {
    const path = `spec.expect[${i}]`;
    const m = r.mapping(item, path);
    if (!m) return r.fail(path, 'must be a mapping');
    let assertions = r.list(m.resources, `${path}.resources`).length;
    const kubectl = r.mapping(m.kubectl, `${path}.kubectl`) ?? {};
    for (const checks of Object.values(kubectl)) {
      if (Array.isArray(checks)) assertions += checks.length;
      else if (checks !== null && checks !== undefined) assertions += 1;
    }
    const expectation: E2EExpectationModel = { assertions };
    assign(expectation, 'name', r.nonEmptyString(m.name, `${path}.name`));
    assign(expectation, 'after', r.nonEmptyString(m.after, `${path}.after`));
    assign(
      expectation,
      'timeout',
      r.nonEmptyString(m.timeout, `${path}.timeout`),
    );
    return expectation;
  });

  const model: E2EModel = {
    expectations,
    assertions: expectations.reduce((sum, e) => sum + e.assertions, 0),
    imports: r.stringList(doc.imports, 'imports'),
  };
  assign(model, 'apiVersion', r.nonEmptyString(doc.apiVersion, 'apiVersion'));
  assign(model, 'name', r.nonEmptyString(metadata.name, 'metadata.name'));
  assign(model, 'katalog', r.nonEmptyString(spec.katalog, 'spec.katalog'));
  assign(model, 'crd', r.nonEmptyString(spec.crd, 'spec.crd'));
  assign(model, 'cr', r.nonEmptyString(spec.cr, 'spec.cr'));
  assign(
    model,
    'clusterProvider',
    r.nonEmptyString(cluster.provider, 'spec.cluster.provider'),
  );
  return model;
}
