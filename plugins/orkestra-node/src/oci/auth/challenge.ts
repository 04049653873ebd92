/**
 * One authentication challenge from a `WWW-Authenticate` header (RFC 7235).
 *
 * @public
 */
export interface Challenge {
  /** The auth scheme, lower-cased (`basic`, `bearer`, ...). */
  scheme: string;
  /** The auth-params with lower-cased keys; values are unquoted and unescaped. */
  params: Record<string, string>;
  /** The token68 form (`Negotiate abc==`), when the challenge uses it instead of params. */
  token68?: string;
}

// RFC 7230 tchar.
const TOKEN_CHAR = /[!#$%&'*+\-.^_`|~0-9A-Za-z]/;
const TOKEN68 = /^[A-Za-z0-9\-._~+/]+=*/;

/** A cursor over the header text; every read method advances `pos`. */
class Cursor {
  pos = 0;

  constructor(readonly text: string) {}

  get done(): boolean {
    return this.pos >= this.text.length;
  }

  // A method rather than a getter, so TypeScript does not narrow it across reads.
  peek(): string {
    return this.text[this.pos] ?? '';
  }

  skipSpace(): void {
    while (this.peek() === ' ' || this.peek() === '\t') this.pos++;
  }

  skipSpaceAndCommas(): void {
    while (this.peek() === ' ' || this.peek() === '\t' || this.peek() === ',') {
      this.pos++;
    }
  }

  readToken(): string {
    const start = this.pos;
    while (!this.done && TOKEN_CHAR.test(this.peek())) this.pos++;
    return this.text.slice(start, this.pos);
  }

  /** Reads a quoted-string starting at `"`; undefined when unterminated. */
  readQuoted(): string | undefined {
    let value = '';
    this.pos++;
    while (!this.done) {
      const c = this.peek();
      this.pos++;
      if (c === '"') return value;
      if (c === '\\' && !this.done) {
        value += this.peek();
        this.pos++;
      } else {
        value += c;
      }
    }
    return undefined;
  }

  /**
   * Reads an unquoted value. Lenient: takes everything up to whitespace or a
   * comma, because some registries send unquoted realms such as
   * `realm=https://host/token` that are not strictly RFC tokens.
   */
  readBareValue(): string {
    const start = this.pos;
    while (!this.done && !/[\s,"]/.test(this.peek())) this.pos++;
    return this.text.slice(start, this.pos);
  }

  /** Skips to the next comma outside a quoted string (error recovery). */
  skipToComma(): void {
    while (!this.done && this.peek() !== ',') {
      if (this.peek() === '"') {
        if (this.readQuoted() === undefined) return;
      } else {
        this.pos++;
      }
    }
  }
}

/** Reads a token68 if it is the whole challenge body (followed by `,` or the end). */
function tryReadToken68(cursor: Cursor): string | undefined {
  const match = TOKEN68.exec(cursor.text.slice(cursor.pos));
  if (!match) return undefined;
  const after = new Cursor(cursor.text);
  after.pos = cursor.pos + match[0].length;
  after.skipSpace();
  if (!after.done && after.peek() !== ',') return undefined;
  cursor.pos = after.pos;
  return match[0];
}

type ParamResult = 'param' | 'next-challenge' | 'garbage' | 'end';

/** Reads one `name = value` pair into `params`, or reports why it could not. */
function readParam(
  cursor: Cursor,
  params: Record<string, string>,
): ParamResult {
  cursor.skipSpaceAndCommas();
  if (cursor.done) return 'end';
  const start = cursor.pos;
  const name = cursor.readToken();
  if (!name) return 'garbage';
  cursor.skipSpace();
  if (cursor.peek() !== '=') {
    // A token not followed by "=" starts the next challenge.
    cursor.pos = start;
    return 'next-challenge';
  }
  cursor.pos++;
  cursor.skipSpace();
  let value: string | undefined;
  if (cursor.peek() === '"') {
    value = cursor.readQuoted();
    if (value === undefined) return 'end';
  } else {
    value = cursor.readBareValue();
  }
  const key = name.toLowerCase();
  // RFC 7235 forbids repeated names; keep the first so a later one cannot override it.
  if (!(key in params)) params[key] = value;
  cursor.skipSpace();
  if (!cursor.done && cursor.peek() !== ',') return 'garbage';
  return 'param';
}

/** Reads the body after a scheme: either a token68 or a list of auth-params. */
function readChallengeBody(cursor: Cursor, challenge: Challenge): void {
  cursor.skipSpace();
  const token68 = tryReadToken68(cursor);
  if (token68 !== undefined) {
    challenge.token68 = token68;
    return;
  }
  for (;;) {
    const result = readParam(cursor, challenge.params);
    if (result === 'end' || result === 'next-challenge') return;
    if (result === 'garbage') cursor.skipToComma();
  }
}

/**
 * Parses a `WWW-Authenticate` header value into its challenges (RFC 7235).
 *
 * Several challenges per header, quoted strings with `\` escapes and commas,
 * token68 and unknown schemes are supported. Never throws: parts that cannot
 * be parsed are skipped. Accepts `null` so `headers.get(...)` can be passed
 * straight in.
 *
 * @public
 */
export function parseChallenges(
  header: string | null | undefined,
): Challenge[] {
  const challenges: Challenge[] = [];
  const cursor = new Cursor(header ?? '');
  while (!cursor.done) {
    cursor.skipSpaceAndCommas();
    if (cursor.done) break;
    const scheme = cursor.readToken();
    if (!scheme || (!cursor.done && !/[\s,]/.test(cursor.peek()))) {
      cursor.skipToComma();
      continue;
    }
    const challenge: Challenge = { scheme: scheme.toLowerCase(), params: {} };
    challenges.push(challenge);
    if (cursor.peek() !== ',') readChallengeBody(cursor, challenge);
  }
  return challenges;
}

/** Returns the first challenge of `scheme` (case-insensitive), if any. */
export function findChallenge(
  challenges: readonly Challenge[],
  scheme: string,
): Challenge | undefined {
  const wanted = scheme.toLowerCase();
  return challenges.find(c => c.scheme === wanted);
}

/** Returns the first `Bearer` challenge, if any. */
export function bearerChallenge(
  challenges: readonly Challenge[],
): Challenge | undefined {
  return findChallenge(challenges, 'bearer');
}

/** Returns the first `Basic` challenge, if any. */
export function basicChallenge(
  challenges: readonly Challenge[],
): Challenge | undefined {
  return findChallenge(challenges, 'basic');
}

/** Splits a space-separated `scope` value (as in a Bearer challenge) into scopes. */
export function parseScopes(scope: string | undefined): string[] {
  return (scope ?? '').split(/\s+/).filter(s => s.length > 0);
}

/** Sorts and de-duplicates an action list; `*` stands for all actions. */
function cleanActions(actions: Iterable<string>): string[] {
  const set = new Set([...actions].filter(a => a.length > 0));
  if (set.has('*')) return ['*'];
  return [...set].sort();
}

/** Splits `type:name:actions`; the name may itself contain `:` (a port). */
function splitScope(
  scope: string,
): { resource: string; actions: string[] } | undefined {
  const first = scope.indexOf(':');
  const last = scope.lastIndexOf(':');
  if (first === -1 || last === first) return undefined;
  return {
    resource: scope.slice(0, last),
    actions: scope.slice(last + 1).split(','),
  };
}

/**
 * Normalises a scope list the way oras-go `CleanScopes` does: scopes for the
 * same `type:name` are merged, actions sorted and de-duplicated (`*` wins),
 * scopes without actions dropped, unrecognised scopes kept verbatim, and the
 * result sorted and de-duplicated.
 */
export function cleanScopes(scopes: readonly string[]): string[] {
  const merged = new Map<string, Set<string>>();
  const other = new Set<string>();
  for (const scope of scopes) {
    const parts = splitScope(scope);
    if (!parts) {
      if (scope.length > 0) other.add(scope);
      continue;
    }
    const actions = merged.get(parts.resource) ?? new Set<string>();
    parts.actions.forEach(a => actions.add(a));
    merged.set(parts.resource, actions);
  }
  const result = new Set(other);
  for (const [resource, actions] of merged) {
    const cleaned = cleanActions(actions);
    if (cleaned.length > 0) result.add(`${resource}:${cleaned.join(',')}`);
  }
  return [...result].sort(compareStrings);
}

/** Merges two scope lists (see {@link cleanScopes}). */
export function mergeScopes(
  a: readonly string[],
  b: readonly string[],
): string[] {
  return cleanScopes([...a, ...b]);
}

// Code-unit order like Go's sort.Strings, independent of locale.
function compareStrings(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}
