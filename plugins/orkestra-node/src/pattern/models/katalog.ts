import { z } from 'zod/v4';
import { katalogBase, katalogBaseShape } from './common';
import { kind, parseGoYamlModel } from './fields';
import { YamlLimits } from './yamlDocument';
import type { KatalogBaseModel } from './types';

const katalogSchema = z
  .object({ kind: kind('Katalog'), ...katalogBaseShape })
  .transform(({ kind: k, ...rest }) => ({ kind: k, ...katalogBase(rest) }));

/**
 * `katalog.yaml` (spec §3.2), reduced to what the plugin displays and checks.
 *
 * @public
 */
export interface KatalogModel extends KatalogBaseModel {
  kind: 'Katalog';
}

/**
 * Parses `katalog.yaml`. Throws `PatternValidationError` when the YAML is
 * unsafe or invalid, `kind` is not `Katalog`, `metadata.name` is missing, or
 * a modelled key has the wrong type. Unknown keys are ignored.
 *
 * @public
 */
export function parseKatalog(
  text: string,
  fileName: string = 'katalog.yaml',
  limits?: YamlLimits,
): KatalogModel {
  return parseGoYamlModel(katalogSchema, text, fileName, limits);
}
