import { boundedMessage } from '@orkspace/backstage-plugin-orkestra-common';
import {
  OciContentTooLargeError,
  OciDigestMismatchError,
  OciError,
  OciInvalidContentError,
  OciNotFoundError,
} from '@orkspace/backstage-plugin-orkestra-node';

/** An error as a sync run keeps it: a stable code, when there is one, and a bounded message. */
export function describeSyncError(error: unknown): {
  code?: string;
  message: string;
} {
  if (error instanceof OciError)
    return { code: error.code, message: boundedMessage(error.message) };
  if (isDatabaseError(error)) {
    return {
      code: 'STORE',
      message: boundedMessage(
        `the database refused the write: ${databaseReason(error)}`,
      ),
    };
  }
  return {
    message: boundedMessage(
      error instanceof Error ? error.message : String(error),
    ),
  };
}

/**
 * True when the error concerns one manifest's content, not the registry:
 * what that manifest says cannot be read or stored. The version is skipped
 * (and tried again next run); its repository's other versions and tags sync.
 * A registry that cannot be reached, refuses credentials or answers 5xx fails
 * the whole repository instead.
 */
export function isVersionError(error: unknown): boolean {
  return (
    error instanceof OciInvalidContentError ||
    error instanceof OciDigestMismatchError ||
    error instanceof OciContentTooLargeError ||
    error instanceof OciNotFoundError ||
    isDatabaseError(error) ||
    // A manifest shaped so that reading it throws (a field of the wrong type).
    error instanceof TypeError ||
    error instanceof RangeError
  );
}

/** knex's errors from SQLite and PostgreSQL carry a driver code. */
function isDatabaseError(error: unknown): error is Error & { code: string } {
  // Duck-typed: a driver's error may come from another realm than this Error.
  if (!error || typeof error !== 'object' || error instanceof OciError)
    return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return (
    typeof message === 'string' &&
    typeof code === 'string' &&
    (code.startsWith('SQLITE_') || /^[0-9A-Z]{5}$/.test(code))
  );
}

/**
 * knex prefixes the driver's message with the SQL text (`insert into ... -
 * UNIQUE constraint failed`); only the driver's part is kept, so no statement
 * or bound value reaches a log, a stored run or an API answer.
 */
function databaseReason(error: Error & { code: string }): string {
  const message = error.message;
  const cut = message.lastIndexOf(' - ');
  const reason = cut >= 0 ? message.slice(cut + 3) : message;
  return `${reason.slice(0, 300)} (${error.code})`;
}
