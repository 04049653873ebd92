import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http } from 'msw';
import { postgres } from '../../__testUtils__/testData';
import {
  errorResponse,
  get,
  latch,
  orkestraUrl,
  setupOrkestraServer,
} from '../../__testUtils__/orkestraServer';
import {
  foreignResources,
  loadedResources,
  unsafeLinks,
} from '../../__testUtils__/externalResources';
import { POSTGRES_PATH } from '../../__testUtils__/renderForEntity';
import {
  renderPatternContent,
  section,
} from '../../__testUtils__/renderPatternContent';

const { server, requests } = setupOrkestraServer();

const PATTERN_PATH = POSTGRES_PATH;

/** The Files sub-tab of the Postgres Katalog. */
function renderContent(
  options: Parameters<typeof renderPatternContent>[1] = {},
) {
  return renderPatternContent(server, { tab: 'files', ...options });
}

/** Renders the Files sub-tab with `readme` as the README.md of v1.2.0, and waits for its heading. */
async function renderReadme(readme: string) {
  await renderContent({
    fixture: {
      ...postgres,
      fileTexts: {
        ...postgres.fileTexts,
        'README.md': {
          text: `# Hostile README\n\n${readme}`,
          mediaType: 'text/markdown',
        },
      },
    },
  });
  await screen.findByRole('heading', { name: 'Hostile README' });
  return screen.getByLabelText('Content of README.md');
}

describe('PatternContent: Files', () => {
  it('renders the README and shows YAML files on click', async () => {
    await renderContent();

    expect(
      await screen.findByRole('heading', { name: 'Postgres Katalog' }),
    ).toBeInTheDocument();
    expect(screen.getByText('managed')).toBeInTheDocument();
    expect(requests()).toEqual(
      expect.arrayContaining([
        get(`${PATTERN_PATH}/versions/v1.2.0/files`),
        get(`${PATTERN_PATH}/versions/v1.2.0/files/README.md/content`),
      ]),
    );
    const files = section('Files of v1.2.0');
    expect(files.getByText('2.0 KiB')).toBeInTheDocument();
    expect(files.getByText('sha256:0123456789ab')).toBeInTheDocument();
    // README.md is not truncated: X-Orkestra-Truncated is false.
    expect(
      screen.queryByText(
        'The file is too large to show in full; this is its start.',
      ),
    ).toBeNull();

    await userEvent.click(
      files.getByRole('button', { name: 'Show katalog.yaml' }),
    );
    expect(
      await screen.findByText(
        'The file is too large to show in full; this is its start.',
      ),
    ).toBeInTheDocument();
    expect(requests().at(-1)).toEqual(
      get(`${PATTERN_PATH}/versions/v1.2.0/files/katalog.yaml/content`),
    );
    expect(
      screen.getByRole('heading', { name: 'katalog.yaml' }),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Content of katalog.yaml')).toHaveTextContent(
      'kind: Katalog',
    );
  });

  describe('README content from the registry', () => {
    it('loads no markdown image, external or relative, and says what it left out', async () => {
      const readme = await renderReadme(
        [
          '![tracking pixel](https://tracker.example/p.gif "pixel")',
          '![](https://tracker.example/no-alt.gif)',
          '![diagram](docs/diagram.png) and ![by reference][pixel]',
          '[![build status](https://badges.example/build.svg)](https://ci.example/build)',
          '',
          '[pixel]: https://tracker.example/ref.gif',
        ].join('\n'),
      );

      expect(readme.querySelectorAll('img')).toHaveLength(0);
      expect(loadedResources(readme)).toEqual([]);
      expect(foreignResources(document.body)).toEqual([]);
      expect(readme).toHaveTextContent(
        'image: tracking pixel (external, not loaded)',
      );
      expect(readme).toHaveTextContent('image (external, not loaded)');
      expect(readme).toHaveTextContent('image: diagram (not loaded)');
      expect(readme).toHaveTextContent(
        'image: by reference (external, not loaded)',
      );
      // The badge stays a link to the CI page; only its picture is left out.
      const badge = within(readme).getByRole('link', {
        name: /image: build status \(external, not loaded\)/,
      });
      expect(badge).toHaveAttribute('href', 'https://ci.example/build');
      // The pictures on the web are links the reader may open, like any other.
      for (const link of within(readme).getAllByRole('link')) {
        expect(link).toHaveAttribute('target', '_blank');
        expect(link).toHaveAttribute('rel', 'noopener noreferrer');
      }
    });

    it('loads nothing that raw HTML in it points to', async () => {
      const readme = await renderReadme(
        [
          '<img src="https://tracker.example/raw.gif" alt="raw pixel">',
          '',
          '<p align="center"><img src="https://tracker.example/inline.gif" srcset="https://tracker.example/2x.gif 2x" alt="logo"></p>',
          '',
          '<picture><source srcset="https://tracker.example/s.webp"><img src="https://tracker.example/pic.gif" alt="picture"></picture>',
          '',
          '<iframe src="https://tracker.example/frame"></iframe>',
          '<video src="https://tracker.example/v.mp4" poster="https://tracker.example/poster.png"></video>',
          '<audio src="https://tracker.example/a.mp3"></audio>',
          '<link rel="stylesheet" href="https://tracker.example/s.css">',
          '<style>body { background: url(https://tracker.example/style.gif) }</style>',
          '',
          'Inline <img src="https://tracker.example/in-text.gif" alt="in text"> and <span style="background:url(https://tracker.example/bg.gif)">styled</span> text.',
        ].join('\n'),
      );

      expect(readme.querySelectorAll('img')).toHaveLength(0);
      expect(loadedResources(readme)).toEqual([]);
      expect(foreignResources(document.body)).toEqual([]);
      // Raw HTML is skipped: an HTML block shows nothing, inline tags are
      // dropped and the text between them kept.
      expect(readme).toHaveTextContent(
        /^README\.md\s*Hostile README\s*Inline and styled text\.$/,
      );
    });

    it('opens an external link in a new window, without opener or referrer', async () => {
      const readme = await renderReadme(
        [
          'See the [docs](https://docs.example/katalog "Katalog docs"),',
          '<https://auto.example/path>, https://bare.example/page and',
          '[mail us](mailto:team@example.com).',
        ].join('\n'),
      );

      for (const [name, href] of [
        ['docs', 'https://docs.example/katalog'],
        ['https://auto.example/path', 'https://auto.example/path'],
        ['https://bare.example/page', 'https://bare.example/page'],
      ]) {
        // Named by its text (Backstage's Link adds ", Opens in a new window").
        const link = within(readme).getByRole('link', {
          name: accessibleName => accessibleName.startsWith(name),
        });
        expect(link).toHaveAttribute('href', href);
        expect(link).toHaveAttribute('target', '_blank');
        expect(link).toHaveAttribute('rel', 'noopener noreferrer');
      }
      const mail = within(readme).getByRole('link', { name: 'mail us' });
      expect(mail).toHaveAttribute('href', 'mailto:team@example.com');
      expect(unsafeLinks(readme)).toEqual([]);
    });

    it('renders javascript: and other non-web links as plain text', async () => {
      const readme = await renderReadme(
        [
          '[click me](javascript:alert(1)), [data](data:text/html,hi),',
          '[vb](vbscript:msgbox), [file](file:///etc/passwd),',
          '[relative](docs/usage.md), [anchor](#usage), [protocol relative](//evil.example/x),',
          '[spaced](  JavaScript:alert(2)) and <a href="javascript:alert(3)">raw</a>.',
        ].join('\n'),
      );

      expect(readme).toHaveTextContent(
        'click me, data, vb, file, relative, anchor, protocol relative, spaced and raw.',
      );
      expect(within(readme).queryAllByRole('link')).toEqual([]);
      expect(unsafeLinks(readme)).toEqual([]);
    });
  });

  it('says when a file is empty', async () => {
    await renderContent({
      fixture: {
        ...postgres,
        fileTexts: {
          ...postgres.fileTexts,
          'README.md': { text: '', mediaType: 'text/markdown' },
        },
      },
    });

    expect(await screen.findByText('The file is empty.')).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'README.md' })).toBeVisible();
  });

  it('shows the error of a file that cannot be loaded', async () => {
    await renderContent({
      handlers: [
        http.get(
          orkestraUrl('/patterns/:id/versions/:version/files/:file/content'),
          ({ params }) =>
            params.file === 'katalog.yaml'
              ? errorResponse(500, 'blob sha256:fedcba missing')
              : undefined,
        ),
      ],
    });

    await userEvent.click(
      await screen.findByRole('button', { name: 'Show katalog.yaml' }),
    );

    expect(
      await screen.findByText(
        'Request failed with 500 Internal Server Error: blob sha256:fedcba missing',
      ),
    ).toBeInTheDocument();
    expect(section('Files of v1.2.0').getByRole('alert')).toHaveTextContent(
      'Could not load katalog.yaml',
    );
  });

  it('shows progress in the files while they load', async () => {
    const answer = latch();
    await renderContent({
      handlers: [
        http.get(
          orkestraUrl('/patterns/:id/versions/:version/files'),
          async () => {
            await answer.wait;
            return undefined; // on to the fixture's answer
          },
        ),
      ],
    });

    const files = await screen.findByRole('region', {
      name: 'Files of v1.2.0',
    });
    expect(await within(files).findByRole('progressbar')).toBeInTheDocument();
    expect(screen.queryByText('2.0 KiB')).toBeNull();

    answer.release();
    expect(await screen.findByText('2.0 KiB')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('progressbar')).toBeNull());
  });

  it('shows the error of the file list', async () => {
    await renderContent({
      handlers: [
        http.get(orkestraUrl('/patterns/:id/versions/:version/files'), () =>
          errorResponse(500, 'blob store unavailable'),
        ),
      ],
    });

    expect(
      await screen.findByText(
        'Request failed with 500 Internal Server Error: blob store unavailable',
      ),
    ).toBeInTheDocument();
    expect(section('Files of v1.2.0').getByRole('alert')).toHaveTextContent(
      'Could not load the files',
    );
  });

  it('says when the version has no files', async () => {
    await renderContent({ fixture: { ...postgres, files: [] } });

    const files = await screen.findByRole('region', {
      name: 'Files of v1.2.0',
    });
    expect(
      await within(files).findByText('v1.2.0 has no files'),
    ).toBeInTheDocument();
  });
});
