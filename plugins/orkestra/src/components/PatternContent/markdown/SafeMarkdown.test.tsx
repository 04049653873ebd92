import { render, screen, waitFor, within } from '@testing-library/react';
import {
  foreignResources,
  loadedResources,
  unsafeLinks,
} from '../../../__testUtils__/externalResources';
import { parseBlocks } from './blocks';
import { parseInline } from './inline';
import { safeLinkUrl, SafeMarkdown } from './SafeMarkdown';

function renderMarkdown(content: string) {
  return render(<SafeMarkdown content={content} />).container;
}

describe('SafeMarkdown', () => {
  it('renders what a pattern README is made of', async () => {
    const root = renderMarkdown(
      [
        '# webapp-operator v2.0.0',
        '',
        'Breaking release: the `WebApp` CRD gains **v2**, _v1_ stays ~~gone~~ served.',
        'Docs: [Orkestra][docs].',
        '',
        '1. **`komposer.yaml`**: load it with:',
        '',
        '   ```yaml',
        '   imports:',
        '     - url: oci://oci.orkestra.example/orkestra/katalogs/platform-stack:v1.0.0',
        '   ```',
        '',
        '2. Then regenerate the bundle.',
        '',
        '| Input | Required | Default |',
        '|:---|:---:|---:|',
        '| `image` | yes | |',
        '| `port` | no | `8080` |',
        '',
        '> **Deprecated** from 2026-10-01.',
        '',
        '- [x] conversion webhook',
        '- [ ] Gateway',
        '',
        'Setext heading',
        '--------------',
        '',
        '***',
        '',
        '[docs]: https://docs.orkestra.example/ "Orkestra docs"',
      ].join('\n'),
    );

    expect(
      screen.getByRole('heading', { level: 1, name: 'webapp-operator v2.0.0' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { level: 2, name: 'Setext heading' }),
    ).toBeInTheDocument();
    const intro = screen.getByText(/^Breaking release/);
    expect(intro.tagName).toBe('P');
    expect(within(intro).getByText('WebApp').tagName).toBe('CODE');
    expect(within(intro).getByText('v2').tagName).toBe('STRONG');
    expect(within(intro).getByText('v1').tagName).toBe('EM');
    expect(within(intro).getByText('gone').tagName).toBe('DEL');
    expect(screen.getByRole('link', { name: 'Orkestra' })).toHaveAttribute(
      'href',
      'https://docs.orkestra.example/',
    );

    const [steps, tasks] = screen.getAllByRole('list');
    expect(steps.tagName).toBe('OL');
    const [first, second] = within(steps).getAllByRole('listitem');
    expect(first).toHaveTextContent('komposer.yaml: load it with:');
    // The fenced block in the item is code (highlighted once it has loaded).
    await waitFor(() =>
      expect(first).toHaveTextContent(
        'imports: - url: oci://oci.orkestra.example/orkestra/katalogs/platform-stack:v1.0.0',
      ),
    );
    expect(second).toHaveTextContent('Then regenerate the bundle.');

    const table = screen.getByRole('table');
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map(cell => [cell.textContent, cell.style.textAlign]),
    ).toEqual([
      ['Input', 'left'],
      ['Required', 'center'],
      ['Default', 'right'],
    ]);
    expect(
      within(table)
        .getAllByRole('row')
        .slice(1)
        .map(row =>
          within(row)
            .getAllByRole('cell')
            .map(c => c.textContent),
        ),
    ).toEqual([
      ['image', 'yes', ''],
      ['port', 'no', '8080'],
    ]);

    expect(root.querySelector('blockquote')).toHaveTextContent(
      'Deprecated from 2026-10-01.',
    );
    expect(
      within(tasks)
        .getAllByRole('checkbox')
        .map(box => (box as HTMLInputElement).checked),
    ).toEqual([true, false]);
    expect(root.querySelector('hr')).not.toBeNull();
  });

  it('shows the text of raw HTML without its tags, and nothing of scripts, styles and comments', () => {
    const root = renderMarkdown(
      [
        '<details><summary>More</summary>',
        '',
        'Hidden **markdown**.',
        '',
        '</details>',
        '',
        '<script>alert("x")</script>',
        '<style>p { color: red }</style>',
        '',
        'A <b onclick="alert(1)">bold</b> word<!-- a comment --> and <div style="color:red">a div</div>.',
      ].join('\n'),
    );

    expect(
      [...root.querySelectorAll('p')].map(p => p.textContent?.trim()),
    ).toEqual(['More', 'Hidden markdown.', 'A bold word and a div.']);
    expect(root).not.toHaveTextContent('alert');
    expect(root).not.toHaveTextContent('color');
    expect(root.querySelector('b, details, summary, script, style')).toBeNull();
    expect(root.querySelectorAll('div')).toHaveLength(1); // SafeMarkdown's own
    expect(root.querySelector('[onclick]')).toBeNull();
  });

  it('shows no data: or relative image, and links neither', () => {
    const root = renderMarkdown(
      [
        '![dot](data:image/gif;base64,R0lGODlhAQABAAAAACw=) ![svg](data:image/svg+xml,<svg/>)',
        '![local](./logo.png) <img src="/absolute.png" alt="rooted"> <img src="//cdn.example/x.png" alt="protocol relative">',
      ].join('\n'),
    );

    expect(root).toHaveTextContent(
      'image: dot (not loaded) image: svg (not loaded) image: local (not loaded) image: rooted (not loaded) image: protocol relative (not loaded)',
    );
    expect(root.querySelector('img, a')).toBeNull();
    expect(loadedResources(root)).toEqual([]);
    expect(foreignResources(root)).toEqual([]);
  });

  it('gives no element an id or name that could clobber the page', () => {
    const root = renderMarkdown(
      [
        '# root',
        '',
        '<a name="orkestraApi" id="app">anchor</a> <span id="root">x</span>',
      ].join('\n'),
    );

    expect(root.querySelector('[id], [name]')).toBeNull();
    expect(unsafeLinks(root)).toEqual([]);
  });

  it('links only absolute http, https and mailto: URLs', () => {
    expect(safeLinkUrl('https://docs.example/a b')).toBe(
      'https://docs.example/a%20b',
    );
    expect(safeLinkUrl(' HTTP://docs.example ')).toBe('http://docs.example/');
    expect(safeLinkUrl('mailto:team@example.com')).toBe(
      'mailto:team@example.com',
    );
    for (const href of [
      // eslint-disable-next-line no-script-url -- the URL under test
      'javascript:alert(1)',
      ' javascript:alert(1)',
      // eslint-disable-next-line no-script-url -- the URL under test
      'JaVaScRiPt:alert(1)',
      'java\nscript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox',
      'file:///etc/passwd',
      '//evil.example/x',
      '/relative',
      'docs/usage.md',
      '#usage',
      'https:evil.example',
      'https:\\\\evil.example',
      '',
    ]) {
      expect({ href, url: safeLinkUrl(href) }).toEqual({
        href,
        url: undefined,
      });
    }
  });

  it('parses hostile READMEs in linear time', () => {
    const size = 256 * 1024;
    const hostile: Record<string, string> = {
      'unclosed emphasis': '*a _b '.repeat(size / 6),
      'nested brackets': `${'['.repeat(size / 2)}${']'.repeat(size / 2)}`,
      'unfinished links': '[a]('.repeat(size / 4),
      'unfinished references': '[a]['.repeat(size / 4),
      'unmatched backticks': '`a ``b '.repeat(size / 7),
      'unclosed tags': '<a b c '.repeat(size / 7),
      'deep block quotes': `${'> '.repeat(size / 2)}x`,
      'deep lists': `${'- '.repeat(size / 2)}x`,
      'long heading padding': `# x${' '.repeat(size)}y`,
      'many short lines': 'a a a   \n'.repeat(size / 9),
      'URL of parentheses': `https://a${')'.repeat(size)}`,
      'nested emphasis': `${'*'.repeat(size / 2)}a${'*'.repeat(size / 2)}`,
    };
    const started = Date.now();
    for (const text of Object.values(hostile)) {
      const { blocks, definitions } = parseBlocks(text);
      const walk = (list: typeof blocks): void =>
        list.forEach(block => {
          if (block.type === 'paragraph' || block.type === 'heading')
            parseInline(block.text, definitions);
          if (block.type === 'blockquote') walk(block.children);
          if (block.type === 'list')
            block.items.forEach(item => walk(item.children));
        });
      walk(blocks);
    }
    // About a second in all when linear; a quadratic case alone would take minutes.
    expect(Date.now() - started).toBeLessThan(20_000);
  }, 60_000);
});
