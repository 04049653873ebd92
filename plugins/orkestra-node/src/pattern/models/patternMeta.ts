import { PatternKind } from '@orkspace/backstage-plugin-orkestra-common';
import type { PatternMeta } from '../patternDirectory';
import { readLifecycle, readMetadata } from './common';
import { FieldReader, YamlMapping } from './fields';
import { readAccept } from './komposer';
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
  const r = new FieldReader(fileName);
  const doc = r.root(parseGoYamlDocument(text, fileName, limits));
  const kind = r.string(doc.kind, 'kind') ?? null;
  if (kind !== expectedKind) return { kind };

  const metadata = readMetadata(r, doc);
  const { tags } = doc.metadata as YamlMapping;
  const lifecycle = readLifecycle(r, doc);
  readAccept(r, doc.lifecycle); // decoded by LoadPatternMeta too
  const meta: PatternMeta = {
    kind: expectedKind,
    name: metadata.name,
    version: metadata.version,
    description:
      metadata.description ??
      `${expectedKind === 'Katalog' ? 'Pattern' : 'Motif'} ${metadata.name}`,
    // A nil slice when the key is missing or null; `tags: []` is an empty one.
    tags: tags === undefined || tags === null ? null : metadata.tags,
  };
  if (metadata.author) meta.author = metadata.author;
  if (metadata.license) meta.license = metadata.license;
  if (lifecycle?.deprecation) meta.deprecation = lifecycle.deprecation;
  return { kind, meta };
}
