import { CodeSnippet } from '@backstage/core-components';
import { Link } from '@backstage/ui';
import { CSSProperties, Fragment, ReactNode, useMemo } from 'react';
import { Block, Definition, parseBlocks } from './blocks';
import { Inline, parseInline } from './inline';

interface Context {
  definitions: Map<string, Definition>;
  /** In a tight list item: paragraphs without `<p>`, as CommonMark renders them. */
  tight: boolean;
}

const WEB = /^https?:\/\//i;

/** The URL a link may point to: an absolute http(s) or mailto: URL; undefined for anything else. */
export function safeLinkUrl(href: string): string | undefined {
  const trimmed = href.trim();
  if (!WEB.test(trimmed) && !/^mailto:/i.test(trimmed)) return undefined;
  try {
    const url = new URL(trimmed);
    return ['http:', 'https:', 'mailto:'].includes(url.protocol)
      ? url.href
      : undefined;
  } catch {
    return undefined;
  }
}

const styles: Record<string, CSSProperties> = {
  root: { overflowWrap: 'anywhere', lineHeight: 1.5 },
  heading: { margin: '0.75em 0 0.4em' },
  paragraph: { margin: '0 0 0.75em' },
  list: { margin: '0 0 0.75em', paddingLeft: '1.5em' },
  task: { listStyle: 'none', marginLeft: '-1.25em' },
  quote: {
    margin: '0 0 0.75em',
    padding: '0 1em',
    borderLeft: '0.25em solid var(--bui-border-2, #ccc)',
    color: 'var(--bui-fg-secondary, inherit)',
  },
  table: { borderCollapse: 'collapse', margin: '0 0 0.75em' },
  cell: {
    border: '1px solid var(--bui-border-1, #ddd)',
    padding: '0.3em 0.75em',
    verticalAlign: 'top',
  },
  code: {
    fontFamily: 'var(--bui-font-monospace, monospace)',
    fontSize: '0.9em',
    padding: '0.1em 0.3em',
    borderRadius: 'var(--bui-radius-2, 4px)',
    background: 'var(--bui-bg-neutral-2, rgba(127, 127, 127, 0.15))',
  },
  pre: {
    fontFamily: 'var(--bui-font-monospace, monospace)',
    margin: '0 0 0.75em',
    padding: '0.75em',
    overflowX: 'auto',
    borderRadius: 'var(--bui-radius-2, 4px)',
    background: 'var(--bui-bg-neutral-2, rgba(127, 127, 127, 0.15))',
  },
  rule: {
    border: 0,
    borderTop: '1px solid var(--bui-border-1, #ddd)',
    margin: '1em 0',
  },
  image: { fontStyle: 'italic' },
};

function ExternalLink(props: {
  href: string;
  title?: string;
  children: ReactNode;
}) {
  const web = WEB.test(props.href);
  return (
    <Link
      href={props.href}
      title={props.title}
      {...(web ? { target: '_blank' } : {})}
      rel="noopener noreferrer"
    >
      {props.children}
    </Link>
  );
}

/** What stands in for an image: its alt text, and why it is not shown. */
function ImagePlaceholder(props: {
  node: Extract<Inline, { type: 'image' }>;
  inLink: boolean;
}) {
  const { node, inLink } = props;
  const alt = node.alt.trim();
  const url = safeLinkUrl(node.src);
  const web = !!url && WEB.test(url);
  const text = `image${alt ? `: ${alt}` : ''} (${
    web ? 'external, ' : ''
  }not loaded)`;
  if (web && !inLink) {
    return (
      <ExternalLink href={url} title={node.title ?? url}>
        <span style={styles.image}>{text}</span>
      </ExternalLink>
    );
  }
  return (
    <span style={styles.image} title={web ? url : undefined}>
      {text}
    </span>
  );
}

function renderInline(nodes: Inline[], inLink: boolean): ReactNode[] {
  return nodes.map((node, key) => {
    switch (node.type) {
      case 'text':
        return node.value;
      case 'code':
        return (
          <code key={key} style={styles.code}>
            {node.value}
          </code>
        );
      case 'strong':
        return <strong key={key}>{renderInline(node.children, inLink)}</strong>;
      case 'emphasis':
        return <em key={key}>{renderInline(node.children, inLink)}</em>;
      case 'delete':
        return <del key={key}>{renderInline(node.children, inLink)}</del>;
      case 'break':
        return <br key={key} />;
      case 'image':
        return <ImagePlaceholder key={key} node={node} inLink={inLink} />;
      case 'link': {
        const href = inLink ? undefined : safeLinkUrl(node.href);
        const children = renderInline(node.children, inLink || !!href);
        if (!href) return <span key={key}>{children}</span>;
        return (
          <ExternalLink key={key} href={href} title={node.title}>
            {children}
          </ExternalLink>
        );
      }
      default:
        return null;
    }
  });
}

function isBlank(nodes: Inline[]): boolean {
  return nodes.every(node => node.type === 'text' && node.value.trim() === '');
}

function renderBlocks(blocks: Block[], context: Context): ReactNode[] {
  const inline = (text: string) =>
    renderInline(parseInline(text, context.definitions), false);
  return blocks.map((block, key) => {
    switch (block.type) {
      case 'heading': {
        const Heading = `h${block.level}` as const;
        return (
          <Heading key={key} style={styles.heading}>
            {inline(block.text)}
          </Heading>
        );
      }
      case 'paragraph': {
        const nodes = parseInline(block.text, context.definitions);
        if (isBlank(nodes)) return null;
        const content = renderInline(nodes, false);
        // In a tight list item the text sits right in the item, beside its task box.
        return context.tight ? (
          <Fragment key={key}>{content}</Fragment>
        ) : (
          <p key={key} style={styles.paragraph}>
            {content}
          </p>
        );
      }
      case 'code':
        return block.language ? (
          <div key={key} style={{ margin: '0 0 0.75em' }}>
            <CodeSnippet text={block.text} language={block.language} />
          </div>
        ) : (
          <pre key={key} style={styles.pre}>
            <code>{block.text}</code>
          </pre>
        );
      case 'blockquote':
        return (
          <blockquote key={key} style={styles.quote}>
            {renderBlocks(block.children, { ...context, tight: false })}
          </blockquote>
        );
      case 'list': {
        const items = block.items.map((item, index) => (
          <li
            key={index}
            style={item.checked === undefined ? undefined : styles.task}
          >
            {item.checked !== undefined && (
              <input
                type="checkbox"
                checked={item.checked}
                disabled
                readOnly
                aria-label={item.checked ? 'done' : 'not done'}
                style={{ marginRight: '0.5em' }}
              />
            )}
            {renderBlocks(item.children, { ...context, tight: block.tight })}
          </li>
        ));
        return block.ordered ? (
          <ol
            key={key}
            start={block.start === 1 ? undefined : block.start}
            style={styles.list}
          >
            {items}
          </ol>
        ) : (
          <ul key={key} style={styles.list}>
            {items}
          </ul>
        );
      }
      case 'table':
        return (
          <table key={key} style={styles.table}>
            <thead>
              <tr>
                {block.head.map((cell, column) => (
                  <th
                    key={column}
                    style={{ ...styles.cell, textAlign: block.align[column] }}
                  >
                    {inline(cell)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {block.rows.map((row, index) => (
                <tr key={index}>
                  {row.map((cell, column) => (
                    <td
                      key={column}
                      style={{ ...styles.cell, textAlign: block.align[column] }}
                    >
                      {inline(cell)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        );
      case 'rule':
        return <hr key={key} style={styles.rule} />;
      default:
        return null;
    }
  });
}

/**
 * Markdown from a registry (a pattern's README), rendered so that showing it
 * makes no request: the README is whatever the artifact's author pushed, and
 * the portal must not load a tracking pixel, a stylesheet or a frame for it.
 *
 * - No image is loaded. `![alt](src)` and `<img>` become the text
 *   "image: alt (external, not loaded)", a link to the picture when it is on
 *   the web (opening it is the reader's choice). data: URIs are not shown
 *   either: they make no request, but they would let an artifact paint
 *   anything into the portal (a fake badge, a QR code), and one rule — no
 *   README picture is shown — is simpler to check. Relative sources have
 *   nothing to point to in an OCI artifact.
 * - Raw HTML is never rendered: its tags are dropped and their text kept, so
 *   no `<picture>`, `<iframe>`, `<video>`, `<link>`, `style` or `srcset`
 *   reaches the DOM.
 * - Only http(s) and mailto: URLs become links; http(s) ones open in a new
 *   window with `rel="noopener noreferrer"` (the portal's address is not sent
 *   along, and the page cannot reach back). `javascript:`, `data:`, relative
 *   and `//host` URLs stay text.
 *
 * The parser (blocks.ts, inline.ts) covers CommonMark with GitHub's tables,
 * task lists, strikethrough and bare URLs, and runs in linear time.
 */
export const SafeMarkdown = (props: { content: string }) => {
  const rendered = useMemo(() => {
    const { blocks, definitions } = parseBlocks(props.content);
    return renderBlocks(blocks, { definitions, tight: false });
  }, [props.content]);
  return <div style={styles.root}>{rendered}</div>;
};
