import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  GoYamlValue,
  parseGoYamlDocument,
  YamlScalar,
} from './models/yamlDocument';

/**
 * What `ork push` records for a typed Katalog (`registry.PatternTyped`):
 * `io.orkestra.katalog.typed`, `has_hooks` and `has_constructor`.
 *
 * @public
 */
export interface PatternTyped {
  hasHooks: boolean;
  hasConstructor: boolean;
}

class NotDecodable extends Error {}

type GoMap = { [key: string]: GoYamlValue };

function isMap(value: GoYamlValue | undefined): value is GoMap {
  return (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    !(value instanceof YamlScalar)
  );
}

/** A mapping's own key (never an inherited property such as `constructor`). */
function field(map: GoMap | undefined, key: string): GoYamlValue | undefined {
  return map && Object.prototype.hasOwnProperty.call(map, key)
    ? map[key]
    : undefined;
}

/** A struct (or pointer-to-struct) field as yaml.v3 decodes it: a mapping, null/absent, or an error. */
function struct(value: GoYamlValue | undefined): GoMap | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isMap(value)) throw new NotDecodable();
  return value;
}

/** A `*bool` field: null/absent is nil, a boolean scalar its value, anything else an error. */
function optionalBool(value: GoYamlValue | undefined): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (value instanceof YamlScalar && typeof value.value === 'boolean')
    return value.value;
  throw new NotDecodable();
}

/**
 * Port of `detectTypedKatalog` (orkspace/orkestra cmd/cli/push.go) over the
 * text of `katalog.yaml`: for every enabled CRD (`enabled` absent or true,
 * as the merger's `Enabled()`), `CustomHooksEnabled()` is
 * `operatorBox.reconciler.hooks` being set (non-null) and
 * `ConstructorEnabled()` is `operatorBox.reconciler.constructor` being set
 * (pkg/types methods.go). Returns undefined when neither is used anywhere,
 * and when the file does not parse or decode (Go returns nil on a
 * `katalog.ParseFile` error).
 *
 * Not ported: the rest of `katalog.ParseFile` (includes, motif imports,
 * enrichment), whose errors also make ork record nothing; the publish action
 * only reaches this after the pattern validated.
 *
 * @public
 */
export function detectTypedKatalogText(text: string): PatternTyped | undefined {
  let root: GoYamlValue;
  try {
    root = parseGoYamlDocument(text, 'katalog.yaml');
  } catch {
    return undefined;
  }
  try {
    const doc = struct(root);
    const crds = struct(field(struct(field(doc, 'spec')), 'crds'));
    const typed: PatternTyped = { hasHooks: false, hasConstructor: false };
    for (const entryValue of Object.values(crds ?? {})) {
      const entry = struct(entryValue);
      const enabled = optionalBool(field(entry, 'enabled'));
      const reconciler = struct(
        field(struct(field(entry, 'operatorBox')), 'reconciler'),
      );
      // A hooks or constructor block that is not a mapping fails to decode for every CRD.
      const hooks = struct(field(reconciler, 'hooks'));
      const constructor = struct(field(reconciler, 'constructor'));
      if (enabled === false) continue;
      if (hooks) typed.hasHooks = true;
      if (constructor) typed.hasConstructor = true;
    }
    if (!typed.hasHooks && !typed.hasConstructor) return undefined;
    return typed;
  } catch (error) {
    if (error instanceof NotDecodable) return undefined;
    throw error;
  }
}

/**
 * `detectTypedKatalog(filepath.Join(dir, "katalog.yaml"))`: undefined when the file cannot be read either.
 *
 * @public
 */
export async function detectTypedKatalog(
  katalogPath: string,
): Promise<PatternTyped | undefined> {
  let text: string;
  try {
    text = await readFile(katalogPath, 'utf8');
  } catch {
    return undefined;
  }
  return detectTypedKatalogText(text);
}

// unicode.IsSpace, which strings.TrimSpace and strings.Fields use.
const GO_SPACE =
  '\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const TRIM = new RegExp(`^[${GO_SPACE}]+|[${GO_SPACE}]+$`, 'g');
const FIELDS = new RegExp(`[${GO_SPACE}]+`);
/** bufio.Scanner's default MaxScanTokenSize: a longer line stops the scan with an error. */
const MAX_LINE_BYTES = 64 * 1024;

function fields(line: string): string[] {
  return line.split(FIELDS).filter(f => f !== '');
}

/**
 * Port of `extractRuntimeVersionFromGoMod` (cmd/cli/push.go) over the text
 * of `go.mod`: the version of the first line (trimmed) that is
 * `require github.com/orkspace/orkestra <v>` (third field) or, in a require
 * block, `github.com/orkspace/orkestra <v>` (second field); "" when there is
 * none, or when a line too long for bufio.Scanner comes before it.
 *
 * @public
 */
export function runtimeVersionFromGoMod(text: string): string {
  for (const raw of text.split('\n')) {
    if (Buffer.byteLength(raw, 'utf8') >= MAX_LINE_BYTES) return '';
    const line = raw.replace(TRIM, '');
    if (line.startsWith('require github.com/orkspace/orkestra ')) {
      const parts = fields(line);
      if (parts.length >= 3) return parts[2];
    }
    if (line.startsWith('github.com/orkspace/orkestra ')) {
      const parts = fields(line);
      if (parts.length >= 2) return parts[1];
    }
  }
  return '';
}

/**
 * `extractRuntimeVersionFromGoMod(dir)`: reads `<dir>/go.mod`; "" when it cannot be read.
 *
 * @public
 */
export async function extractRuntimeVersionFromGoMod(
  dir: string,
): Promise<string> {
  let text: string;
  try {
    text = await readFile(join(dir, 'go.mod'), 'utf8');
  } catch {
    return '';
  }
  return runtimeVersionFromGoMod(text);
}
