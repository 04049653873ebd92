import request from 'supertest';
import {
  ContractExchange,
  loadOpenApiContract,
  OpenApiContract,
} from './openApiContract';

/**
 * supertest's `request(app)`, except that every response a test receives is
 * checked against openapi.yaml after the test (a violation fails that test),
 * and `expectEveryOperationExercised()` fails the file unless each documented
 * operation answered 2xx at least once in it.
 */

let contract: Promise<OpenApiContract> | undefined;
const pending: ContractExchange[] = [];
const exercised = new Set<string>();

function loadContract() {
  contract ??= loadOpenApiContract();
  return contract;
}

type ResponseLike = {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  text?: string;
};

function record(method: string, url: string, response: ResponseLike) {
  const contentType = response.headers['content-type'] as string | undefined;
  const json =
    contentType !== undefined &&
    /^application\/([^;]*\+)?json\s*(;|$)/i.test(contentType);
  pending.push({
    method,
    // As sent: `new URL()` would resolve a `..` segment the server never saw resolved.
    path: url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '').split('?')[0],
    status: response.status,
    contentType,
    headers: response.headers,
    body: json ? response.body : response.text ?? response.body,
  });
}

afterEach(async () => {
  const recorded = pending.splice(0);
  if (recorded.length === 0) return;
  const checked = await loadContract();
  const problems = recorded.flatMap(exchange => {
    const operation = checked.operationOf(exchange.method, exchange.path);
    if (operation && exchange.status >= 200 && exchange.status < 300) {
      exercised.add(operation);
    }
    return checked.violations(exchange);
  });
  if (problems.length > 0) {
    throw new Error(
      `${
        problems.length
      } response(s) do not conform to openapi.yaml:\n  ${problems.join(
        '\n  ',
      )}`,
    );
  }
});

/** Call at the top level of a test file: afterAll fails unless every operation answered 2xx. */
export function expectEveryOperationExercised() {
  afterAll(async () => {
    const { operations } = await loadContract();
    const missing = operations.filter(operation => !exercised.has(operation));
    if (missing.length > 0) {
      throw new Error(
        `Operations of openapi.yaml never answered 2xx in this file:\n  ${missing.join(
          '\n  ',
        )}`,
      );
    }
  });
}

/** The operations that answered 2xx so far in this file. */
export function exercisedOperations(): string[] {
  return [...exercised].sort();
}

export function contractRequest(
  app: Parameters<typeof request>[0],
): ReturnType<typeof request> {
  const agent = request(app);
  return new Proxy(agent, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (url: string) => {
        const test: request.Test = value.call(target, url);
        test.on('response', (response: ResponseLike) =>
          record(test.method, test.url, response),
        );
        return test;
      };
    },
  });
}

export default contractRequest;
