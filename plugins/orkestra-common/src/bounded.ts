/**
 * Caps on text that comes from registries the portal does not control, so
 * that what is stored, logged or served stays small whatever a registry sends.
 *
 * @public
 */
export const TEXT_LIMITS = {
  /** An annotation value kept at sync time (description, deprecation message, ...). */
  annotationBytes: 4 * 1024,
  /** An error message that is stored, logged or returned. */
  errorMessageBytes: 1024,
  /** Errors kept with one sync run; the run's `errors` count says how many there were. */
  errorsPerRun: 50,
} as const;

const encoder = new TextEncoder();

/**
 * `text` cut to at most `maxBytes` bytes of UTF-8, never inside a code point.
 * `truncated` says whether anything was cut.
 *
 * @public
 */
export function truncateUtf8(
  text: string,
  maxBytes: number,
): { text: string; truncated: boolean } {
  // Most text is ASCII-sized: a string of at most maxBytes / 3 UTF-16 units fits whatever it holds.
  if (text.length * 3 <= maxBytes) return { text, truncated: false };
  const bytes = encoder.encode(text);
  if (bytes.byteLength <= maxBytes) return { text, truncated: false };
  let end = maxBytes;
  // Step back over continuation bytes (10xxxxxx) to a code point boundary.
  while (end > 0 && (bytes[end] & 0xc0) === 0x80) end--;
  return {
    text: new TextDecoder().decode(bytes.subarray(0, end)),
    truncated: true,
  };
}

/**
 * An error message fit to store, log or return: at most
 * {@link TEXT_LIMITS.errorMessageBytes} bytes, NULs removed, ending in `…`
 * when it was cut.
 *
 * @public
 */
export function boundedMessage(
  message: string,
  maxBytes: number = TEXT_LIMITS.errorMessageBytes,
): string {
  const { text, truncated } = truncateUtf8(withoutNul(message), maxBytes - 3);
  return truncated ? `${text}…` : text;
}

/**
 * `text` without NUL characters: they have no place in text, and PostgreSQL refuses them.
 *
 * @public
 */
export function withoutNul(text: string): string {
  return text.includes('\u0000') ? text.split('\u0000').join('') : text;
}
