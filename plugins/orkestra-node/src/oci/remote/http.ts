import {
  OciContentTooLargeError,
  OciError,
  OciUnavailableError,
} from '../errors';

/** Who sent a body, to name it when reading it fails. */
export interface BodySource {
  registry: string;
  /** The request's time limit (body included). */
  timeoutMs: number;
  /** The caller's signal: its abort is passed on as it is. */
  signal?: AbortSignal;
}

/**
 * A failure while a body streams in (the time limit hit, the connection
 * cut) as a typed error naming what was being read, instead of the bare
 * "terminated" or "aborted due to timeout" of fetch.
 */
function bodyReadError(
  error: unknown,
  what: string,
  source: BodySource,
): unknown {
  if (error instanceof OciError || source.signal?.aborted) return error;
  if ((error as Error | undefined)?.name === 'TimeoutError') {
    return new OciUnavailableError(
      `${source.registry} did not send all of ${what} within ${source.timeoutMs} ms`,
      { cause: error, timeout: true },
    );
  }
  return new OciUnavailableError(
    `${what} from ${source.registry} was cut off: the connection closed before the whole body arrived`,
    { cause: error },
  );
}

/**
 * Reads a response body, refusing it once it passes `limit` bytes (the
 * announced Content-Length is checked first, so most refusals cost nothing).
 * With `source`, a body that stops arriving or is cut off becomes an
 * OciUnavailableError naming `what`.
 */
export async function readBodyCapped(
  response: Response,
  limit: number,
  what: string,
  source?: BodySource,
): Promise<Uint8Array> {
  try {
    return await readBody(response, limit, what);
  } catch (error) {
    throw source ? bodyReadError(error, what, source) : error;
  }
}

async function readBody(
  response: Response,
  limit: number,
  what: string,
): Promise<Uint8Array> {
  const announced = Number(response.headers.get('content-length'));
  if (Number.isFinite(announced) && announced > limit) {
    await response.body?.cancel().catch(() => undefined);
    throw new OciContentTooLargeError(what, limit, announced);
  }
  if (!response.body) return new Uint8Array();
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      throw new OciContentTooLargeError(what, limit);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/** Discards a body we do not need, so the connection can be reused. */
export async function discardBody(response: Response): Promise<void> {
  await response.body?.cancel().catch(() => undefined);
}

/**
 * The `rel="next"` target of an RFC 8288 Link header, resolved against the
 * request URL (registries often send a relative one).
 */
export function nextLink(
  header: string | null,
  requestUrl: string,
): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(/,(?=\s*<)/)) {
    const match = /^\s*<([^>]*)>(.*)$/.exec(part);
    if (match && /;\s*rel="?next"?/i.test(match[2])) {
      return new URL(match[1], requestUrl).toString();
    }
  }
  return undefined;
}

/** The `code`s of a distribution error body `{"errors":[{"code":...,"message":...}]}`. */
export function distributionErrors(body: Uint8Array): {
  codes: string[];
  messages: string[];
} {
  try {
    const parsed = JSON.parse(new TextDecoder().decode(body));
    const errors: unknown[] = Array.isArray(parsed?.errors)
      ? parsed.errors
      : [];
    const codes: string[] = [];
    const messages: string[] = [];
    for (const error of errors.slice(0, 10)) {
      const { code, message } = (error ?? {}) as {
        code?: unknown;
        message?: unknown;
      };
      if (typeof code === 'string') codes.push(code.slice(0, 100));
      if (typeof message === 'string') messages.push(message.slice(0, 300));
    }
    return { codes, messages };
  } catch {
    return { codes: [], messages: [] };
  }
}

/** `application/json; charset=utf-8` → `application/json`. */
export function mediaTypeOf(contentType: string | null): string | undefined {
  const value = contentType?.split(';')[0].trim();
  return value || undefined;
}

/** True for 127.0.0.0/8, ::1 and localhost. */
export function isLoopbackHost(host: string): boolean {
  const hostname = host.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  return (
    hostname === 'localhost' ||
    hostname === '::1' ||
    /^127(\.\d{1,3}){3}$/.test(hostname)
  );
}
