import { Deprecation } from '@orkspace/backstage-plugin-orkestra-common';
import { PatternValidationError } from '../PatternValidationError';
import { YamlScalar } from './yamlDocument';

/**
 * Typed readers for the values produced by `parseGoYamlDocument` (and the
 * plain JS values of `parseYamlDocument`).
 *
 * Conventions shared by every model parser:
 * - a missing key or an explicit `null` reads as "not set";
 * - unknown keys are ignored;
 * - a key we model with the wrong type throws a `PatternValidationError`
 *   whose message starts with `<fileName>: <key.path>`;
 * - where `ork` has a Go `string` (or `[]string`), any scalar is accepted and
 *   read as gopkg.in/yaml.v3 reads it: by its text as written (`1.0` is
 *   `"1.0"`, `true` is `"true"`); null items of a `[]string` are dropped;
 * - where `ork` has a `bool` or an `int`, the YAML 1.2 core typed value is
 *   required (`true`/`false`, an integer).
 *
 * @internal
 */
export type YamlMapping = Record<string, unknown>;

/** @internal */
export class FieldReader {
  constructor(readonly fileName: string) {}

  fail(path: string, problem: string): never {
    throw new PatternValidationError(`${this.fileName}: ${path} ${problem}`);
  }

  /** The document root, which must be a mapping. */
  root(value: unknown): YamlMapping {
    if (!isMapping(value)) {
      throw new PatternValidationError(
        `${this.fileName} must be a YAML mapping`,
      );
    }
    return value;
  }

  /** Checks `kind`, the first thing `ork` looks at. */
  kind<K extends string>(doc: YamlMapping, expected: K): K {
    const kind = doc.kind instanceof YamlScalar ? doc.kind.text : doc.kind;
    if (kind !== expected) {
      const found = kind === undefined ? 'none' : JSON.stringify(kind);
      this.fail('kind', `must be ${expected} (found ${found})`);
    }
    return expected;
  }

  mapping(value: unknown, path: string): YamlMapping | undefined {
    if (value === undefined || value === null) return undefined;
    if (!isMapping(value)) this.fail(path, 'must be a mapping');
    return value;
  }

  list(value: unknown, path: string): unknown[] {
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) this.fail(path, 'must be a list');
    return value;
  }

  string(value: unknown, path: string): string | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string') return value;
    if (value instanceof YamlScalar) return value.text;
    if (typeof value === 'number' || typeof value === 'boolean') {
      return String(value);
    }
    return this.fail(path, 'must be a string');
  }

  /** Like `string`, but an empty string also reads as "not set". */
  nonEmptyString(value: unknown, path: string): string | undefined {
    const s = this.string(value, path);
    return s === '' ? undefined : s;
  }

  requiredString(value: unknown, path: string): string {
    const s = this.nonEmptyString(value, path);
    if (s === undefined) this.fail(path, 'is required');
    return s;
  }

  boolean(value: unknown, path: string): boolean | undefined {
    if (value === undefined || value === null) return undefined;
    const typed = value instanceof YamlScalar ? value.value : value;
    if (typeof typed !== 'boolean') this.fail(path, 'must be a boolean');
    return typed;
  }

  integer(value: unknown, path: string): number | undefined {
    if (value === undefined || value === null) return undefined;
    const typed = value instanceof YamlScalar ? value.value : value;
    if (typeof typed !== 'number' || !Number.isSafeInteger(typed)) {
      this.fail(path, 'must be an integer');
    }
    return typed;
  }

  /** A Go `[]string`: null items are dropped, as yaml.v3 drops them. */
  stringList(value: unknown, path: string): string[] {
    const out: string[] = [];
    this.list(value, path).forEach((item, i) => {
      const s = this.string(item, `${path}[${i}]`);
      if (s !== undefined) out.push(s);
    });
    return out;
  }

  /** A `map[string]string`; `null` values read as `""` as in Go. */
  stringMap(value: unknown, path: string): Record<string, string> {
    const m = this.mapping(value, path) ?? {};
    const out: Record<string, string> = {};
    for (const [key, item] of Object.entries(m)) {
      out[key] = this.string(item, `${path}.${key}`) ?? '';
    }
    return out;
  }

  /** `lifecycle.deprecation` (spec §9); `undefined` when the block is absent. */
  deprecation(value: unknown, path: string): Deprecation | undefined {
    const d = this.mapping(value, path);
    if (!d) return undefined;
    const timeline = this.mapping(d.timeline, `${path}.timeline`) ?? {};
    const deprecation: Deprecation = {};
    assign(
      deprecation,
      'migratedTo',
      this.nonEmptyString(d.migratedTo, `${path}.migratedTo`),
    );
    assign(
      deprecation,
      'message',
      this.nonEmptyString(d.message, `${path}.message`),
    );
    assign(
      deprecation,
      'timelineFrom',
      this.nonEmptyString(timeline.from, `${path}.timeline.from`),
    );
    assign(
      deprecation,
      'timelineTo',
      this.nonEmptyString(timeline.to, `${path}.timeline.to`),
    );
    return deprecation;
  }
}

/** @internal */
export function isMapping(value: unknown): value is YamlMapping {
  return (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    !(value instanceof YamlScalar)
  );
}

/**
 * Sets `target[key]` only when `value` is defined, keeping models free of
 * `undefined` keys.
 *
 * @internal
 */
export function assign<T extends object, K extends keyof T>(
  target: T,
  key: K,
  value: T[K] | undefined,
): void {
  if (value !== undefined) target[key] = value;
}
