import { render, screen, waitFor, within } from '@testing-library/react';
import {
  foreignResources,
  loadedResources,
  unsafeLinks,
} from '../../../__testUtils__/externalResources';
import { SafeMarkdown } from './SafeMarkdown';

function renderMarkdown(content: string) {
  return render(<SafeMarkdown content={content} />).container;
}

describe('SafeMarkdown', () => {
  it('renders what a pattern README is made of', () => {
    const root = renderMarkdown(
      [
        '# webapp-operator v2.0.0',
        '',
        'Breaking release: the `WebApp` CRD gains **v2**, _v1_ stays ~~gone~~ served.',
        '',
        '> **Deprecated** from 2026-10-01.',
        '',
        '- [x] conversion webhook',
        '- [ ] Gateway',
      ].join('\n'),
    );

    expect(
      screen.getByRole('heading', { level: 1, name: 'webapp-operator v2.0.0' }),
    ).toBeInTheDocument();
    const intro = screen.getByText(/^Breaking release/);
    expect(intro.tagName).toBe('P');
    expect(within(intro).getByText('WebApp').tagName).toBe('CODE');
    expect(within(intro).getByText('v2').tagName).toBe('STRONG');
    expect(within(intro).getByText('v1').tagName).toBe('EM');
    expect(within(intro).getByText('gone').tagName).toBe('DEL');
    expect(root.querySelector('blockquote')).toHaveTextContent(
      'Deprecated from 2026-10-01.',
    );
    expect(
      screen
        .getAllByRole('checkbox')
        .map(box => (box as HTMLInputElement).checked),
    ).toEqual([true, false]);
  });

  it('renders a GitHub table with its column alignment', () => {
    renderMarkdown(
      [
        '| Input | Required | Default |',
        '|:---|:---:|---:|',
        '| `image` | yes | |',
        '| `port` | no | `8080` |',
      ].join('\n'),
    );

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
            .map(c => [c.textContent, c.style.textAlign]),
        ),
    ).toEqual([
      [
        ['image', 'left'],
        ['yes', 'center'],
        ['', 'right'],
      ],
      [
        ['port', 'left'],
        ['no', 'center'],
        ['8080', 'right'],
      ],
    ]);
  });

  it('renders fenced code, highlighted when it names a language', async () => {
    const root = renderMarkdown(
      [
        '```yaml',
        'imports:',
        '  - url: oci://oci.orkestra.example/orkestra/katalogs/platform-stack:v1.0.0',
        '```',
        '',
        '```',
        'make bundle',
        '```',
      ].join('\n'),
    );

    // The YAML goes to Backstage's CodeSnippet (highlighted once it has loaded).
    await waitFor(() =>
      expect(root).toHaveTextContent(
        'imports: - url: oci://oci.orkestra.example/orkestra/katalogs/platform-stack:v1.0.0',
      ),
    );
    const plain = screen.getByText('make bundle');
    expect(plain.tagName).toBe('CODE');
    expect(plain.parentElement?.tagName).toBe('PRE');
    expect(root.querySelectorAll('pre pre')).toHaveLength(0);
  });

  it('loads no image, and links only those on the web', () => {
    const root = renderMarkdown(
      [
        '![pixel](https://tracker.example/p.gif "pixel") ![](http://tracker.example/no-alt.gif)',
        '![dot](data:image/gif;base64,R0lGODlhAQABAAAAACw=) ![local](./logo.png)',
        '![rooted](/absolute.png) ![protocol relative](//cdn.example/x.png)',
        '[![badge](https://badges.example/build.svg)](https://ci.example/build)',
      ].join('\n'),
    );

    expect(root).toHaveTextContent(
      [
        'image: pixel (external, not loaded) image (external, not loaded)',
        'image: dot (not loaded) image: local (not loaded)',
        'image: rooted (not loaded) image: protocol relative (not loaded)',
        'image: badge (external, not loaded)',
      ].join(' '),
    );
    expect(root.querySelector('img')).toBeNull();
    expect(loadedResources(root)).toEqual([]);
    expect(foreignResources(root)).toEqual([]);
    expect(
      screen
        .getAllByRole('link')
        .map(link => [
          link.textContent?.replace(/, Opens in a new window$/, ''),
          link.getAttribute('href'),
          link.getAttribute('target'),
          link.getAttribute('rel'),
        ]),
    ).toEqual([
      [
        'image: pixel (external, not loaded)',
        'https://tracker.example/p.gif',
        '_blank',
        'noopener noreferrer',
      ],
      [
        'image (external, not loaded)',
        'http://tracker.example/no-alt.gif',
        '_blank',
        'noopener noreferrer',
      ],
      // An image in a link is no second link: the link goes where it says.
      [
        'image: badge (external, not loaded)',
        'https://ci.example/build',
        '_blank',
        'noopener noreferrer',
      ],
    ]);
  });

  it('renders no raw HTML: blocks show nothing, inline tags keep their text', () => {
    const root = renderMarkdown(
      [
        '<p align="center"><img src="https://tracker.example/logo.gif" srcset="https://tracker.example/2x.gif 2x" alt="logo"></p>',
        '',
        '<picture><source srcset="https://tracker.example/s.webp"><img src="https://tracker.example/pic.gif"></picture>',
        '',
        '<iframe src="https://tracker.example/frame"></iframe>',
        '<video src="https://tracker.example/v.mp4" poster="https://tracker.example/poster.png"></video>',
        '<audio src="https://tracker.example/a.mp3"></audio>',
        '<link rel="stylesheet" href="https://tracker.example/s.css">',
        '',
        '<script>alert("x")</script>',
        '<style>body { background: url(https://tracker.example/style.gif) }</style>',
        '',
        'A <b onclick="alert(1)">bold</b> word<!-- a comment --> and <img src="https://tracker.example/in-text.gif" alt="in text">',
        '<span style="background:url(https://tracker.example/bg.gif)" id="root">styled</span> <a name="orkestraApi" href="javascript:alert(3)">raw</a>.',
      ].join('\n'),
    );

    expect(root.querySelectorAll('p')).toHaveLength(1);
    expect(root).toHaveTextContent(/^A bold word and styled raw\.$/);
    expect(root).not.toHaveTextContent('alert');
    expect(root).not.toHaveTextContent('background');
    expect(root).not.toHaveTextContent('logo');
    expect(
      root.querySelector(
        'img, picture, source, iframe, video, audio, link, style, script, b, span[style], [srcset], [onclick]',
      ),
    ).toBeNull();
    expect(loadedResources(root)).toEqual([]);
    expect(foreignResources(root)).toEqual([]);
    expect(screen.queryAllByRole('link')).toEqual([]);
  });

  it('links only absolute http, https and mailto: URLs, web ones in a new window', () => {
    const root = renderMarkdown(
      [
        'See the [docs](https://docs.example/katalog "Katalog docs"), <https://auto.example/path>,',
        'https://bare.example/page and [mail us](mailto:team@example.com).',
        '',
        '[click me](javascript:alert(1)), [spaced](  JaVaScRiPt:alert(2)), [data](data:text/html,hi),',
        '[vb](vbscript:msgbox), [file](file:///etc/passwd), [relative](docs/usage.md),',
        '[rooted](/usage), [anchor](#usage), [protocol relative](//evil.example/x),',
        '[no slashes](https:evil.example) and [by reference][js].',
        '',
        '[js]: javascript:alert(4)',
      ].join('\n'),
    );

    expect(
      screen
        .getAllByRole('link')
        .map(link => [
          link.textContent?.replace(/, Opens in a new window$/, ''),
          link.getAttribute('href'),
          link.getAttribute('target'),
          link.getAttribute('rel'),
        ]),
    ).toEqual([
      ['docs', 'https://docs.example/katalog', '_blank', 'noopener noreferrer'],
      [
        'https://auto.example/path',
        'https://auto.example/path',
        '_blank',
        'noopener noreferrer',
      ],
      [
        'https://bare.example/page',
        'https://bare.example/page',
        '_blank',
        'noopener noreferrer',
      ],
      ['mail us', 'mailto:team@example.com', null, 'noopener noreferrer'],
    ]);
    expect(screen.getByRole('link', { name: /^docs/ })).toHaveAttribute(
      'title',
      'Katalog docs',
    );
    expect(root.querySelectorAll('p')[1]).toHaveTextContent(
      'click me, spaced, data, vb, file, relative, rooted, anchor, protocol relative, no slashes and by reference.',
    );
    expect(unsafeLinks(root)).toEqual([]);
  });

  it('gives no element an id or name that could clobber the page', () => {
    const root = renderMarkdown(
      [
        '# root',
        '',
        'A footnote[^orkestraApi].',
        '',
        '[^orkestraApi]: Which GitHub gives ids.',
      ].join('\n'),
    );

    expect(root).toHaveTextContent('Which GitHub gives ids.');
    expect(root.querySelector('[id], [name]')).toBeNull();
    expect(unsafeLinks(root)).toEqual([]);
  });
});
