import { z } from 'zod/v4';
import { lifecycleSchema, metadataSchema } from './common';
import type { LifecycleModel, MetadataModel } from './types';
import {
  anyMapping,
  goBoolean,
  itemMapping,
  kind,
  list,
  nonEmptyString,
  optionalString,
  parseGoYamlModel,
  parseNested,
  present,
  requiredString,
} from './fields';
import { YamlLimits } from './yamlDocument';

const motifInputSchema = itemMapping({
  name: requiredString,
  description: nonEmptyString,
  required: goBoolean.transform(required => required ?? false),
  /** A hint only: all values are strings. */
  type: nonEmptyString,
  // `default: ""` is meaningful (an empty default), so it is kept.
  default: optionalString,
});

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
 * Keys under `resources` in file order (`deployments`, `services`, …). The
 * `onCreate` key is not a kind: its own keys are listed instead.
 */
const resourceKindsSchema = anyMapping.transform((resources = {}, ctx) => {
  const kinds = new Set<string>();
  for (const key of Object.keys(resources)) {
    if (key !== 'onCreate') {
      kinds.add(key);
      continue;
    }
    const onCreate = parseNested(anyMapping, resources.onCreate, ctx, [
      'onCreate',
    ]);
    Object.keys(onCreate ?? {}).forEach(k => kinds.add(k));
  }
  return [...kinds];
});

const motifSchema = z
  .object({
    kind: kind('Motif'),
    inputs: list(motifInputSchema),
    resources: resourceKindsSchema,
    metadata: metadataSchema,
    apiVersion: nonEmptyString,
    admission: present,
    lifecycle: lifecycleSchema,
  })
  .transform(doc => ({
    apiVersion: doc.apiVersion,
    kind: doc.kind,
    metadata: doc.metadata,
    inputs: doc.inputs,
    resourceKinds: doc.resources,
    /** An `admission` block is present. */
    hasAdmission: doc.admission,
    lifecycle: doc.lifecycle,
  }));

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
  return parseGoYamlModel(motifSchema, text, fileName, limits);
}
