import { isError } from '@backstage/errors';
import type { ResponseError } from '@backstage/errors';
import { boundedMessage } from '../bounded';

/**
 * Whether `error` is the `ResponseError` the client throws for a non-2xx
 * answer. Checked by name, as Backstage advises: a portal may load more than
 * one copy of `@backstage/errors`, so `instanceof` is not reliable.
 *
 * @public
 */
export function isResponseError(error: unknown): error is ResponseError {
  return isError(error) && error.name === 'ResponseError';
}

/**
 * Whether the portal answered 404 (no such pattern or version).
 *
 * @public
 */
export function isNotFoundResponse(error: unknown): boolean {
  return isResponseError(error) && error.statusCode === 404;
}

/**
 * What a person should read about a failed request: the status line and,
 * when the server sent one in Backstage's error format, its own message
 * (`Request failed with 403 Forbidden: denied`). A body in any other form (a
 * proxy's HTML page) is not shown.
 *
 * @public
 */
export function describeResponseError(error: Error): string {
  if (!isResponseError(error)) return error.message;
  const statusLine = error.message.trim();
  const serverMessage = error.body?.error?.message;
  const fromServer =
    typeof serverMessage === 'string' &&
    serverMessage.length > 0 &&
    // parseErrorResponseBody words its stand-in for a body it could not read so
    !serverMessage.startsWith('Request failed with status ');
  return fromServer
    ? `${statusLine}: ${boundedMessage(serverMessage)}`
    : statusLine;
}
