import { createHash } from 'node:crypto';
import { z } from 'zod/v4';
import {
  anyMapping,
  compact,
  goBoolean,
  isMapping,
  itemMapping,
  kind,
  list,
  mapping,
  nonEmptyString,
  parseModel,
  requiredMapping,
  requiredString,
} from './fields';
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

/** A `schema` / `validation` holder: its `openAPIV3Schema`, if any. */
const schemaHolder = mapping({ openAPIV3Schema: anyMapping }).transform(
  holder => holder?.openAPIV3Schema,
);

const crdSchema = z
  .object({
    kind: kind('CustomResourceDefinition'),
    spec: requiredMapping({
      group: requiredString,
      names: z.preprocess(
        names => names ?? {},
        itemMapping({ kind: requiredString, plural: nonEmptyString }),
      ),
      validation: schemaHolder,
      versions: list(
        itemMapping({
          name: requiredString,
          served: goBoolean.transform(served => served ?? false),
          storage: goBoolean.transform(storage => storage ?? false),
          schema: schemaHolder,
        }),
      ),
      version: nonEmptyString,
    }),
  })
  .transform(({ spec }): CrdModel => {
    const shared = spec.validation;
    const versions = spec.versions.map(({ schema = shared, ...version }) =>
      compact({
        ...version,
        schemaFingerprint: schema && fingerprintSchema(schema),
      }),
    );
    if (versions.length === 0 && spec.version) {
      versions.push(
        compact({
          name: spec.version,
          served: true,
          storage: true,
          schemaFingerprint: shared && fingerprintSchema(shared),
        }),
      );
    }
    return compact({
      group: spec.group,
      kind: spec.names.kind,
      plural: spec.names.plural,
      versions,
    });
  });

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
  return parseModel(
    crdSchema,
    parseYamlDocument(text, fileName, limits),
    fileName,
  );
}
