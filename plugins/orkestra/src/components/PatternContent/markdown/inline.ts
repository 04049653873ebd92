/**
 * Inline markdown: code spans, emphasis, strikethrough, links (inline,
 * reference, autolinks and bare http(s) URLs), images and line breaks.
 *
 * Raw HTML is not HTML here: a tag is dropped and the text around it kept,
 * except `<img>`, which becomes an image like `![alt](src)` (shown as text,
 * never loaded, see SafeMarkdown), and `<br>`. `<script>`, `<style>`,
 * `<template>` and `<textarea>` are dropped with their content; so are
 * comments.
 *
 * Every scan is linear in the text (a README comes from the registry and may
 * be built to be slow): brackets and code spans are matched in one pass,
 * searches that found nothing are not repeated, and nesting is bounded.
 */
import { Definition, normalizeLabel } from './blocks';

export type Inline =
  | { type: 'text'; value: string }
  | { type: 'code'; value: string }
  | { type: 'strong' | 'emphasis' | 'delete'; children: Inline[] }
  | { type: 'link'; href: string; title?: string; children: Inline[] }
  | { type: 'image'; src: string; alt: string; title?: string }
  | { type: 'break' };

/** Deeper nesting of emphasis and links is shown as text. */
const MAX_DEPTH = 16;
/** Longer link destinations and titles are not links. */
const MAX_DESTINATION = 8192;
/** Longer HTML tags are text. */
const MAX_TAG = 4096;

const PUNCTUATION = /[!-/:-@[-`{-~\u2000-\u206F\u2E00-\u2E7F]/;
const WHITESPACE = /\s/;
const ALPHANUMERIC = /[\p{L}\p{N}]/u;
const ESCAPABLE = /[!-/:-@[-`{-~]/;

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00A0',
  copy: '©',
  reg: '®',
  trade: '™',
  hellip: '…',
  mdash: '—',
  ndash: '–',
  laquo: '«',
  raquo: '»',
  larr: '←',
  rarr: '→',
  uarr: '↑',
  darr: '↓',
  times: '×',
  middot: '·',
  bull: '•',
  deg: '°',
  check: '✓',
};

const ENTITY =
  /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z][a-zA-Z0-9]{1,31}));/y;

/** The character an entity at `pos` stands for, and its length. */
function entityAt(
  text: string,
  pos: number,
): { value: string; length: number } | undefined {
  ENTITY.lastIndex = pos;
  const match = ENTITY.exec(text);
  if (!match) return undefined;
  let value: string | undefined;
  if (match[1] !== undefined || match[2] !== undefined) {
    const code =
      match[1] !== undefined ? Number(match[1]) : parseInt(match[2], 16);
    value =
      code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)
        ? '\uFFFD'
        : String.fromCodePoint(code);
  } else {
    value = NAMED_ENTITIES[match[3]];
  }
  return value === undefined ? undefined : { value, length: match[0].length };
}

/** Backslash escapes and entities resolved, as in link destinations, titles and attribute values. */
export function unescapeText(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\' && ESCAPABLE.test(text[i + 1] ?? '')) {
      out += text[i + 1];
      i++;
    } else if (text[i] === '&') {
      const entity = entityAt(text, i);
      if (entity) {
        out += entity.value;
        i += entity.length - 1;
      } else {
        out += '&';
      }
    } else {
      out += text[i];
    }
  }
  return out;
}

/** The text a reader sees of `nodes`: what an image's alt text is made of. */
export function plainText(nodes: Inline[]): string {
  return nodes
    .map(node => {
      switch (node.type) {
        case 'text':
        case 'code':
          return node.value;
        case 'image':
          return node.alt;
        case 'break':
          return '\n';
        default:
          return plainText(node.children);
      }
    })
    .join('');
}

const ATTRIBUTE =
  /([a-zA-Z_:][a-zA-Z0-9_.:-]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
const TAG_NAME = /[a-zA-Z][a-zA-Z0-9-]*/y;
const URI_AUTOLINK = /^<([a-zA-Z][a-zA-Z0-9+.-]{1,31}:[^\s<>]*)>/;
const EMAIL_AUTOLINK =
  /^<([a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*)>/;
const BARE_URL = /https?:\/\/[^\s<]+/iy;
/** Tags whose content is not text to show. */
const HIDDEN_TAGS = new Set(['script', 'style', 'template', 'textarea']);

function attributes(source: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const match of source.matchAll(ATTRIBUTE)) {
    const name = match[1].toLowerCase();
    if (!found.has(name)) {
      found.set(name, unescapeText(match[2] ?? match[3] ?? match[4] ?? ''));
    }
  }
  return found;
}

/** A bare URL without the punctuation that ends the sentence around it. */
function trimBareUrl(url: string): string {
  let opened = 0;
  let closed = 0;
  for (const ch of url) {
    if (ch === '(') opened++;
    else if (ch === ')') closed++;
  }
  let end = url.length;
  for (;;) {
    const last = url[end - 1];
    if ('?!.,:*_~\'";'.includes(last)) {
      end--;
    } else if (last === ')' && closed > opened) {
      closed--;
      end--;
    } else {
      break;
    }
  }
  return url.slice(0, end);
}

class InlineParser {
  private readonly nodes: Inline[] = [];
  private buffer = '';
  private pos = 0;
  /** Code spans by the position of their opening backticks. */
  private readonly codeSpans = new Map<
    number,
    { end: number; value: string }
  >();
  /** The matching `]` of each `[`. */
  private readonly brackets = new Map<number, number>();
  /** The `[`s whose text holds brackets of its own: not a reference label. */
  private readonly outerBrackets = new Set<number>();
  /** Searches that found nothing from this position on: not repeated. */
  private readonly noneAfter = new Map<string, number>();

  constructor(
    private readonly text: string,
    private readonly definitions: Map<string, Definition>,
    private readonly inLink: boolean,
    private readonly depth: number,
  ) {
    this.matchCodeSpans();
    this.matchBrackets();
  }

  private matchCodeSpans() {
    const { text } = this;
    const runs: Array<{ at: number; length: number }> = [];
    for (let i = 0; i < text.length; i++) {
      if (text[i] !== '`') continue;
      let end = i;
      while (text[end] === '`') end++;
      runs.push({ at: i, length: end - i });
      i = end - 1;
    }
    // Where to look next for a run of each length.
    const byLength = new Map<number, number[]>();
    runs.forEach((run, index) => {
      const list = byLength.get(run.length) ?? [];
      list.push(index);
      byLength.set(run.length, list);
    });
    const cursor = new Map<number, number>();
    let escapedUpTo = -1;
    for (let index = 0; index < runs.length; index++) {
      let { at, length } = runs[index];
      if (at <= escapedUpTo) continue;
      let backslashes = 0;
      while (text[at - 1 - backslashes] === '\\') backslashes++;
      if (backslashes % 2 === 1) {
        // `\`` is a literal backtick; the rest of the run may still open a span.
        at++;
        length--;
        if (length === 0) continue;
      }
      const candidates = byLength.get(length) ?? [];
      let c = cursor.get(length) ?? 0;
      while (c < candidates.length && runs[candidates[c]].at <= at) c++;
      cursor.set(length, c);
      if (c >= candidates.length) continue;
      const close = runs[candidates[c]];
      let value = text.slice(at + length, close.at).replace(/\n/g, ' ');
      if (
        value.length >= 2 &&
        value[0] === ' ' &&
        value[value.length - 1] === ' ' &&
        value.trim() !== ''
      ) {
        value = value.slice(1, -1);
      }
      this.codeSpans.set(at, { end: close.at + length, value });
      escapedUpTo = close.at + length - 1;
      // Runs inside the span are not openers.
      while (index + 1 < runs.length && runs[index + 1].at < close.at + length)
        index++;
    }
  }

  private matchBrackets() {
    const { text } = this;
    const open: number[] = [];
    for (let i = 0; i < text.length; i++) {
      const span = this.codeSpans.get(i);
      if (span) {
        i = span.end - 1;
      } else if (text[i] === '\\') {
        i++;
      } else if (text[i] === '[') {
        if (open.length) this.outerBrackets.add(open[open.length - 1]);
        open.push(i);
      } else if (text[i] === ']' && open.length) {
        this.brackets.set(open.pop()!, i);
      }
    }
  }

  parse(): Inline[] {
    const { text } = this;
    while (this.pos < text.length) {
      const ch = text[this.pos];
      if (ch === '\\') this.escape();
      else if (ch === '`') this.code();
      else if (ch === '*' || ch === '_' || ch === '~') this.emphasis(ch);
      else if (ch === '!' && text[this.pos + 1] === '[') this.linkOrImage(true);
      else if (ch === '[') this.linkOrImage(false);
      else if (ch === '<') this.angle();
      else if (ch === '&') this.entity();
      else if (ch === '\n') this.newline();
      else if ((ch === 'h' || ch === 'H') && this.bareUrl()) continue;
      else {
        this.buffer += ch;
        this.pos++;
      }
    }
    this.flush();
    return this.nodes;
  }

  private flush() {
    if (this.buffer) this.nodes.push({ type: 'text', value: this.buffer });
    this.buffer = '';
  }

  private push(node: Inline) {
    this.flush();
    this.nodes.push(node);
  }

  private nested(text: string, inLink = this.inLink): Inline[] {
    if (this.depth >= MAX_DEPTH) return [{ type: 'text', value: text }];
    return new InlineParser(
      text,
      this.definitions,
      inLink,
      this.depth + 1,
    ).parse();
  }

  private escape() {
    const next = this.text[this.pos + 1];
    if (next === '\n') {
      this.push({ type: 'break' });
      this.pos += 2;
    } else if (next !== undefined && ESCAPABLE.test(next)) {
      this.buffer += next;
      this.pos += 2;
    } else {
      this.buffer += '\\';
      this.pos++;
    }
  }

  private code() {
    const span = this.codeSpans.get(this.pos);
    if (span) {
      this.push({ type: 'code', value: span.value });
      this.pos = span.end;
      return;
    }
    let end = this.pos;
    while (this.text[end] === '`') end++;
    this.buffer += this.text.slice(this.pos, end);
    this.pos = end;
  }

  private entity() {
    const entity = entityAt(this.text, this.pos);
    this.buffer += entity ? entity.value : '&';
    this.pos += entity ? entity.length : 1;
  }

  private newline() {
    // Two spaces or more before a line end: a hard break.
    let end = this.buffer.length;
    while (end > 0 && this.buffer[end - 1] === ' ') end--;
    const hard = this.buffer.length - end >= 2;
    this.buffer = this.buffer.slice(0, end);
    if (hard) this.push({ type: 'break' });
    else this.buffer += '\n';
    this.pos++;
    while (this.text[this.pos] === ' ') this.pos++;
  }

  private runLength(at: number, ch: string): number {
    let end = at;
    while (this.text[end] === ch) end++;
    return end - at;
  }

  private canOpen(at: number, length: number, ch: string): boolean {
    const before = this.text[at - 1] ?? ' ';
    const after = this.text[at + length] ?? ' ';
    if (WHITESPACE.test(after)) return false;
    if (
      PUNCTUATION.test(after) &&
      !WHITESPACE.test(before) &&
      !PUNCTUATION.test(before)
    )
      return false;
    return ch !== '_' || !ALPHANUMERIC.test(before);
  }

  private canClose(at: number, length: number, ch: string): boolean {
    const before = this.text[at - 1] ?? ' ';
    const after = this.text[at + length] ?? ' ';
    if (WHITESPACE.test(before)) return false;
    if (
      PUNCTUATION.test(before) &&
      !WHITESPACE.test(after) &&
      !PUNCTUATION.test(after)
    )
      return false;
    return ch !== '_' || !ALPHANUMERIC.test(after);
  }

  /** The first run of `ch`, `minimum` long or longer, after `from` that can close; skips code spans and escapes. */
  private closer(
    from: number,
    ch: string,
    minimum: number,
    exact: boolean,
  ): { at: number; length: number } | undefined {
    const key = `${ch}${minimum}${exact}`;
    if (from >= (this.noneAfter.get(key) ?? Infinity)) return undefined;
    const { text } = this;
    for (let i = from; i < text.length; i++) {
      const span = this.codeSpans.get(i);
      if (span) {
        i = span.end - 1;
      } else if (text[i] === '\\') {
        i++;
      } else if (text[i] === ch) {
        const length = this.runLength(i, ch);
        const fits = exact ? length === minimum : length >= minimum;
        if (fits && this.canClose(i, length, ch)) return { at: i, length };
        i += length - 1;
      }
    }
    this.noneAfter.set(key, from);
    return undefined;
  }

  private emphasis(ch: string) {
    const at = this.pos;
    const length = this.runLength(at, ch);
    if (this.canOpen(at, length, ch)) {
      if (ch === '~') {
        if (length <= 2) {
          const close = this.closer(at + length, ch, length, true);
          if (close) {
            this.push({
              type: 'delete',
              children: this.nested(this.text.slice(at + length, close.at)),
            });
            this.pos = close.at + close.length;
            return;
          }
        }
      } else {
        // `***a***` is an emphasis around a strong one, as CommonMark has it.
        let uses = [1];
        if (length === 2) uses = [2, 1];
        else if (length >= 3) uses = [1, 2];
        for (const use of uses) {
          const close = this.closer(at + use, ch, use, false);
          if (!close) continue;
          // The closing run gives its last `use` characters; the rest is content.
          const end = close.at + close.length - use;
          if (end <= at + use) continue;
          this.push({
            type: use === 2 ? 'strong' : 'emphasis',
            children: this.nested(this.text.slice(at + use, end)),
          });
          this.pos = close.at + close.length;
          return;
        }
      }
    }
    this.buffer += this.text.slice(at, at + length);
    this.pos = at + length;
  }

  /** `(destination "title")` at `from`, the `(`. */
  private inlineDestination(
    from: number,
  ): { destination: string; title?: string; end: number } | undefined {
    const { text } = this;
    let i = from + 1;
    const skipSpace = () => {
      while (i < text.length && /[ \t\n]/.test(text[i])) i++;
    };
    skipSpace();
    let destination = '';
    if (text[i] === '<') {
      const close = this.find('>', i);
      if (close < 0 || close - i > MAX_DESTINATION) return undefined;
      const inner = text.slice(i + 1, close);
      if (/[<\n]/.test(inner)) return undefined;
      destination = inner;
      i = close + 1;
    } else {
      let depth = 0;
      const start = i;
      while (i < text.length && i - start <= MAX_DESTINATION) {
        const ch = text[i];
        if (ch === '\\' && ESCAPABLE.test(text[i + 1] ?? '')) {
          i += 2;
          continue;
        }
        // Space and ASCII control characters end the destination.
        const code = text.charCodeAt(i);
        if (code <= 0x20 || code === 0x7f) break;
        if (ch === '(') {
          depth++;
          if (depth > 32) return undefined;
        } else if (ch === ')') {
          if (depth === 0) break;
          depth--;
        }
        i++;
      }
      if (depth !== 0 || i - start > MAX_DESTINATION) return undefined;
      destination = text.slice(start, i);
    }
    const beforeTitle = i;
    skipSpace();
    let title: string | undefined;
    const quote = text[i];
    if ((quote === '"' || quote === "'" || quote === '(') && i > beforeTitle) {
      const closing = quote === '(' ? ')' : quote;
      let j = i + 1;
      while (
        j < text.length &&
        j - i <= MAX_DESTINATION &&
        text[j] !== closing
      ) {
        if (text[j] === '\\') j++;
        j++;
      }
      if (text[j] !== closing) return undefined;
      title = unescapeText(text.slice(i + 1, j));
      i = j + 1;
      skipSpace();
    }
    if (text[i] !== ')') return undefined;
    return { destination: unescapeText(destination), title, end: i + 1 };
  }

  private linkOrImage(image: boolean) {
    const { text } = this;
    const open = image ? this.pos + 1 : this.pos;
    const close = this.brackets.get(open);
    const literal = () => {
      this.buffer += image ? '![' : '[';
      this.pos = open + 1;
    };
    if (close === undefined || (!image && this.inLink)) {
      literal();
      return;
    }
    const label = text.slice(open + 1, close);
    /** Whether the text in brackets can name a reference definition. */
    const isLabel = label.length <= 999 && !this.outerBrackets.has(open);
    let target: { destination: string; title?: string } | undefined;
    let end = close + 1;
    if (text[close + 1] === '(') {
      const inline = this.inlineDestination(close + 1);
      if (inline) {
        target = inline;
        end = inline.end;
      }
    }
    if (!target && text[close + 1] === '[') {
      // Labels are at most 999 characters long: look no further.
      const found = text.slice(close + 2, close + 1003).indexOf(']');
      const refClose = found < 0 ? -1 : close + 2 + found;
      const ref = refClose < 0 ? undefined : text.slice(close + 2, refClose);
      if (ref !== undefined && !ref.includes('[') && (ref !== '' || isLabel)) {
        const definition = this.definitions.get(
          normalizeLabel(ref === '' ? label : ref),
        );
        if (definition) {
          target = definition;
          end = refClose + 1;
        } else if (ref !== '') {
          literal();
          return;
        }
      }
    }
    if (!target && isLabel) {
      const definition = this.definitions.get(normalizeLabel(label));
      if (definition) {
        target = definition;
        end = close + 1;
        if (text.startsWith('[]', end)) end += 2;
      }
    }
    if (!target) {
      literal();
      return;
    }
    if (image) {
      this.push({
        type: 'image',
        src: target.destination,
        alt: plainText(this.nested(label, true)),
        title: target.title,
      });
    } else {
      this.push({
        type: 'link',
        href: target.destination,
        title: target.title,
        children: this.nested(label, true),
      });
    }
    this.pos = end;
  }

  /** The position of the next `needle` at or after `from`; a search that found nothing is not repeated. */
  private find(needle: string, from: number): number {
    const key = `find:${needle}`;
    if (from >= (this.noneAfter.get(key) ?? Infinity)) return -1;
    const found = this.text.indexOf(needle, from);
    if (found < 0) this.noneAfter.set(key, from);
    return found;
  }

  /** {@link find}, in any case of letters; `needle` is `</` and a tag name. */
  private findIgnoringCase(needle: string, from: number): number {
    const key = `findIgnoringCase:${needle}`;
    if (from >= (this.noneAfter.get(key) ?? Infinity)) return -1;
    const pattern = new RegExp(needle.replace('/', '\\/'), 'gi');
    pattern.lastIndex = from;
    const found = pattern.exec(this.text)?.index ?? -1;
    if (found < 0) this.noneAfter.set(key, from);
    return found;
  }

  /** An HTML tag at `from` (a `<`), read as browsers do: up to the first `>` outside quotes. */
  private tagAt(
    from: number,
  ):
    | { closing: boolean; name: string; attributes: string; end: number }
    | undefined {
    const { text } = this;
    let i = from + 1;
    const closing = text[i] === '/';
    if (closing) i++;
    TAG_NAME.lastIndex = i;
    const name = TAG_NAME.exec(text);
    if (!name) return undefined;
    i += name[0].length;
    if (i < text.length && !/[\s/>]/.test(text[i])) return undefined;
    const attributesStart = i;
    while (i < text.length && i - from <= MAX_TAG) {
      const ch = text[i];
      if (ch === '>') {
        return {
          closing,
          name: name[0].toLowerCase(),
          attributes: text.slice(attributesStart, i),
          end: i + 1,
        };
      }
      if (ch === '<') return undefined;
      if (ch === '"' || ch === "'") {
        const close = this.find(ch, i + 1);
        if (close < 0) return undefined;
        i = close + 1;
      } else {
        i++;
      }
    }
    return undefined;
  }

  private angle() {
    const { text } = this;
    const rest = text.slice(this.pos, this.pos + MAX_TAG);
    if (rest.startsWith('<!--')) {
      const end = this.find('-->', this.pos + 4);
      if (end >= 0) {
        this.flush();
        this.pos = end + 3;
        return;
      }
    }
    const uri = URI_AUTOLINK.exec(rest);
    if (uri && !this.inLink) {
      this.push({
        type: 'link',
        href: uri[1],
        children: [{ type: 'text', value: uri[1] }],
      });
      this.pos += uri[0].length;
      return;
    }
    const email = EMAIL_AUTOLINK.exec(rest);
    if (email && !this.inLink) {
      this.push({
        type: 'link',
        href: `mailto:${email[1]}`,
        children: [{ type: 'text', value: email[1] }],
      });
      this.pos += email[0].length;
      return;
    }
    const tag = this.tagAt(this.pos);
    if (!tag) {
      this.buffer += '<';
      this.pos++;
      return;
    }
    this.pos = tag.end;
    if (tag.closing) {
      this.flush();
    } else if (tag.name === 'img') {
      const found = attributes(tag.attributes);
      this.push({
        type: 'image',
        src: found.get('src') ?? '',
        alt: found.get('alt') ?? '',
        title: found.get('title'),
      });
    } else if (tag.name === 'br') {
      this.push({ type: 'break' });
    } else if (HIDDEN_TAGS.has(tag.name)) {
      // Dropped with everything up to its end tag (or the end of the text).
      const end = this.findIgnoringCase(`</${tag.name}`, this.pos);
      const after = end < 0 ? -1 : this.find('>', end);
      this.pos = after < 0 ? text.length : after + 1;
      this.flush();
    } else {
      this.flush();
    }
  }

  /** A bare http(s) URL at the position: a link. */
  private bareUrl(): boolean {
    if (this.inLink) return false;
    const before = this.text[this.pos - 1];
    if (before !== undefined && !/[\s*_~(]/.test(before)) return false;
    BARE_URL.lastIndex = this.pos;
    const match = BARE_URL.exec(this.text);
    if (!match) return false;
    const url = trimBareUrl(match[0]);
    if (!/^https?:\/\/[^/?#]/i.test(url)) return false;
    this.push({
      type: 'link',
      href: url,
      children: [{ type: 'text', value: url }],
    });
    this.pos += url.length;
    return true;
  }
}

/** The inline content of a block's text. */
export function parseInline(
  text: string,
  definitions: Map<string, Definition>,
): Inline[] {
  return new InlineParser(text, definitions, false, 0).parse();
}
