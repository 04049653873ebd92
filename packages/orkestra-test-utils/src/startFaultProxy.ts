import {
  createServer,
  IncomingHttpHeaders,
  IncomingMessage,
  request as httpRequest,
  Server,
  ServerResponse,
} from 'node:http';
import { AddressInfo } from 'node:net';

/**
 * What the FAKE proxy does to a request instead of, or on top of, passing it
 * to the real registry behind it.
 */
export type Fault =
  /** Answers this status (with a distribution error body) without asking the registry. */
  | {
      type: 'status';
      status: number;
      /** The error message of the body; a function sees the request (e.g. to echo a header). */
      message?: string | ((request: ProxiedRequest) => string);
    }
  /** Passes the request on, but answers only after `ms`. */
  | { type: 'delay'; ms: number }
  /** Sends the registry's status and headers at once, and the body only after `ms`. */
  | { type: 'stall-body'; ms: number }
  /** Keeps the announced Content-Length but cuts the connection after half of the body. */
  | { type: 'cut-body' }
  /** Announces no length and ends the body cleanly after half of it. */
  | { type: 'short-body' }
  /** Same length, one byte changed: the content no longer matches its digest. */
  | { type: 'corrupt-body' }
  /** Destroys the connection without answering. */
  | { type: 'reset' }
  /** Calls `run` (e.g. to expire tokens mid-run), then passes the request on. */
  | { type: 'run'; run: () => void | Promise<void> };

export interface FaultRule {
  /** Only requests with this method (any when absent). */
  method?: string;
  /** Only requests whose path (with query) contains this string or matches this pattern. */
  path?: string | RegExp;
  /** Leaves this many matching requests alone before the fault applies. Default 0. */
  after?: number;
  /** Applies to this many matching requests, then is spent. Default: all of them. */
  times?: number;
  fault: Fault;
}

/** One request the proxy received, as it saw it. */
export interface ProxiedRequest {
  method: string;
  /** Path with query, e.g. `/v2/orkestra/katalogs/x/manifests/v1`. */
  path: string;
  /** The Authorization header the client sent, if any (for leak checks). */
  authorization?: string;
  /** The fault applied, if any. */
  fault?: Fault['type'];
  /** The status answered (undefined when the connection was cut before). */
  status?: number;
}

export interface FakeBearerOptions {
  /** The only Basic credentials the token service accepts. */
  username: string;
  password: string;
  /** `expires_in` of issued tokens. Default 300. */
  expiresInSeconds?: number;
}

/**
 * A FAKE registry front: an in-process HTTP proxy (node:http) in front of a
 * real registry that injects what a real registry cannot be made to do on
 * demand — 5xx bursts, slow answers, truncated or corrupted bodies — and can
 * put a FAKE Bearer token service in front of it, whose tokens can be
 * expired and whose credentials can be revoked mid-run.
 */
export interface FaultProxy {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** `127.0.0.1:<port>`: use it as the registry host. */
  host: string;
  /** Every request received, in order. */
  readonly requests: ProxiedRequest[];
  /** Adds a rule; rules are tried in the order added. Returns a function that removes it. */
  inject(rule: FaultRule): () => void;
  /** Removes every rule. */
  clear(): void;
  /** Requires Bearer tokens from the FAKE token service at `/token` from now on. */
  requireBearer(options: FakeBearerOptions): void;
  /** Every token issued so far stops working (the client must fetch a new one). */
  expireTokens(): void;
  /** The token service refuses the configured credentials from now on. */
  revokeCredentials(): void;
  /** How many tokens the token service issued. */
  readonly tokensIssued: number;
  close(): Promise<void>;
}

interface ActiveRule extends FaultRule {
  seen: number;
  applied: number;
}

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'upgrade',
  'proxy-connection',
]);

function matches(rule: FaultRule, method: string, path: string): boolean {
  if (rule.method && rule.method !== method) return false;
  if (rule.path === undefined) return true;
  return typeof rule.path === 'string'
    ? path.includes(rule.path)
    : rule.path.test(path);
}

/** `repository:<name>:pull` for a distribution path, as a registry's challenge names it. */
function challengeScope(method: string, path: string): string | undefined {
  if (path.startsWith('/v2/_catalog')) return 'registry:catalog:*';
  const match = /^\/v2\/(.+?)\/(manifests|blobs|tags)\//.exec(path);
  if (!match) return undefined;
  const actions = method === 'GET' || method === 'HEAD' ? 'pull' : 'pull,push';
  return `repository:${match[1]}:${actions}`;
}

function forwardedHeaders(
  headers: IncomingHttpHeaders,
): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || HOP_BY_HOP.has(name)) continue;
    out[name] = value;
  }
  return out;
}

async function readAll(stream: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/**
 * Starts the FAKE fault-injecting proxy on a free loopback port in front of
 * `upstream` (`host:port` of a real registry). The proxy keeps the client's
 * Host header, so the registry's upload Locations point back at the proxy.
 */
export async function startFaultProxy(upstream: string): Promise<FaultProxy> {
  const [upstreamHost, upstreamPort] = upstream.split(':');
  let rules: ActiveRule[] = [];
  const requests: ProxiedRequest[] = [];
  let bearer: FakeBearerOptions | undefined;
  let revoked = false;
  let tokensIssued = 0;
  let validTokens = new Set<string>();
  let selfUrl = '';

  const pickFault = (method: string, path: string): Fault | undefined => {
    for (const rule of rules) {
      if (!matches(rule, method, path)) continue;
      rule.seen++;
      if (rule.seen <= (rule.after ?? 0)) continue;
      if (rule.times !== undefined && rule.applied >= rule.times) continue;
      rule.applied++;
      return rule.fault;
    }
    return undefined;
  };

  const answerToken = (
    req: IncomingMessage,
    res: ServerResponse,
    record: ProxiedRequest,
  ) => {
    const expected = `Basic ${Buffer.from(
      `${bearer!.username}:${bearer!.password}`,
    ).toString('base64')}`;
    if (revoked || req.headers.authorization !== expected) {
      record.status = 401;
      res
        .writeHead(401, { 'content-type': 'application/json' })
        .end('{"details":"invalid credentials"}');
      return;
    }
    const token = `fake-token-${++tokensIssued}-${Math.random()
      .toString(36)
      .slice(2)}`;
    validTokens.add(token);
    record.status = 200;
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(
        JSON.stringify({ token, expires_in: bearer!.expiresInSeconds ?? 300 }),
      );
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const method = req.method ?? 'GET';
    const path = req.url ?? '/';
    const record: ProxiedRequest = {
      method,
      path,
      authorization: req.headers.authorization,
    };
    requests.push(record);

    if (bearer && path.startsWith('/token')) {
      req.resume();
      answerToken(req, res, record);
      return;
    }
    if (bearer) {
      const token = req.headers.authorization?.replace(/^Bearer /, '');
      if (!token || !validTokens.has(token)) {
        req.resume();
        const scope = challengeScope(method, path);
        record.status = 401;
        res
          .writeHead(401, {
            'content-type': 'application/json',
            'www-authenticate': `Bearer realm="${selfUrl}/token",service="fake-registry"${
              scope ? `,scope="${scope}"` : ''
            }`,
          })
          .end(
            '{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}',
          );
        return;
      }
    }

    const fault = pickFault(method, path);
    record.fault = fault?.type;
    if (fault?.type === 'status') {
      req.resume();
      record.status = fault.status;
      res.writeHead(fault.status, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          errors: [
            {
              code: 'UNAVAILABLE',
              message:
                typeof fault.message === 'function'
                  ? fault.message(record)
                  : fault.message ?? 'injected by the fake proxy',
            },
          ],
        }),
      );
      return;
    }
    if (fault?.type === 'reset') {
      req.resume();
      req.socket.destroy();
      return;
    }
    if (fault?.type === 'delay') await sleep(fault.ms);
    if (fault?.type === 'run') await fault.run();
    if (res.destroyed || req.socket.destroyed) return;

    const headers = forwardedHeaders(req.headers);
    // The registry behind needs no credentials: the FAKE token check above stands in for its auth.
    if (bearer) delete headers.authorization;
    const upstreamRequest = httpRequest({
      host: upstreamHost,
      port: Number(upstreamPort),
      method,
      path,
      headers,
    });
    upstreamRequest.on('error', () => {
      if (!res.headersSent) {
        record.status = 502;
        res.writeHead(502).end();
      } else res.destroy();
    });
    upstreamRequest.on('response', async upstreamResponse => {
      const status = upstreamResponse.statusCode ?? 502;
      record.status = status;
      const responseHeaders = forwardedHeaders(upstreamResponse.headers);
      const transforms = [
        'stall-body',
        'cut-body',
        'short-body',
        'corrupt-body',
      ];
      if (!fault || !transforms.includes(fault.type) || method === 'HEAD') {
        res.writeHead(status, responseHeaders);
        upstreamResponse.pipe(res);
        return;
      }
      const body = await readAll(upstreamResponse);
      switch (fault.type) {
        case 'stall-body':
          res.writeHead(status, responseHeaders);
          res.flushHeaders();
          await sleep(fault.ms);
          if (!res.destroyed) res.end(body);
          return;
        case 'cut-body':
          res.writeHead(status, {
            ...responseHeaders,
            'content-length': String(body.length),
          });
          res.write(body.subarray(0, Math.floor(body.length / 2)), () =>
            res.destroy(),
          );
          return;
        case 'short-body': {
          delete responseHeaders['content-length'];
          res.writeHead(status, responseHeaders);
          res.end(body.subarray(0, Math.floor(body.length / 2)));
          return;
        }
        case 'corrupt-body': {
          const corrupted = Buffer.from(body);
          if (corrupted.length > 0) {
            const at = Math.floor(corrupted.length / 2);
            // Stays printable: JSON and YAML remain readable, only the digest is off.
            corrupted[at] = corrupted[at] === 0x20 ? 0x09 : 0x20;
          }
          res.writeHead(status, responseHeaders);
          res.end(corrupted);
          return;
        }
        default:
          res.writeHead(status, responseHeaders);
          res.end(body);
      }
    });
    req.pipe(upstreamRequest);
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  selfUrl = `http://127.0.0.1:${port}`;

  return {
    url: selfUrl,
    host: `127.0.0.1:${port}`,
    requests,
    inject(rule) {
      const active: ActiveRule = { ...rule, seen: 0, applied: 0 };
      rules.push(active);
      return () => {
        rules = rules.filter(r => r !== active);
      };
    },
    clear() {
      rules = [];
    },
    requireBearer(options) {
      bearer = options;
      revoked = false;
    },
    expireTokens() {
      validTokens = new Set();
    },
    revokeCredentials() {
      revoked = true;
      validTokens = new Set();
    },
    get tokensIssued() {
      return tokensIssued;
    },
    close: () =>
      new Promise(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
