/**
 * Markdown parsers (micromark under react-markdown included) take quadratic
 * time on some inputs and overflow the stack on deep nesting: a README of a
 * few kilobytes could freeze or crash the tab of whoever opens it. A README
 * beyond these bounds is shown as plain text instead. Measured with
 * react-markdown 8 and remark-gfm 3 (2 cores): 2,000 unclosed `[` render in
 * about 0.1 s, 5,000 in 0.4 s; a 300-level list, 1,000 nested `>` or a run
 * of 2,000 `*` overflow the stack, 100 levels and a run of 500 do not.
 */
export const MARKDOWN_BOUNDS = {
  bytes: 256 * 1024,
  openBrackets: 2000,
  quoteDepth: 20,
  indentColumns: 100,
  emphasisRun: 100,
} as const;

/** Why `text` is too risky to render as markdown, or undefined when it is fine. */
export function markdownTooComplex(text: string): string | undefined {
  const b = MARKDOWN_BOUNDS;
  if (text.length > b.bytes) return `it is larger than ${b.bytes / 1024} KiB`;
  let brackets = 0;
  for (let i = 0; i < text.length; i++) if (text[i] === '[') brackets++;
  if (brackets > b.openBrackets)
    return `it has more than ${b.openBrackets} brackets`;
  if (new RegExp(`^\\s*(>\\s*){${b.quoteDepth + 1}}`, 'm').test(text))
    return `it nests quotes more than ${b.quoteDepth} deep`;
  if (new RegExp(`^[ \\t]{${b.indentColumns + 1}}`, 'm').test(text))
    return `it indents lines by more than ${b.indentColumns} columns`;
  if (new RegExp(`[*_]{${b.emphasisRun + 1}}`).test(text))
    return `it has a run of more than ${b.emphasisRun} * or _`;
  return undefined;
}
