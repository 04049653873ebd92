import SwaggerParser from '@apidevtools/swagger-parser';
import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { resolve as resolvePath } from 'path';

/** One answer of the API, as a test saw it. */
export interface ContractExchange {
  method: string;
  /** The URL path (a query is ignored), below the document's server URL or with it. */
  path: string;
  status: number;
  contentType?: string;
  headers?: Record<string, string | string[] | undefined>;
  /** Parsed JSON for a JSON media type, else the body as text (or bytes). */
  body: unknown;
}

export interface OpenApiContract {
  /** Every operation of the document, as `GET /patterns/{id}`. */
  readonly operations: string[];
  /** The documented operation a request reaches, or undefined. */
  operationOf(method: string, path: string): string | undefined;
  /** What in the exchange disagrees with the document; empty when it conforms. */
  violations(exchange: ContractExchange): string[];
  /** Throws an error listing the violations, if any. */
  assertConforms(exchange: ContractExchange): void;
}

export const OPENAPI_DOCUMENT = resolvePath(
  __dirname,
  '..',
  'schema',
  'openapi.yaml',
);

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

type Schema = Record<string, unknown>;
interface MediaType {
  schema?: Schema;
}
interface Header {
  required?: boolean;
  schema?: Schema;
}
interface Response {
  headers?: Record<string, Header>;
  content?: Record<string, MediaType>;
}
interface Operation {
  responses: Record<string, Response>;
}
interface Document {
  servers?: Array<{ url: string }>;
  paths: Record<string, Record<string, Operation>>;
}

interface Template {
  path: string;
  segments: string[];
  literals: number;
}

function isJsonMediaType(essence: string): boolean {
  return essence === 'application/json' || essence.endsWith('+json');
}

function essenceOf(contentType: string): string {
  return contentType.split(';')[0].trim().toLowerCase();
}

/** The documented media type (exact, then `type/*`, then `*\/*`) a Content-Type falls under. */
function documentedMediaType(
  content: Record<string, MediaType>,
  contentType: string,
): string | undefined {
  const essence = essenceOf(contentType);
  const keys = Object.keys(content);
  return (
    keys.find(key => essenceOf(key) === essence) ??
    keys.find(key => essenceOf(key) === `${essence.split('/')[0]}/*`) ??
    keys.find(key => essenceOf(key) === '*/*')
  );
}

function formatErrors(where: string, errors: ErrorObject[] | null | undefined) {
  return (errors ?? []).map(error => {
    const at = `${where}${error.instancePath}`;
    let detail = '';
    if (error.keyword === 'additionalProperties') {
      detail = ` (${String(error.params.additionalProperty)})`;
    } else if (error.keyword === 'enum') {
      detail = ` (${JSON.stringify(error.params.allowedValues)})`;
    }
    return `${at} ${error.message}${detail}`;
  });
}

function headerValue(
  headers: ContractExchange['headers'],
  name: string,
): string | undefined {
  const value = headers?.[name.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : value;
}

/**
 * The schema with every object closed: a property the document does not name
 * is a violation (the document must list what the API serves). An `allOf` of
 * objects becomes one object, so closing its parts does not refuse the others'.
 */
function closeObjects(
  schema: Schema,
  done = new Map<Schema, Schema>(),
): Schema {
  const existing = done.get(schema);
  if (existing) return existing;
  const closed: Schema = { ...schema };
  done.set(schema, closed);
  const parts = schema.allOf as Schema[] | undefined;
  if (parts && parts.every(part => part.type === 'object' && !part.allOf)) {
    delete closed.allOf;
    closed.type = 'object';
    closed.required = [
      ...new Set(parts.flatMap(part => (part.required as string[]) ?? [])),
    ];
    closed.properties = Object.assign(
      {},
      ...parts.map(part => part.properties ?? {}),
    );
  }
  for (const key of ['items', 'additionalProperties'] as const) {
    const child = closed[key];
    if (child && typeof child === 'object') {
      closed[key] = closeObjects(child as Schema, done);
    }
  }
  for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
    const children = closed[key] as Schema[] | undefined;
    if (children) closed[key] = children.map(c => closeObjects(c, done));
  }
  if (closed.properties) {
    closed.properties = Object.fromEntries(
      Object.entries(closed.properties as Record<string, Schema>).map(
        ([name, child]) => [name, closeObjects(child, done)],
      ),
    );
    closed.additionalProperties ??= false;
  }
  return closed;
}

/** Loads and validates the document (OpenAPI 3.0 meta-schema), then resolves every `$ref`. */
export async function loadOpenApiContract(
  documentPath: string = OPENAPI_DOCUMENT,
): Promise<OpenApiContract> {
  await SwaggerParser.validate(documentPath);
  const document = (await SwaggerParser.dereference(
    documentPath,
  )) as unknown as Document;

  // OpenAPI 3.0 schema objects: `example` is documentation, `format: binary` any bytes.
  const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false });
  ajv.addKeyword('example');
  addFormats(ajv);
  ajv.addFormat('binary', true);
  const compiled = new Map<Schema, ValidateFunction>();
  const validatorOf = (schema: Schema) => {
    let validate = compiled.get(schema);
    if (!validate) {
      validate = ajv.compile(closeObjects(schema));
      compiled.set(schema, validate);
    }
    return validate;
  };

  const base = document.servers?.[0]?.url.replace(/\/$/, '') ?? '';
  const templates: Template[] = Object.keys(document.paths)
    .map(path => {
      const segments = path.split('/');
      const literals = segments.filter(s => !s.startsWith('{')).length;
      return { path, segments, literals };
    })
    // A literal segment wins over a parameter where both match.
    .sort((a, b) => b.literals - a.literals);
  const operations = Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.filter(method => item[method]).map(
      method => `${method.toUpperCase()} ${path}`,
    ),
  );

  const templateOf = (rawPath: string) => {
    let path = rawPath.split('?')[0];
    if (base && (path === base || path.startsWith(`${base}/`))) {
      path = path.slice(base.length) || '/';
    }
    const segments = path.split('/');
    return templates.find(
      template =>
        template.segments.length === segments.length &&
        template.segments.every((expected, i) =>
          expected.startsWith('{')
            ? segments[i].length > 0
            : expected === segments[i],
        ),
    );
  };

  const operationOf = (method: string, path: string) => {
    const template = templateOf(path);
    const lower = method.toLowerCase();
    return template && document.paths[template.path][lower]
      ? `${method.toUpperCase()} ${template.path}`
      : undefined;
  };

  const violations = (exchange: ContractExchange): string[] => {
    const { method, path, status } = exchange;
    const template = templateOf(path);
    const operation = template
      ? document.paths[template.path][method.toLowerCase()]
      : undefined;
    if (!template || !operation) {
      return [`${method.toUpperCase()} ${path}: no such operation`];
    }
    const name = `${method.toUpperCase()} ${template.path} ${status}`;
    const responses = operation.responses;
    const response =
      responses[String(status)] ??
      responses[`${String(status)[0]}XX`] ??
      responses.default;
    if (!response) {
      return [
        `${name}: status not documented (documented: ${Object.keys(
          responses,
        ).join(', ')})`,
      ];
    }

    const problems: string[] = [];
    for (const [header, declared] of Object.entries(response.headers ?? {})) {
      const value = headerValue(exchange.headers, header);
      if (value === undefined) {
        if (declared.required) problems.push(`header ${header} is missing`);
        continue;
      }
      if (!declared.schema) continue;
      const typed =
        declared.schema.type === 'integer' || declared.schema.type === 'number'
          ? Number(value)
          : value;
      const validate = validatorOf(declared.schema);
      if (!validate(typed)) {
        problems.push(...formatErrors(`header ${header}`, validate.errors));
      }
    }

    const content = response.content;
    if (!content) {
      const hasBody =
        exchange.body !== undefined &&
        exchange.body !== '' &&
        !(
          typeof exchange.body === 'object' &&
          exchange.body !== null &&
          !Buffer.isBuffer(exchange.body) &&
          Object.keys(exchange.body).length === 0
        );
      if (hasBody) problems.push('a body where the document declares none');
    } else if (!exchange.contentType) {
      problems.push(
        `no Content-Type (documented: ${Object.keys(content).join(', ')})`,
      );
    } else {
      const mediaType = documentedMediaType(content, exchange.contentType);
      if (!mediaType) {
        problems.push(
          `Content-Type ${
            exchange.contentType
          } not documented (documented: ${Object.keys(content).join(', ')})`,
        );
      } else {
        const schema = content[mediaType].schema;
        const body =
          !isJsonMediaType(essenceOf(exchange.contentType)) &&
          Buffer.isBuffer(exchange.body)
            ? exchange.body.toString('latin1')
            : exchange.body;
        if (schema) {
          const validate = validatorOf(schema);
          if (!validate(body)) {
            problems.push(...formatErrors('body', validate.errors));
          }
        }
      }
    }
    return problems.map(problem => `${name}: ${problem}`);
  };

  return {
    operations,
    operationOf,
    violations,
    assertConforms(exchange) {
      const found = violations(exchange);
      if (found.length > 0) {
        throw new Error(
          `The response does not conform to openapi.yaml:\n  ${found.join(
            '\n  ',
          )}`,
        );
      }
    },
  };
}
