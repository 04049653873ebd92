import { readLifecycle, readMetadata } from './common';
import { FieldReader, assign } from './fields';
import { LifecycleModel, MetadataModel } from './types';
import { parseGoYamlDocument, YamlLimits } from './yamlDocument';

/**
 * One `inputs[]` item of a Motif. All values are strings; `type` is a hint only.
 *
 * @public
 */
export interface MotifInputModel {
  name: string;
  description?: string;
  required: boolean;
  type?: string;
  default?: string;
}

/**
 * `motif.yaml` (spec §3.1), reduced to what the plugin displays.
 *
 * @public
 */
export interface MotifModel {
  apiVersion?: string;
  kind: 'Motif';
  metadata: MetadataModel;
  inputs: MotifInputModel[];
  /**
   * Keys under `resources` in file order (`deployments`, `services`, …).
   * The `onCreate` key is not a kind: its own keys are listed instead.
   */
  resourceKinds: string[];
  /** An `admission` block is present. */
  hasAdmission: boolean;
  lifecycle?: LifecycleModel;
}

/**
 * Parses `motif.yaml`. Throws `PatternValidationError` when the YAML is
 * unsafe or invalid, `kind` is not `Motif`, `metadata.name` or an input name
 * is missing, or a modelled key has the wrong type.
 *
 * @public
 */
export function parseMotif(
  text: string,
  fileName: string = 'motif.yaml',
  limits?: YamlLimits,
): MotifModel {
  const r = new FieldReader(fileName);
  const doc = r.root(parseGoYamlDocument(text, fileName, limits));
  const kind = r.kind(doc, 'Motif');

  const inputs = r.list(doc.inputs, 'inputs').map((item, i) => {
    const path = `inputs[${i}]`;
    const m = r.mapping(item, path);
    if (!m) return r.fail(path, 'must be a mapping');
    const input: MotifInputModel = {
      name: r.requiredString(m.name, `${path}.name`),
      required: r.boolean(m.required, `${path}.required`) ?? false,
    };
    assign(
      input,
      'description',
      r.nonEmptyString(m.description, `${path}.description`),
    );
    assign(input, 'type', r.nonEmptyString(m.type, `${path}.type`));
    // `default: ""` is meaningful (an empty default), so it is kept.
    assign(input, 'default', r.string(m.default, `${path}.default`));
    return input;
  });

  const resources = r.mapping(doc.resources, 'resources') ?? {};
  const resourceKinds = new Set<string>();
  for (const key of Object.keys(resources)) {
    if (key === 'onCreate') {
      const onCreate =
        r.mapping(resources.onCreate, 'resources.onCreate') ?? {};
      Object.keys(onCreate).forEach(k => resourceKinds.add(k));
    } else {
      resourceKinds.add(key);
    }
  }

  const motif: MotifModel = {
    kind,
    metadata: readMetadata(r, doc),
    inputs,
    resourceKinds: [...resourceKinds],
    hasAdmission: doc.admission !== undefined && doc.admission !== null,
  };
  assign(motif, 'apiVersion', r.nonEmptyString(doc.apiVersion, 'apiVersion'));
  assign(motif, 'lifecycle', readLifecycle(r, doc));
  return motif;
}
