import type { Deprecation } from '../signals';
import type { DeprecationTimelineState } from './deprecationState';

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** The policy finding for a deprecated version: its phase, timeline, successor and note. */
export function deprecationMessage(
  deprecation: Deprecation,
  state: DeprecationTimelineState,
): string {
  let message: string;
  if (state.state === 'end-of-life') {
    message = `End of life since ${state.endOfLife}.`;
  } else if (state.state === 'announced') {
    const from = deprecation.timelineFrom!.trim();
    message = `Deprecation announced: deprecated from ${from}`;
    message +=
      state.endOfLife === undefined
        ? '.'
        : `, end of life on ${state.endOfLife}.`;
  } else if (state.daysToEndOfLife !== undefined) {
    message = `Deprecated: end of life in ${plural(
      state.daysToEndOfLife,
      'day',
    )} (${state.endOfLife}).`;
  } else {
    message = 'Deprecated.';
  }
  if (deprecation.migratedTo) {
    message += ` Migrate to ${deprecation.migratedTo}.`;
  }
  if (deprecation.message) {
    message += ` Note: ${deprecation.message}`;
  }
  return message;
}

/**
 * The policy finding for an import of a deprecated version: the import, its
 * phase, its end-of-life day when known and its successor.
 */
export function deprecatedImportMessage(
  reference: string,
  deprecation: Deprecation,
  state: DeprecationTimelineState,
): string {
  let message: string;
  if (state.state === 'end-of-life') {
    message = `Import ${reference} is at end of life since ${state.endOfLife}.`;
  } else {
    message =
      state.state === 'announced'
        ? `Import ${reference} is announced deprecated from ${deprecation.timelineFrom!.trim()}`
        : `Import ${reference} is deprecated`;
    message +=
      state.endOfLife === undefined
        ? '.'
        : `, end of life on ${state.endOfLife}.`;
  }
  if (deprecation.migratedTo) {
    message += ` Migrate to ${deprecation.migratedTo}.`;
  }
  return message;
}
