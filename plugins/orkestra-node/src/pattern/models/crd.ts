import { createHash } from 'node:crypto';
import { FieldReader, YamlMapping, assign, isMapping } from './fields';
import { parseYamlDocument, YamlLimits } from './yamlDocument';

/**
 * One served version of a CustomResourceDefinition.
 *
 * @public
 */
export interface CrdVersionModel {
  name: string;
  served: boolean;
  storage: boolean;
  /**
   * `sha256:<hex>` of the canonical JSON (keys sorted, no whitespace) of the
   * version's `openAPIV3Schema`: equal schemas give equal fingerprints
   * regardless of key order or YAML style. Absent when there is no schema.
   */
  schemaFingerprint?: string;
}

/**
 * `crd.yaml`, reduced to what `ork push` checks and a version diff needs.
 *
 * @public
 */
export interface CrdModel {
  group: string;
  kind: string;
  plural?: string;
  versions: CrdVersionModel[];
}

/**
 * JSON with object keys sorted at every level; arrays keep their order.
 *
 * @public
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isMapping(value)) {
    const entries = Object.keys(value)
      .filter(key => value[key] !== undefined)
      .sort()
      .map(key => `${JSON.stringify(key)}:${canonicalJson(value[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * `sha256:<hex>` of {@link canonicalJson} of a schema.
 *
 * @public
 */
export function fingerprintSchema(schema: unknown): string {
  return `sha256:${createHash('sha256')
    .update(canonicalJson(schema))
    .digest('hex')}`;
}

function schemaOf(
  r: FieldReader,
  holder: unknown,
  path: string,
): YamlMapping | undefined {
  const h = r.mapping(holder, path);
  return r.mapping(h?.openAPIV3Schema, `${path}.openAPIV3Schema`);
}

/**
 * Parses `crd.yaml` with the checks `ork push` makes: `kind` must be
 * `CustomResourceDefinition` and `spec.group` and `spec.names.kind` are
 * required. Reads `spec.versions[]` (apiextensions v1); a v1beta1 file with
 * only `spec.version` gives one served storage version, and its top-level
 * `spec.validation` schema applies to versions that have none of their own.
 *
 * @public
 */
export function parseCrd(
  text: string,
  fileName: string = 'crd.yaml',
  limits?: YamlLimits,
): CrdModel {
  const r = new FieldReader(fileName);
  const doc = r.root(parseYamlDocument(text, fileName, limits));
  r.kind(doc, 'CustomResourceDefinition');
  const spec = r.mapping(doc.spec, 'spec');
  if (!spec) return r.fail('spec', 'is required');
  const names = r.mapping(spec.names, 'spec.names') ?? {};
  const group = r.requiredString(spec.group, 'spec.group');
  const kind = r.requiredString(names.kind, 'spec.names.kind');
  const sharedSchema = schemaOf(r, spec.validation, 'spec.validation');

  const versions = r.list(spec.versions, 'spec.versions').map((item, i) => {
    const path = `spec.versions[${i}]`;
    const m = r.mapping(item, path);
    if (!m) return r.fail(path, 'must be a mapping');
    const version: CrdVersionModel = {
      name: r.requiredString(m.name, `${path}.name`),
      served: r.boolean(m.served, `${path}.served`) ?? false,
      storage: r.boolean(m.storage, `${path}.storage`) ?? false,
    };
    const schema = schemaOf(r, m.schema, `${path}.schema`) ?? sharedSchema;
    assign(version, 'schemaFingerprint', schema && fingerprintSchema(schema));
    return version;
  });
  const legacyVersion = r.nonEmptyString(spec.version, 'spec.version');
  if (versions.length === 0 && legacyVersion) {
    const version: CrdVersionModel = {
      name: legacyVersion,
      served: true,
      storage: true,
    };
    assign(
      version,
      'schemaFingerprint',
      sharedSchema && fingerprintSchema(sharedSchema),
    );
    versions.push(version);
  }

  const crd: CrdModel = {
    group,
    kind,
    versions,
  };
  assign(crd, 'plural', r.nonEmptyString(names.plural, 'spec.names.plural'));
  return crd;
}
