/**
 * The block structure of a README (CommonMark with GitHub's tables and task
 * lists, the parts pattern READMEs use): headings, paragraphs, lists, block
 * quotes, code blocks, tables and rules. Inline text is kept as source here
 * and parsed by `inline.ts` once the link reference definitions are known.
 *
 * Raw HTML is never rendered as HTML: its lines are kept as text, and the
 * inline parser drops the tags (see inline.ts).
 */

export type Align = 'left' | 'center' | 'right' | undefined;

export type HeadingLevel = 1 | 2 | 3 | 4 | 5 | 6;

export type Block =
  | { type: 'heading'; level: HeadingLevel; text: string }
  | { type: 'paragraph'; text: string }
  | { type: 'code'; language?: string; text: string }
  | { type: 'blockquote'; children: Block[] }
  | {
      type: 'list';
      ordered: boolean;
      start: number;
      tight: boolean;
      items: ListItem[];
    }
  | { type: 'table'; align: Align[]; head: string[]; rows: string[][] }
  | { type: 'rule' };

export interface ListItem {
  /** A task list item's box: `[x]` checked, `[ ]` not; undefined for a plain item. */
  checked?: boolean;
  children: Block[];
}

/** A link reference definition, `[label]: destination "title"`. */
export interface Definition {
  destination: string;
  title?: string;
}

export interface ParsedMarkdown {
  blocks: Block[];
  /** By normalised label ({@link normalizeLabel}). */
  definitions: Map<string, Definition>;
}

/** How labels of reference links match: case and runs of white space do not count. */
export function normalizeLabel(label: string): string {
  return label.trim().replace(/\s+/g, ' ').toLowerCase();
}

const BLANK = /^\s*$/;
const ATX_HEADING = /^ {0,3}(#{1,6})(?:[ \t]|$)/;
const RULE = /^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$/;
const FENCE_OPEN = /^( {0,3})(`{3,}|~{3,})/;
const QUOTE = /^ {0,3}> ?/;
const LIST_MARKER = /^( {0,3})([-*+]|(\d{1,9})([.)]))(?:([ \t]+)(.*)|[ \t]*)$/;
const SETEXT_1 = /^ {0,3}=+[ \t]*$/;
const SETEXT_2 = /^ {0,3}-+[ \t]*$/;
const DELIMITER_CELL = /^:?-+:?$/;
const DEFINITION =
  /^ {0,3}\[((?:[^\]\\]|\\.){1,999})\]:[ \t]*(<[^<>\n]*>|\S+)(?:[ \t]+("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\((?:[^()\\]|\\.)*\)))?[ \t]*$/;
/** A link reference definition's title on a line of its own. */
const TITLE_LINE =
  /^[ \t]*("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\((?:[^()\\]|\\.)*\))[ \t]*$/;
/** HTML whose content is not text to show: dropped up to its end. */
const HIDDEN_HTML_OPEN = /^ {0,3}<(script|style|textarea|template)(?=[\s>]|$)/i;
const COMMENT_OPEN = /^ {0,3}<!--/;
/** Deeper nesting of block quotes and lists is shown as text. */
const MAX_DEPTH = 16;

interface Fence {
  indent: number;
  char: string;
  length: number;
  language?: string;
}

function openFence(line: string): Fence | undefined {
  const match = FENCE_OPEN.exec(line);
  if (!match) return undefined;
  const info = line.slice(match[0].length).trim();
  // A backtick in a backtick fence's info string: an inline code span instead.
  if (match[2][0] === '`' && info.includes('`')) return undefined;
  return {
    indent: match[1].length,
    char: match[2][0],
    length: match[2].length,
    language: info.split(/[ \t]/)[0] || undefined,
  };
}

/** The text of an ATX heading line, without its closing `#`s. */
function atxHeading(
  line: string,
): { level: HeadingLevel; text: string } | undefined {
  const match = ATX_HEADING.exec(line);
  if (!match) return undefined;
  const text = line.slice(match[0].length).trim();
  let end = text.length;
  while (end > 0 && text[end - 1] === '#') end--;
  const closed = end === 0 || text[end - 1] === ' ' || text[end - 1] === '\t';
  return {
    level: match[1].length as HeadingLevel, // one to six `#`s
    text: closed ? text.slice(0, end).trim() : text,
  };
}

function closesFence(line: string, fence: Fence): boolean {
  const match = /^ {0,3}(`+|~+)[ \t]*$/.exec(line);
  return (
    !!match && match[1][0] === fence.char && match[1].length >= fence.length
  );
}

interface ListMarker {
  ordered: boolean;
  /** `-`, `*`, `+`, `.` or `)`: items of one list share it. */
  delimiter: string;
  start: number;
  /** Where the item's content starts; continuation lines are indented as far. */
  contentIndent: number;
  /** The content on the marker's line. */
  first: string;
}

function listMarker(line: string): ListMarker | undefined {
  const match = LIST_MARKER.exec(line);
  if (!match) return undefined;
  const [, indent, marker, number, delimiter, spaces, rest] = match;
  const markerEnd = indent.length + marker.length;
  let contentIndent = markerEnd + 1;
  let first = '';
  if (spaces !== undefined && rest !== undefined && rest !== '') {
    // Five or more spaces: the content is an indented code block one space in.
    if (spaces.length <= 4 && !spaces.includes('\t')) {
      contentIndent = markerEnd + spaces.length;
      first = rest;
    } else {
      first = `${spaces.slice(1)}${rest}`;
    }
  }
  return {
    ordered: number !== undefined,
    delimiter: delimiter ?? marker,
    start: number === undefined ? 1 : Number(number),
    contentIndent,
    first,
  };
}

function indentation(line: string): number {
  return /^ */.exec(line)![0].length;
}

function isTableStart(lines: string[], i: number): boolean {
  const header = lines[i];
  const delimiter = lines[i + 1];
  if (delimiter === undefined || indentation(delimiter) > 3) return false;
  if (!delimiter.includes('|') && !/(^|[^\\])\|/.test(header)) return false;
  const cells = splitRow(delimiter);
  return (
    cells.every(cell => DELIMITER_CELL.test(cell)) &&
    splitRow(header).length === cells.length
  );
}

/** Whether `line` starts a block that ends a paragraph before it. */
function interruptsParagraph(lines: string[], i: number): boolean {
  const line = lines[i];
  if (
    atxHeading(line) ||
    RULE.test(line) ||
    QUOTE.test(line) ||
    openFence(line) ||
    HIDDEN_HTML_OPEN.test(line) ||
    isTableStart(lines, i)
  ) {
    return true;
  }
  const marker = listMarker(line);
  // An empty item, or an ordered one not starting at 1, does not interrupt.
  return (
    !!marker && marker.first !== '' && (!marker.ordered || marker.start === 1)
  );
}

/** The cells of a table row, `| a | b |` or `a | b`; `\|` stays in its cell. */
export function splitRow(line: string): string[] {
  let text = line.trim();
  if (text.startsWith('|')) text = text.slice(1);
  if (text.endsWith('|') && !text.endsWith('\\|')) text = text.slice(0, -1);
  const cells: string[] = [];
  let cell = '';
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\' && text[i + 1] === '|') {
      cell += '|';
      i++;
    } else if (text[i] === '|') {
      cells.push(cell.trim());
      cell = '';
    } else {
      cell += text[i];
    }
  }
  cells.push(cell.trim());
  return cells;
}

function alignment(cell: string): Align {
  const left = cell.startsWith(':');
  const right = cell.endsWith(':');
  if (left && right) return 'center';
  if (right) return 'right';
  return left ? 'left' : undefined;
}

function unescapeDestination(text: string): string {
  const inner = text.startsWith('<') ? text.slice(1, -1) : text;
  return inner.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

class BlockParser {
  readonly definitions = new Map<string, Definition>();
  private depth = 0;

  /** The blocks of `lines`, and whether blank lines separate any two of them (a loose list item). */
  parse(lines: string[]): { blocks: Block[]; separated: boolean } {
    const blocks: Block[] = [];
    let separated = false;
    let blankBefore = false;
    let i = 0;
    while (i < lines.length) {
      const line = lines[i];
      if (BLANK.test(line)) {
        blankBefore = blocks.length > 0;
        i++;
        continue;
      }
      const before = blocks.length;
      i = this.block(lines, i, blocks);
      if (blocks.length > before && blankBefore) separated = true;
      blankBefore = false;
    }
    return { blocks, separated };
  }

  private nested(lines: string[]): { blocks: Block[]; separated: boolean } {
    this.depth++;
    try {
      return this.parse(lines);
    } finally {
      this.depth--;
    }
  }

  /** Parses the block that starts at line `i` into `blocks`; returns the line after it. */
  private block(lines: string[], start: number, blocks: Block[]): number {
    let i = start;
    const line = lines[i];

    const fence = openFence(line);
    if (fence) {
      const text: string[] = [];
      i++;
      while (i < lines.length && !closesFence(lines[i], fence)) {
        const content = lines[i];
        text.push(content.slice(Math.min(fence.indent, indentation(content))));
        i++;
      }
      blocks.push({
        type: 'code',
        language: fence.language,
        text: text.join('\n'),
      });
      return i + 1;
    }

    if (indentation(line) >= 4) {
      const text: string[] = [];
      while (
        i < lines.length &&
        (BLANK.test(lines[i]) || indentation(lines[i]) >= 4)
      ) {
        text.push(lines[i].slice(4));
        i++;
      }
      while (text.length && BLANK.test(text[text.length - 1])) text.pop();
      // Trailing blank lines belong to what follows.
      i = start + text.length;
      blocks.push({ type: 'code', text: text.join('\n') });
      return i;
    }

    const heading = atxHeading(line);
    if (heading) {
      blocks.push({ type: 'heading', ...heading });
      return i + 1;
    }

    if (RULE.test(line)) {
      blocks.push({ type: 'rule' });
      return i + 1;
    }

    const nestable = this.depth < MAX_DEPTH;
    if (nestable && QUOTE.test(line)) {
      const quoted: string[] = [];
      let inFence: Fence | undefined;
      while (i < lines.length) {
        const current = lines[i];
        if (QUOTE.test(current)) {
          const content = current.replace(QUOTE, '');
          if (inFence) {
            if (closesFence(content, inFence)) inFence = undefined;
          } else {
            inFence = openFence(content);
          }
          quoted.push(content);
        } else if (
          // A lazy continuation of a quoted paragraph.
          !BLANK.test(current) &&
          !inFence &&
          quoted.length > 0 &&
          !BLANK.test(quoted[quoted.length - 1]) &&
          !interruptsParagraph(lines, i)
        ) {
          quoted.push(current);
        } else {
          break;
        }
        i++;
      }
      blocks.push({ type: 'blockquote', children: this.nested(quoted).blocks });
      return i;
    }

    if (nestable && listMarker(line)) return this.list(lines, i, blocks);

    const hidden = HIDDEN_HTML_OPEN.exec(line);
    if (hidden) {
      const end = new RegExp(`</${hidden[1]}\\s*>`, 'i');
      while (i < lines.length && !end.test(lines[i])) i++;
      return i + 1;
    }
    if (COMMENT_OPEN.test(line)) {
      while (i < lines.length && !lines[i].includes('-->')) i++;
      return i + 1;
    }

    if (isTableStart(lines, i)) {
      const head = splitRow(line);
      const align = splitRow(lines[i + 1]).map(alignment);
      const rows: string[][] = [];
      i += 2;
      while (
        i < lines.length &&
        !BLANK.test(lines[i]) &&
        !interruptsParagraph(lines, i)
      ) {
        const cells = splitRow(lines[i]);
        rows.push(head.map((_, column) => cells[column] ?? ''));
        i++;
      }
      blocks.push({ type: 'table', align, head, rows });
      return i;
    }

    // A paragraph, or a setext heading; link reference definitions may start it.
    const text: string[] = [];
    while (i < lines.length && !BLANK.test(lines[i])) {
      if (text.length > 0) {
        if (SETEXT_1.test(lines[i]) || SETEXT_2.test(lines[i])) {
          blocks.push({
            type: 'heading',
            level: SETEXT_1.test(lines[i]) ? 1 : 2,
            text: text.join('\n'),
          });
          return i + 1;
        }
        if (interruptsParagraph(lines, i)) break;
      }
      const definition = text.length === 0 && this.definition(lines, i);
      if (definition) {
        i = definition.next;
        continue;
      }
      text.push(lines[i].replace(/^[ \t]+/, ''));
      i++;
    }
    if (text.length > 0) {
      blocks.push({ type: 'paragraph', text: text.join('\n') });
    }
    return i;
  }

  /**
   * A link reference definition at line `i`, on one line or with its
   * destination and title on the next ones; recorded, the first of a label
   * winning. Returns the line after it.
   */
  private definition(lines: string[], i: number): { next: number } | undefined {
    let source = lines[i];
    let next = i + 1;
    if (/^ {0,3}\[[^\]]*\]:[ \t]*$/.test(source) && next < lines.length) {
      source = `${source} ${lines[next].trim()}`;
      next++;
    }
    let match = DEFINITION.exec(source);
    if (!match) return undefined;
    const title = next < lines.length && TITLE_LINE.exec(lines[next]);
    if (match[3] === undefined && title) {
      match = DEFINITION.exec(`${source} ${title[1]}`) ?? match;
      next++;
    }
    const label = normalizeLabel(match[1]);
    if (label && !this.definitions.has(label)) {
      this.definitions.set(label, {
        destination: unescapeDestination(match[2]),
        title: match[3]?.slice(1, -1).replace(/\\([!-/:-@[-`{-~])/g, '$1'),
      });
    }
    return { next };
  }

  private list(lines: string[], start: number, blocks: Block[]): number {
    let i = start;
    const first = listMarker(lines[i])!;
    const items: ListItem[] = [];
    let tight = true;
    while (i < lines.length) {
      const marker = listMarker(lines[i]);
      if (
        !marker ||
        marker.ordered !== first.ordered ||
        marker.delimiter !== first.delimiter ||
        RULE.test(lines[i])
      ) {
        break;
      }
      const itemStart = i;
      const content = [marker.first];
      let inFence = openFence(marker.first);
      /** Index in `content` of the item's last non-blank line. */
      let lastContent = 0;
      i++;
      while (i < lines.length) {
        const current = lines[i];
        if (BLANK.test(current)) {
          content.push('');
        } else if (indentation(current) >= marker.contentIndent) {
          const inner = current.slice(marker.contentIndent);
          if (inFence) {
            if (closesFence(inner, inFence)) inFence = undefined;
          } else {
            inFence = openFence(inner);
          }
          content.push(inner);
          lastContent = content.length - 1;
        } else if (
          // A lazy continuation of the item's paragraph.
          !inFence &&
          !BLANK.test(content[content.length - 1]) &&
          !interruptsParagraph(lines, i) &&
          !listMarker(current)
        ) {
          content.push(current);
          lastContent = content.length - 1;
        } else {
          break;
        }
        i++;
      }
      // Blank lines after the item belong to the list only when another item follows.
      const itemLines = content.slice(0, lastContent + 1);
      const next = itemStart + lastContent + 1;
      i = next;
      let after = next;
      while (after < lines.length && BLANK.test(lines[after])) after++;
      const continues =
        after < lines.length &&
        (() => {
          const m = listMarker(lines[after]);
          return (
            !!m &&
            m.ordered === first.ordered &&
            m.delimiter === first.delimiter &&
            !RULE.test(lines[after])
          );
        })();
      if (continues && after > next) tight = false;

      let checked: boolean | undefined;
      const task = /^\[([ xX])\](?:[ \t]+|$)/.exec(itemLines[0]);
      if (task) {
        checked = task[1] !== ' ';
        itemLines[0] = itemLines[0].slice(task[0].length);
      }
      const parsed = this.nested(itemLines);
      if (parsed.separated) tight = false;
      items.push({ checked, children: parsed.blocks });
      if (!continues) break;
      i = after;
    }
    blocks.push({
      type: 'list',
      ordered: first.ordered,
      start: first.start,
      tight,
      items,
    });
    return i;
  }
}

/** The blocks and link reference definitions of a markdown text. */
export function parseBlocks(markdown: string): ParsedMarkdown {
  const lines = markdown
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .replace(/\0/g, '\uFFFD')
    .split('\n')
    .map(line =>
      // Tabs in the indentation count as four columns, as the indentation rules need.
      line.replace(/^[ \t]+/, lead => lead.replace(/\t/g, '    ')),
    );
  const parser = new BlockParser();
  const { blocks } = parser.parse(lines);
  return { blocks, definitions: parser.definitions };
}
