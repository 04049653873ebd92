import { mockApis } from '@backstage/frontend-test-utils';
import { registerMswTestHooks } from '@backstage/test-utils';
import {
  OrkestraClient,
  PatternDependent,
  PatternFile,
  PatternImport,
  PatternSummary,
  PatternVersion,
  UpgradePath,
} from '@orkspace/backstage-plugin-orkestra-common';
import { http, HttpResponse, RequestHandler } from 'msw';
import { setupServer } from 'msw/node';

/**
 * A fake Orkestra backend for component tests: msw answers the HTTP requests
 * of the real {@link OrkestraClient}, so a test goes through the client's
 * URLs, query strings, headers and error handling.
 */

/** `backend.baseUrl` of the test apps. */
export const BACKEND_URL = 'http://localhost:7007';

/** Where the discovery API puts the Orkestra backend. */
export const ORKESTRA_URL = `${BACKEND_URL}/api/orkestra`;

/** The absolute URL of an Orkestra API path such as `/patterns/:id`. */
export function orkestraUrl(path: string): string {
  return `${ORKESTRA_URL}${path}`;
}

/** The real HTTP client, wired as the plugin's API factory wires it. */
export function createOrkestraClient(): OrkestraClient {
  return new OrkestraClient({
    discoveryApi: mockApis.discovery({ baseUrl: BACKEND_URL }),
    fetchApi: mockApis.fetch(),
  });
}

/** A request the fake backend received. */
export interface ReceivedRequest {
  method: string;
  /** The path below {@link ORKESTRA_URL}, still URL-encoded, e.g. `/patterns/acme%3Akatalogs%2Fpostgres`. */
  path: string;
  /** The query parameters, as the server parses them. */
  query: Record<string, string>;
}

/** `{ method: 'GET', path, query }`, to compare with {@link ReceivedRequest}s. */
export function get(
  path: string,
  query: Record<string, string> = {},
): ReceivedRequest {
  return { method: 'GET', path, query };
}

/**
 * A Backstage error answer, `{ error: { name, message }, request, response }`,
 * as the backend's error handler sends it.
 */
export function errorResponse(
  status: number,
  message: string,
  name = 'Error',
): Response {
  return HttpResponse.json(
    {
      error: { name, message },
      response: { statusCode: status },
    },
    { status },
  );
}

/**
 * A latch for a handler: the handler waits for `release()` before it answers,
 * so a test sees the loading state, deterministically, without timers.
 */
export function latch(): { wait: Promise<void>; release: () => void } {
  let release = () => {};
  const wait = new Promise<void>(resolve => {
    release = resolve;
  });
  return { wait, release };
}

/**
 * Starts msw for the test file (listening before all tests, reset after each,
 * failing on any request no handler answers) with the given default handlers,
 * and records every request to the Orkestra backend.
 */
export function setupOrkestraServer(...handlers: RequestHandler[]) {
  const server = setupServer(...handlers);
  registerMswTestHooks(server);
  const received: ReceivedRequest[] = [];
  server.events.on('request:start', ({ request }) => {
    const url = new URL(request.url);
    if (!url.href.startsWith(ORKESTRA_URL)) return;
    received.push({
      method: request.method,
      path: url.pathname.slice(new URL(ORKESTRA_URL).pathname.length),
      query: Object.fromEntries(url.searchParams),
    });
  });
  beforeEach(() => {
    received.length = 0;
  });
  return {
    server,
    /** Every request to the Orkestra backend since the test started, in order. */
    requests: (): ReceivedRequest[] => [...received],
  };
}

/** A file's content as the backend serves it. */
export interface FileText {
  text: string;
  /** Media type of the manifest, sent in `X-Orkestra-Media-Type`. */
  mediaType: string;
  /** Sent as `X-Orkestra-Truncated: true`. */
  truncated?: boolean;
}

/** One pattern with everything the backend answers about it. */
export interface PatternFixture {
  pattern: PatternSummary;
  versions: PatternVersion[];
  files?: PatternFile[];
  /** By file name. */
  fileTexts?: Record<string, FileText>;
  dependencies?: PatternImport[];
  dependents?: PatternDependent[];
  /** By the `from` version. */
  upgradePaths?: Record<string, UpgradePath>;
}

function notFound(what: string): Response {
  return errorResponse(404, `${what} not found`, 'NotFoundError');
}

/**
 * Handlers for every pattern route, answering from the fixtures as the backend
 * answers from its store: 404 with a Backstage error body for an unknown
 * pattern, version, file or upgrade path. A version's policy is its `policy`.
 */
export function patternHandlers(
  ...fixtures: PatternFixture[]
): RequestHandler[] {
  const byId = new Map(fixtures.map(f => [f.pattern.id, f]));
  const find = (id: unknown) => byId.get(String(id));
  const findVersion = (fixture: PatternFixture, version: unknown) =>
    fixture.versions.find(v => v.version === String(version));

  return [
    http.get(orkestraUrl('/patterns/:id'), ({ params }) => {
      const fixture = find(params.id);
      return fixture
        ? HttpResponse.json(fixture.pattern)
        : notFound(`Pattern ${params.id}`);
    }),
    http.get(orkestraUrl('/patterns/:id/versions'), ({ params }) => {
      const fixture = find(params.id);
      return fixture
        ? HttpResponse.json({ items: fixture.versions })
        : notFound(`Pattern ${params.id}`);
    }),
    http.get(orkestraUrl('/patterns/:id/versions/:version'), ({ params }) => {
      const fixture = find(params.id);
      const version = fixture && findVersion(fixture, params.version);
      return version
        ? HttpResponse.json(version)
        : notFound(`Version ${params.version}`);
    }),
    http.get(
      orkestraUrl('/patterns/:id/versions/:version/files'),
      ({ params }) => {
        const fixture = find(params.id);
        return fixture && findVersion(fixture, params.version)
          ? HttpResponse.json({ items: fixture.files ?? [] })
          : notFound(`Version ${params.version}`);
      },
    ),
    http.get(
      orkestraUrl('/patterns/:id/versions/:version/files/:file/content'),
      ({ params }) => {
        const file = find(params.id)?.fileTexts?.[String(params.file)];
        if (!file) {
          return notFound(`File ${params.file}`);
        }
        return new HttpResponse(file.text, {
          headers: {
            'Content-Type': 'text/plain; charset=utf-8',
            'X-Orkestra-Media-Type': file.mediaType,
            'X-Orkestra-Truncated': file.truncated ? 'true' : 'false',
          },
        });
      },
    ),
    http.get(
      orkestraUrl('/patterns/:id/versions/:version/upgrade-path'),
      ({ params }) => {
        const path = find(params.id)?.upgradePaths?.[String(params.version)];
        return path
          ? HttpResponse.json(path)
          : notFound(`Version ${params.version}`);
      },
    ),
    http.get(
      orkestraUrl('/patterns/:id/versions/:version/policy'),
      ({ params }) => {
        const fixture = find(params.id);
        const version = fixture && findVersion(fixture, params.version);
        return version
          ? HttpResponse.json(version.policy)
          : notFound(`Version ${params.version}`);
      },
    ),
    http.get(orkestraUrl('/patterns/:id/dependencies'), ({ params }) => {
      const fixture = find(params.id);
      return fixture
        ? HttpResponse.json({ items: fixture.dependencies ?? [] })
        : notFound(`Pattern ${params.id}`);
    }),
    http.get(orkestraUrl('/patterns/:id/dependents'), ({ params }) => {
      const fixture = find(params.id);
      return fixture
        ? HttpResponse.json({ items: fixture.dependents ?? [] })
        : notFound(`Pattern ${params.id}`);
    }),
  ];
}
