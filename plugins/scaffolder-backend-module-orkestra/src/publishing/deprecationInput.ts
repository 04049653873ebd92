import { InputError, NotAllowedError } from '@backstage/errors';
import {
  InvalidReferenceError,
  isAllowedReference,
  parseReference,
} from '@orkspace/backstage-plugin-orkestra-common';
import { PublishingEnvironment } from './PublishingEnvironment';

/** `YYYY-MM-DD`, the form of `lifecycle.deprecation.timeline.from/to` (spec §1.5, §9). */
export const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Longest deprecation message, in UTF-8 bytes. */
const MAX_MESSAGE_BYTES = 4096;

/** True for a real calendar date `YYYY-MM-DD` (not `2026-02-30`, not `2026-13-01`). */
function isCalendarDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day
  );
}

/**
 * Checks what the template gave, before any request: `migratedTo` is a
 * reference inside the allowed registries, the message at most 4 KiB, the
 * timeline real dates in order.
 */
export function checkDeprecationInput(
  input: { migratedTo?: string; message?: string; from?: string; to?: string },
  env: PublishingEnvironment,
): void {
  // Empty means absent, as below (an optional template parameter left blank).
  if (input.migratedTo) {
    try {
      parseReference(input.migratedTo);
    } catch (error) {
      if (error instanceof InvalidReferenceError)
        throw new InputError(`migratedTo is not a reference: ${error.message}`);
      throw error;
    }
    if (!isAllowedReference(input.migratedTo, env.policy.allowedRegistries)) {
      throw new NotAllowedError(
        `migratedTo ${
          input.migratedTo
        } is outside the allowed registries (orkestra.policy.allowedRegistries: ${(
          env.policy.allowedRegistries ?? []
        ).join(', ')})`,
      );
    }
  }
  if (input.message) {
    const bytes = Buffer.byteLength(input.message, 'utf8');
    if (bytes > MAX_MESSAGE_BYTES)
      throw new InputError(
        `message is ${bytes} bytes; at most ${MAX_MESSAGE_BYTES} (4 KiB) are allowed`,
      );
  }
  for (const field of ['from', 'to'] as const) {
    const value = input[field];
    if (value && !isCalendarDate(value))
      throw new InputError(
        `${field} ${JSON.stringify(
          value.slice(0, 40),
        )} is not a calendar date (YYYY-MM-DD)`,
      );
  }
  if (input.from && input.to && input.from > input.to) {
    throw new InputError('the timeline ends before it starts');
  }
}
