import { PatternKind } from '@orkspace/backstage-plugin-orkestra-common';
import { z } from 'zod/v4';
import type { PatternMeta } from '../patternDirectory';
import { lifecycleWithAcceptSchema, metadataShape } from './common';
import {
  nilableStringList,
  optionalString,
  parseModel,
  requiredMapping,
} from './fields';
import { parseGoYamlDocument, YamlLimits } from './yamlDocument';

/**
 * What {@link parsePatternMeta} found in a primary file.
 *
 * @public
 */
export interface PrimaryFileMeta {
  /** `kind` as written (its text), `null` when there is none. */
  kind: string | null;
  /** The metadata `ork push` reads, when `kind` is the expected one. */
  meta?: PatternMeta;
}

const primaryKindSchema = z.object({ kind: optionalString });

const primaryMetaSchema = z.object({
  // A nil slice when the key is missing or null; `tags: []` is an empty one.
  metadata: requiredMapping({ ...metadataShape, tags: nilableStringList }),
  // `accept` is decoded (and so checked) by LoadPatternMeta too.
  lifecycle: lifecycleWithAcceptSchema,
});

/**
 * Reads a primary file (`katalog.yaml`, `motif.yaml`) as `ork`'s
 * `LoadPatternMeta` does, with gopkg.in/yaml.v3 into Go strings: `kind`,
 * `metadata.{name, version, description, author, license, tags}` and the
 * `lifecycle` block (its `deprecation` kept), each string by its text as
 * written (`version: 1.0` is `1.0`, `tags: [web, 2]` is `["web", "2"]`,
 * `description: true` is `"true"`) and with merge keys resolved. Defaults:
 * `version` `latest`, `description` `Pattern <name>` / `Motif <name>`;
 * `tags` is `null` when the key is missing or null (a nil slice in `ork`).
 *
 * Returns the `kind` alone when it is not `expectedKind` (`ork` then tries
 * the next candidate file). Throws `PatternValidationError` when the YAML is
 * unsafe or invalid, not a mapping, `metadata` or `metadata.name` is missing,
 * or one of these keys has a type yaml.v3 would refuse.
 *
 * @public
 */
export function parsePatternMeta(
  text: string,
  fileName: string,
  expectedKind: PatternKind,
  limits?: YamlLimits,
): PrimaryFileMeta {
  const doc = parseGoYamlDocument(text, fileName, limits);
  const kind = parseModel(primaryKindSchema, doc, fileName).kind ?? null;
  if (kind !== expectedKind) return { kind };

  const { metadata, lifecycle } = parseModel(primaryMetaSchema, doc, fileName);
  const meta: PatternMeta = {
    kind: expectedKind,
    name: metadata.name,
    version: metadata.version,
    description:
      metadata.description ??
      `${expectedKind === 'Katalog' ? 'Pattern' : 'Motif'} ${metadata.name}`,
    tags: metadata.tags,
  };
  if (metadata.author) meta.author = metadata.author;
  if (metadata.license) meta.license = metadata.license;
  const deprecation = lifecycle.lifecycle?.deprecation;
  if (deprecation) meta.deprecation = deprecation;
  return { kind, meta };
}
