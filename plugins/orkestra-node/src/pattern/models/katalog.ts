import { readKatalogBase } from './common';
import { FieldReader } from './fields';
import { KatalogBaseModel } from './types';
import { parseGoYamlDocument, YamlLimits } from './yamlDocument';

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
  const r = new FieldReader(fileName);
  const doc = r.root(parseGoYamlDocument(text, fileName, limits));
  const kind = r.kind(doc, 'Katalog');
  return { kind, ...readKatalogBase(r, doc) };
}
