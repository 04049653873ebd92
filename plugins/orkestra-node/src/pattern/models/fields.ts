import { z } from 'zod/v4';
import { PatternValidationError } from '../PatternValidationError';
import { parseGoYamlDocument, YamlLimits, YamlScalar } from './yamlDocument';

/**
 * zod schemas for the values produced by `parseGoYamlDocument` (and the
 * plain JS values of `parseYamlDocument`), and {@link parseModel}, which
 * renders the first zod issue as the `PatternValidationError` every model
 * parser throws.
 *
 * Conventions shared by every model schema:
 * - a missing key or an explicit `null` reads as "not set";
 * - unknown keys are ignored;
 * - a key we model with the wrong type throws a `PatternValidationError`
 *   whose message is `<fileName>: <key.path> <problem>`;
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
export function isMapping(value: unknown): value is YamlMapping {
  return (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    !(value instanceof YamlScalar)
  );
}

type Ctx = z.RefinementCtx;

/** Adds an issue worded as the models word it (`must be a string`, `is required`). */
export function problem(ctx: Ctx, message: string): never {
  ctx.addIssue({ code: 'custom', message });
  return z.NEVER;
}

const unset = (value: unknown): value is null | undefined =>
  value === undefined || value === null;

/** `T` with every key that may be `undefined` made optional. */
export type Compact<T> = {
  [K in keyof T as undefined extends T[K] ? never : K]: T[K];
} & {
  [K in keyof T as undefined extends T[K] ? K : never]?: Exclude<
    T[K],
    undefined
  >;
} extends infer U
  ? { [K in keyof U]: U[K] }
  : never;

/** Drops `undefined` values, keeping models free of `undefined` keys. */
export function compact<T extends object>(value: T): Compact<T> {
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (record[key] === undefined) delete record[key];
  }
  return value as unknown as Compact<T>;
}

/** A Go `string`: any scalar, by its text as written; unset is `undefined`. */
export const goString = z
  .unknown()
  .transform((value, ctx): string | undefined => {
    if (unset(value)) return undefined;
    if (typeof value === 'string') return value;
    if (value instanceof YamlScalar) return value.text;
    if (typeof value === 'number' || typeof value === 'boolean') {
      return String(value);
    }
    return problem(ctx, 'must be a string');
  });

/** An optional string where `""` is meaningful and kept. */
export const optionalString = goString.optional();

/** An optional string where `""` also reads as "not set"; `T` narrows its type. */
export function nonEmpty<T extends string = string>() {
  return goString.transform(s => (s === '' ? undefined : (s as T))).optional();
}

/** An optional string where `""` also reads as "not set". */
export const nonEmptyString = nonEmpty();

/** A string that must be set and not empty. */
export const requiredString = goString.transform((s, ctx): string =>
  s === undefined || s === '' ? problem(ctx, 'is required') : s,
);

function typedScalar(value: unknown): unknown {
  return value instanceof YamlScalar ? value.value : value;
}

/** A Go `bool`: `true` / `false` only. */
export const goBoolean = z
  .unknown()
  .transform((value, ctx): boolean | undefined => {
    if (unset(value)) return undefined;
    const typed = typedScalar(value);
    return typeof typed === 'boolean'
      ? typed
      : problem(ctx, 'must be a boolean');
  })
  .optional();

/** A Go `int`: a safe integer. */
export const goInteger = z
  .unknown()
  .transform((value, ctx): number | undefined => {
    if (unset(value)) return undefined;
    const typed = typedScalar(value);
    return typeof typed === 'number' && Number.isSafeInteger(typed)
      ? typed
      : problem(ctx, 'must be an integer');
  })
  .optional();

/** A present-and-not-null check for blocks modelled only by their presence. */
export const present = z.preprocess(value => !unset(value), z.boolean());

const mappingValue = z.custom<YamlMapping>(isMapping, {
  error: 'must be a mapping',
});

/** A YAML mapping read with `shape` (unknown keys ignored); unset is `undefined`. */
export function mapping<S extends z.ZodRawShape>(shape: S) {
  return z.preprocess(
    value => (value === null ? undefined : value),
    mappingValue
      .pipe(z.object(shape))
      .transform(value => compact(value))
      .optional(),
  );
}

/** A YAML mapping read with `shape` that must be set. */
export function requiredMapping<S extends z.ZodRawShape>(shape: S) {
  return z.preprocess(
    value => (value === null ? undefined : value),
    z
      .unknown()
      .transform((value, ctx) =>
        value === undefined ? problem(ctx, 'is required') : value,
      )
      .pipe(itemMapping(shape)),
  );
}

/** A YAML mapping kept as it is; unset is `undefined`. */
export const anyMapping = z.preprocess(
  value => (value === null ? undefined : value),
  mappingValue.optional(),
);

/** A YAML sequence of `item`; unset is `[]`. */
export function list<T extends z.ZodType>(item: T) {
  return z.preprocess(
    value => (unset(value) ? [] : value),
    z.array(item, { error: 'must be a list' }),
  );
}

/** A list item that must be a mapping read with `shape`. */
export function itemMapping<S extends z.ZodRawShape>(shape: S) {
  return mappingValue.pipe(z.object(shape)).transform(value => compact(value));
}

/** A Go `[]string`: null items are dropped, as yaml.v3 drops them. */
export const stringList = list(goString).transform(items =>
  items.filter((item): item is string => item !== undefined),
);

/** A Go `[]string` that stays nil (`null`) when the key is missing or null. */
export const nilableStringList = z
  .unknown()
  .transform((value, ctx): string[] | null =>
    unset(value) ? null : parseNested(stringList, value, ctx),
  )
  .optional()
  .transform(value => value ?? null);

/** A `map[string]string`; `null` values read as `""` as in Go. */
export const stringMap = z.preprocess(
  value => (unset(value) ? {} : value),
  mappingValue.pipe(
    z.record(
      z.string(),
      goString.transform(s => s ?? ''),
    ),
  ),
);

/** A map keyed by name, read as `[name, value]` entries in file order. */
export function namedEntries<T extends z.ZodType>(value: T) {
  return z.preprocess(
    raw => (unset(raw) ? {} : raw),
    mappingValue.pipe(z.record(z.string(), value)),
  );
}

/** `kind`, the first thing `ork` looks at. */
export function kind<K extends string>(expected: K) {
  return z.unknown().transform((value, ctx): K => {
    const text = value instanceof YamlScalar ? value.text : value;
    if (text === expected) return expected;
    const found = text === undefined ? 'none' : JSON.stringify(text);
    return problem(ctx, `must be ${expected} (found ${found})`);
  });
}

/**
 * Runs `schema` on the value of a nested field and reports its issues at
 * the field's position (for fields whose form is chosen by hand).
 */
export function parseNested<T extends z.ZodType>(
  schema: T,
  value: unknown,
  ctx: Ctx,
  at: PropertyKey[] = [],
): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    ctx.addIssue({
      code: 'custom',
      message: issue.message,
      path: [...at, ...issue.path],
    });
  }
  return z.NEVER;
}

function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, i) => {
      if (typeof key === 'number') return `[${key}]`;
      return i === 0 ? String(key) : `.${String(key)}`;
    })
    .join('');
}

/**
 * Parses a YAML document (already decoded) with a model schema: the root
 * must be a mapping; the first issue becomes a `PatternValidationError`
 * `<fileName>: <key.path> <problem>`.
 */
export function parseModel<T extends z.ZodType>(
  schema: T,
  document: unknown,
  fileName: string,
): z.output<T> {
  if (!isMapping(document)) {
    throw new PatternValidationError(`${fileName} must be a YAML mapping`);
  }
  const result = schema.safeParse(document);
  if (result.success) return result.data;
  const [issue] = result.error.issues;
  throw new PatternValidationError(
    `${fileName}: ${formatPath(issue.path)} ${issue.message}`,
  );
}

/** {@link parseModel} of a YAML text read as `ork` reads it (`parseGoYamlDocument`). */
export function parseGoYamlModel<T extends z.ZodType>(
  schema: T,
  text: string,
  fileName: string,
  limits: YamlLimits | undefined,
): z.output<T> {
  return parseModel(
    schema,
    parseGoYamlDocument(text, fileName, limits),
    fileName,
  );
}
