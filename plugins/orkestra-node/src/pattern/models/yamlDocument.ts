import { Document, parseAllDocuments, parseDocument } from 'yaml';
import { PatternValidationError } from '../patternDirectory';

/** Limits applied by {@link parseYamlDocument} and {@link parseYamlDocuments}. */
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

export const DEFAULT_YAML_MAX_BYTES = 1024 * 1024;
export const DEFAULT_YAML_MAX_ALIAS_COUNT = 100;
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
