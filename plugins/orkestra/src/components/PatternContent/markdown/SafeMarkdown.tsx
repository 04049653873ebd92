import { CodeSnippet } from '@backstage/core-components';
import { Link } from '@backstage/ui';
import {
  ComponentProps,
  createContext,
  CSSProperties,
  useContext,
} from 'react';
import ReactMarkdown from 'react-markdown';
import remarkGfm from 'remark-gfm';

const WEB = /^https?:\/\//i;

/** The URL a link may point to: an absolute http(s) or mailto: URL; undefined for anything else. */
function safeUrl(href: string | undefined): string | undefined {
  const trimmed = (href ?? '').trim();
  if (!WEB.test(trimmed) && !/^mailto:/i.test(trimmed)) return undefined;
  try {
    return new URL(trimmed).href;
  } catch {
    return undefined;
  }
}

const block: CSSProperties = { margin: '0 0 0.75em' };
const code: CSSProperties = {
  fontFamily: 'var(--bui-font-monospace, monospace)',
  borderRadius: 'var(--bui-radius-2, 4px)',
  background: 'var(--bui-bg-neutral-2, rgba(127, 127, 127, 0.15))',
};
/** The look of each element markdown produces (theme tokens only), by `styleKey`. */
const styles: Record<string, CSSProperties> = {
  heading: { margin: '0.75em 0 0.4em' },
  p: block,
  list: { ...block, paddingLeft: '1.5em' },
  task: { listStyle: 'none', marginLeft: '-1.25em' },
  input: { marginRight: '0.5em' },
  blockquote: {
    ...block,
    padding: '0 1em',
    borderLeft: '0.25em solid var(--bui-border-2, #ccc)',
    color: 'var(--bui-fg-secondary, inherit)',
  },
  table: { ...block, borderCollapse: 'collapse' },
  cell: {
    border: '1px solid var(--bui-border-1, #ddd)',
    padding: '0.3em 0.75em',
    verticalAlign: 'top',
  },
  pre: { ...code, ...block, padding: '0.75em', overflowX: 'auto' },
  'inline code': { ...code, fontSize: '0.9em', padding: '0.1em 0.3em' },
  'highlighted code': block,
  hr: { border: 0, borderTop: '1px solid var(--bui-border-1, #ddd)' },
};

interface HastNode {
  type: string;
  tagName?: string;
  properties?: Record<string, unknown>;
  value?: string;
  children?: HastNode[];
}

const hasClass = (node: HastNode | undefined, pattern: RegExp) =>
  [node?.properties?.className].flat().some(c => pattern.test(String(c)));

const isBlankParagraph = (node: HastNode) =>
  node.tagName === 'p' &&
  !!node.children?.every(
    c => c.type === 'raw' || (c.type === 'text' && !c.value?.trim()),
  );

function styleKey(node: HastNode, parent?: HastNode): string {
  const tag = node.tagName ?? '';
  if (hasClass(node, /^task-list-item$/)) return 'task';
  if (tag === 'code' && parent?.tagName !== 'pre') return 'inline code';
  if (tag === 'pre' && hasClass(node.children?.[0], /^language-/))
    return 'highlighted code';
  return tag
    .replace(/^h[1-6]$/, 'heading')
    .replace(/^[ou]l$/, 'list')
    .replace(/^t[hd]$/, 'cell');
}

/**
 * Styles each element and takes ids and names away (GFM footnotes have some:
 * nothing in a README may clobber a global of the page, and #anchors are not
 * links here). A fenced block with a language becomes a `<div>` whose `code`
 * CodeSnippet draws, with its own `<pre>`.
 */
const present = () => (tree: HastNode) => {
  const walk = (node: HastNode, parent?: HastNode) => {
    if (node.type === 'element' && node.tagName && node.properties) {
      delete node.properties.id;
      delete node.properties.name;
      const key = styleKey(node, parent);
      if (key === 'highlighted code') node.tagName = 'div';
      // A copy: react-markdown adds a table cell's text-align to it.
      if (styles[key]) node.properties.style = { ...styles[key] };
    }
    node.children?.forEach(child => walk(child, node));
    // A paragraph of raw HTML only (skipped) would leave an empty gap.
    node.children = node.children?.filter(child => !isBlankParagraph(child));
  };
  walk(tree);
};

/** Whether an element is inside a link (a link in a link is not valid HTML). */
const InLink = createContext(false);

function SafeLink({ href: given, title, children }: ComponentProps<'a'>) {
  const inLink = useContext(InLink);
  const href = safeUrl(given);
  if (!href || inLink) return <span>{children}</span>;
  return (
    <Link
      href={href}
      title={title}
      {...(WEB.test(href) ? { target: '_blank' } : {})}
      rel="noopener noreferrer"
    >
      <InLink.Provider value>{children}</InLink.Provider>
    </Link>
  );
}

/** What stands in for an image: its alt text and why it is not shown; a link to it when on the web. */
function ImagePlaceholder(props: ComponentProps<'img'>) {
  const inLink = useContext(InLink);
  const alt = props.alt?.trim() ? `: ${props.alt.trim()}` : '';
  const url = safeUrl(props.src);
  const web = !!url && WEB.test(url);
  const text = `image${alt} (${web ? 'external, ' : ''}not loaded)`;
  const placeholder = <span style={{ fontStyle: 'italic' }}>{text}</span>;
  if (!web || inLink) return placeholder;
  return (
    <SafeLink href={url} title={props.title ?? url}>
      {placeholder}
    </SafeLink>
  );
}

/**
 * A registry's markdown (a pattern's README: whatever the artifact's author
 * pushed), rendered with GitHub's extensions so that showing it makes no
 * request: no tracking pixel, stylesheet or frame.
 *
 * - No image is loaded: `![alt](src)` becomes "image: alt (external, not
 *   loaded)", a link to it when on the web. data: and relative ones are not
 *   shown either ("image: alt (not loaded)"): a data: URI could paint anything
 *   into the portal (a fake badge, a QR code).
 * - Raw HTML is skipped: an HTML block shows nothing, inline tags are dropped
 *   and the text between them kept.
 * - Only http(s) and mailto: URLs become links, web ones in a new window with
 *   `rel="noopener noreferrer"`; javascript:, data:, relative, #anchor and
 *   //host URLs stay text.
 */
export const SafeMarkdown = (props: { content: string }) => (
  <div style={{ overflowWrap: 'anywhere', lineHeight: 1.5 }}>
    <ReactMarkdown
      remarkPlugins={[remarkGfm]}
      rehypePlugins={[present]}
      skipHtml
      transformLinkUri={href => safeUrl(href) ?? ''}
      components={{
        a: SafeLink,
        img: ImagePlaceholder,
        code: ({ node, inline, className, children, ...rest }) => {
          const language = /^language-(\S+)/.exec(className ?? '')?.[1];
          if (!language) return <code {...rest}>{children}</code>;
          const text = [children].flat().join('').replace(/\n$/, '');
          return <CodeSnippet text={text} language={language} />;
        },
      }}
    >
      {props.content}
    </ReactMarkdown>
  </div>
);
