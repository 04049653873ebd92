import {
  Document,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  Node,
  parseAllDocuments,
  parseDocument,
  Scalar,
  visit,
  YAMLMap,
} from 'yaml';
import { PatternValidationError } from '../PatternValidationError';

/**
 * Limits applied by {@link parseYamlDocument} and {@link parseYamlDocuments}.
 *
 * @public
 */
export interface YamlLimits {
  /** Largest accepted input, in UTF-8 bytes. Default 1 MiB. */
  maxBytes?: number;
  /**
   * Alias budget handed to `yaml`'s `toJS`; an alias bomb ("billion laughs")
   * exceeds it and is refused. Default 100.
   */
  maxAliasCount?: number;
  /** Largest number of documents in a multi-document stream. Default 100. */
  maxDocuments?: number;
}

/**
 * Default of {@link YamlLimits.maxBytes}: 1 MiB.
 *
 * @public
 */
export const DEFAULT_YAML_MAX_BYTES = 1024 * 1024;

/**
 * Default of {@link YamlLimits.maxAliasCount}.
 *
 * @public
 */
export const DEFAULT_YAML_MAX_ALIAS_COUNT = 100;

/**
 * Default of {@link YamlLimits.maxDocuments}.
 *
 * @public
 */
export const DEFAULT_YAML_MAX_DOCUMENTS = 100;

function checkSize(text: string, fileName: string, limits?: YamlLimits): void {
  const maxBytes = limits?.maxBytes ?? DEFAULT_YAML_MAX_BYTES;
  // A string of n UTF-16 units never encodes to fewer than n bytes, so the
  // cheap length test refuses huge inputs without encoding them.
  const size =
    text.length > maxBytes ? text.length : Buffer.byteLength(text, 'utf8');
  if (size > maxBytes) {
    throw new PatternValidationError(
      `${fileName} is ${
        text.length > maxBytes ? 'at least ' : ''
      }${size} bytes; the limit is ${maxBytes}`,
    );
  }
}

function toValue(
  document: Document,
  fileName: string,
  limits?: YamlLimits,
): unknown {
  if (document.errors.length > 0) {
    throw new PatternValidationError(
      `${fileName} is not valid YAML: ${document.errors[0].message}`,
    );
  }
  try {
    return document.toJS({
      maxAliasCount: limits?.maxAliasCount ?? DEFAULT_YAML_MAX_ALIAS_COUNT,
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new PatternValidationError(
      `${fileName} could not be read: ${message}`,
    );
  }
}

/**
 * The one safe entry point for a single YAML document: refuses oversized
 * input before parsing, reports syntax errors (with line and column) naming
 * the file, and bounds alias expansion. Returns plain JS values; an empty
 * document gives `null`. A stream with several documents is an error.
 *
 * @public
 */
export function parseYamlDocument(
  text: string,
  fileName: string,
  limits?: YamlLimits,
): unknown {
  checkSize(text, fileName, limits);
  const document = parseDocument(text, { prettyErrors: true });
  return toValue(document, fileName, limits);
}

/**
 * Like {@link parseYamlDocument} for multi-document streams (`cr.yaml`).
 * Empty documents (e.g. a trailing `---`) are dropped. More than
 * `maxDocuments` documents is an error.
 *
 * @public
 */
export function parseYamlDocuments(
  text: string,
  fileName: string,
  limits?: YamlLimits,
): unknown[] {
  checkSize(text, fileName, limits);
  const maxDocuments = limits?.maxDocuments ?? DEFAULT_YAML_MAX_DOCUMENTS;
  const documents = parseAllDocuments(text, { prettyErrors: true });
  if ('empty' in documents) {
    // EmptyStream: only comments or directives, or errors outside any document.
    if (documents.errors.length > 0) {
      throw new PatternValidationError(
        `${fileName} is not valid YAML: ${documents.errors[0].message}`,
      );
    }
    return [];
  }
  if (documents.length > maxDocuments) {
    throw new PatternValidationError(
      `${fileName} has ${documents.length} YAML documents; the limit is ${maxDocuments}`,
    );
  }
  return documents
    .map(document => toValue(document, fileName, limits))
    .filter(value => value !== null && value !== undefined);
}

/**
 * A scalar that the YAML 1.2 core schema does not read as a string (a number,
 * a boolean, a value of another tag), as {@link parseGoYamlDocument} leaves it:
 * its typed `value`, and the `text` a Go `string` field gets from yaml.v3.
 *
 * @public
 */
export class YamlScalar {
  constructor(
    /** The typed value, as `parseYamlDocument` gives it (`1.0` is `1`). */
    readonly value: unknown,
    /**
     * What yaml.v3 decodes into a Go `string`: the scalar's text as written
     * (`1.0`, `010`, `true`), i.e. `yaml.Node.Value`; a `!!binary` scalar is
     * base64-decoded.
     */
    readonly text: string,
    /** The explicit tag, when there is one. */
    readonly tag?: string,
  ) {}
}

/**
 * What {@link parseGoYamlDocument} returns: mappings as plain objects keyed by
 * the keys' text, sequences as arrays, a string-valued scalar as its string,
 * a null scalar as `null`, any other scalar as a {@link YamlScalar}.
 *
 * @public
 */
export type GoYamlValue =
  | null
  | string
  | YamlScalar
  | GoYamlValue[]
  | { [key: string]: GoYamlValue };

const BINARY_TAG = 'tag:yaml.org,2002:binary';
const MERGE_TAG = 'tag:yaml.org,2002:merge';
/** Keys a document may copy through merge keys, per unit of `maxAliasCount`. */
const MERGED_KEYS_PER_ALIAS = 1000;

function setKey(target: Record<string, unknown>, key: string, value: unknown) {
  // Never the prototype setter, whatever the key (`__proto__`).
  Object.defineProperty(target, key, {
    value,
    writable: true,
    enumerable: true,
    configurable: true,
  });
}

/*
 * Mirrors gopkg.in/yaml.v3 decoding into Go structs (decode.go): a key or a
 * `string` field gets the scalar's `Node.Value`; a null key is skipped; the
 * last `<<` of a mapping (a plain or `!!merge`-tagged `<<`) merges a mapping,
 * an alias to a mapping or a sequence of those, explicit keys winning over
 * merged ones and earlier sources over later ones; an anchor may not contain
 * its own alias. Aliased collections are converted once and shared.
 */
function toGoValue(
  document: Document,
  fileName: string,
  limits?: YamlLimits,
): GoYamlValue {
  const fail = (problem: string): never => {
    throw new PatternValidationError(
      `${fileName} could not be read: ${problem}`,
    );
  };
  const maxMergedKeys =
    Math.max(limits?.maxAliasCount ?? DEFAULT_YAML_MAX_ALIAS_COUNT, 1) *
    MERGED_KEYS_PER_ALIAS;
  let mergedKeys = 0;

  // Each alias refers to the last node with its anchor before it, in document order.
  const targets = new Map<unknown, unknown>();
  const anchored = new Map<string, unknown>();
  visit(document, {
    Node: (_key, node) => {
      if (isAlias(node)) targets.set(node, anchored.get(node.source));
      else if (node.anchor) anchored.set(node.anchor, node);
    },
  });
  const resolve = (node: unknown): unknown => {
    if (!isAlias(node)) return node;
    const target = targets.get(node);
    if (target === undefined)
      fail(`unknown anchor '${node.source}' referenced`);
    return target;
  };

  const converted = new Map<unknown, GoYamlValue>();
  const inProgress = new Set<unknown>();

  const scalar = (node: Scalar): GoYamlValue => {
    const value = node.value;
    if (value === null || value === undefined) return null;
    if (typeof value === 'string') return value;
    const text = node.source ?? String(value);
    if (node.tag === BINARY_TAG) {
      const base64 = text.replace(/[\r\n]/g, '');
      if (base64.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(base64)) {
        fail('!!binary value contains invalid base64 data');
      }
      return new YamlScalar(
        value,
        Buffer.from(base64, 'base64').toString('utf8'),
        node.tag,
      );
    }
    return new YamlScalar(value, text, node.tag);
  };

  const isMergeKey = (key: unknown): boolean =>
    isScalar(key) &&
    (key.value === '<<' ||
      (typeof key.value === 'symbol' && key.value.description === '<<')) &&
    (key.type === undefined || key.type === Scalar.PLAIN) &&
    (key.tag === undefined || key.tag === '!' || key.tag === MERGE_TAG);

  const keyText = (key: unknown): string | undefined => {
    const node = resolve(key);
    if (!isScalar(node)) return undefined; // a null or collection key
    const value = scalar(node);
    if (value === null) return undefined;
    return typeof value === 'string' ? value : (value as YamlScalar).text;
  };

  const wantMap = () =>
    fail('map merge requires map or sequence of maps as the value');

  const merge = (target: Record<string, unknown>, value: unknown) => {
    let sources: unknown[];
    if (isAlias(value)) sources = [resolve(value)];
    else if (isSeq(value)) sources = value.items.map(resolve);
    else sources = [value];
    for (const source of sources) {
      if (!isMap(source)) wantMap();
      const from = convert(source) as Record<string, unknown>;
      for (const key of Object.keys(from)) {
        if (++mergedKeys > maxMergedKeys) {
          fail('Excessive alias count indicates a resource exhaustion attack');
        }
        if (!Object.prototype.hasOwnProperty.call(target, key))
          setKey(target, key, from[key]);
      }
    }
  };

  const mapping = (node: YAMLMap): GoYamlValue => {
    const out: Record<string, GoYamlValue> = {};
    let mergeValue: unknown;
    let hasMerge = false;
    for (const pair of node.items) {
      if (isMergeKey(pair.key)) {
        // yaml.v3 keeps the last one.
        mergeValue = pair.value;
        hasMerge = true;
        continue;
      }
      const key = keyText(pair.key);
      if (key === undefined) continue;
      if (Object.prototype.hasOwnProperty.call(out, key)) {
        throw new PatternValidationError(
          `${fileName} is not valid YAML: mapping key ${JSON.stringify(
            key,
          )} already defined`,
        );
      }
      setKey(out, key, convert(pair.value));
    }
    if (hasMerge) merge(out, mergeValue);
    return out;
  };

  function convert(input: unknown): GoYamlValue {
    const node = resolve(input);
    if (node === null || node === undefined) return null;
    if (isScalar(node)) return scalar(node);
    if (!isMap(node) && !isSeq(node)) return fail('unexpected YAML node');
    const done = converted.get(node);
    if (done !== undefined) return done;
    if (inProgress.has(node)) {
      fail(`anchor '${(node as Node).anchor}' value contains itself`);
    }
    inProgress.add(node);
    const value = isMap(node) ? mapping(node) : node.items.map(convert);
    inProgress.delete(node);
    converted.set(node, value);
    return value;
  }

  return convert(document.contents);
}

/**
 * Like {@link parseYamlDocument} (same size limit, syntax errors and alias
 * budget), but reads the document the way `ork` does with gopkg.in/yaml.v3
 * into Go structs: a scalar keeps its text for Go `string` fields
 * (`version: 1.0` is `"1.0"`, see {@link YamlScalar}), keys are their text,
 * and merge keys (`<<`) are resolved. Read its values with the model readers
 * (the zod schemas of `fields.ts`), which decode strings, booleans and integers like Go.
 *
 * @public
 */
export function parseGoYamlDocument(
  text: string,
  fileName: string,
  limits?: YamlLimits,
): GoYamlValue {
  checkSize(text, fileName, limits);
  const document = parseDocument(text, { prettyErrors: true });
  // Syntax errors, then the alias budget `yaml` enforces while expanding.
  toValue(document, fileName, limits);
  return toGoValue(document, fileName, limits);
}
