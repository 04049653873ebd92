import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import {
  announcedLatest,
  endOfLifeLatest,
  failingPolicy,
  katalogEntity,
  PATTERN_ID,
  pattern,
  postgres,
  withLatest,
} from '../../__testUtils__/testData';
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
import {
  POSTGRES_PATH,
  renderForEntity,
} from '../../__testUtils__/renderForEntity';
import { PatternContent } from './PatternContent';

const { server, requests } = setupOrkestraServer();

const PATTERN_PATH = POSTGRES_PATH;

function renderContent(options: Parameters<typeof renderForEntity>[2] = {}) {
  return renderForEntity(server, <PatternContent />, options);
}

function section(name: string) {
  return within(screen.getByRole('region', { name }));
}

/** Renders the Pattern tab with `readme` as the README.md of v1.2.0, and waits for its heading. */
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

describe('PatternContent', () => {
  it('shows the deprecated Katalog with its latest version and gates', async () => {
    await renderContent();

    expect(
      await screen.findByRole('heading', { name: 'Katalog postgres' }),
    ).toBeInTheDocument();
    expect(requests()).toEqual(
      expect.arrayContaining([
        get(PATTERN_PATH),
        get(`${PATTERN_PATH}/versions`),
      ]),
    );
    expect(screen.getByText('Latest version v1.2.0')).toBeInTheDocument();
    // The header badges carry the detail; the table's compact ones show none.
    const simulate = screen.getAllByRole('status', {
      name: 'Simulate: Verified, 5 assertions, 48s, tested 2 days ago',
    })[0];
    expect(simulate).toHaveTextContent(
      '✓Simulate: Verified5 assertions · 48s · tested 2 days ago',
    );
    const e2e = screen.getAllByRole('status', {
      name: 'e2e: Skipped (forced publish), tested 3 days ago',
    })[0];
    expect(e2e).toHaveTextContent('⚠e2e: Skipped');

    const banner = screen.getByRole('note', { name: 'Deprecated' });
    expect(banner).toHaveTextContent('Deprecated: v1.2.0');
    expect(
      within(banner).getByText('Deprecated since 2026-01-15'),
    ).toBeInTheDocument();
    expect(
      within(banner).getByText(/^End of life on 2099-06-30 \(in \d+ days\)$/),
    ).toBeInTheDocument();
    expect(
      within(banner).getByText('Use the v2 operator-based Katalog.'),
    ).toBeInTheDocument();
    expect(banner).toHaveTextContent(
      'Migrate to ghcr.io/acme/katalogs/postgres-v2',
    );
  });

  it('announces a coming deprecation of the latest version', async () => {
    await renderContent({ fixture: withLatest(announcedLatest) });

    const banner = await screen.findByRole('note', {
      name: 'Deprecation announced',
    });
    expect(banner).toHaveTextContent('Deprecation announced: v1.2.0');
    expect(
      within(banner).getByText('Deprecated from 2099-01-01'),
    ).toBeInTheDocument();
    expect(
      within(banner).getByText(/^End of life on 2099-06-30 \(in \d+ days\)$/),
    ).toBeInTheDocument();
    expect(
      within(banner).getByText(
        'Plan the move to the v2 operator-based Katalog.',
      ),
    ).toBeInTheDocument();
    expect(banner).toHaveTextContent(
      'Migrate to ghcr.io/acme/katalogs/postgres-v2',
    );
    expect(
      within(section('Versions').getAllByRole('row')[1]).getByText(
        'Deprecation announced',
      ),
    ).toBeInTheDocument();
  });

  it('shows a latest version past its end of life', async () => {
    await renderContent({ fixture: withLatest(endOfLifeLatest) });

    const banner = await screen.findByRole('note', { name: 'End of life' });
    expect(banner).toHaveTextContent('End of life: v1.2.0');
    expect(
      within(banner).getByText('Deprecated since 2025-01-15'),
    ).toBeInTheDocument();
    expect(
      within(banner).getByText('End of life since 2025-06-30'),
    ).toBeInTheDocument();
    expect(banner).toHaveTextContent(
      'Migrate to ghcr.io/acme/katalogs/postgres-v3',
    );
    expect(screen.queryByRole('note', { name: 'Deprecated' })).toBeNull();
  });

  it('shows no banner when the latest version is not deprecated', async () => {
    await renderContent({
      fixture: withLatest({
        deprecationState: 'none',
        signals: { ...postgres.versions[2].signals },
      }),
    });

    await screen.findByRole('heading', { name: 'Katalog postgres' });
    expect(screen.queryByRole('note')).toBeNull();
    expect(
      screen.getAllByRole('status', {
        name: 'Simulate: No assertions',
      })[0],
    ).toHaveTextContent('○Simulate: No assertions');
  });

  it('shows the import snippet for a Komposer', async () => {
    await renderContent();

    await screen.findByRole('heading', { name: 'Katalog postgres' });
    const imports = section('Import');
    expect(imports.getByText('Add to your Komposer:')).toBeInTheDocument();
    expect(
      screen.getByRole('region', { name: 'Import' }).querySelector('code'),
    ).toHaveTextContent(
      'imports: registry: - oci://ghcr.io/acme/katalogs/postgres:v1.2.0',
    );
  });

  it('lists the versions newest first with their signals', async () => {
    await renderContent();

    await screen.findByRole('heading', { name: 'Katalog postgres' });
    const rows = section('Versions').getAllByRole('row').slice(1);
    expect(
      rows.map(r => within(r).getAllByRole('rowheader')[0].textContent),
    ).toEqual(['v1.2.0', 'v1.1.0', 'v1.0.0']);
    const latest = within(rows[0]);
    expect(latest.getByText('v1.2.0, latest')).toBeInTheDocument();
    expect(latest.getByText('2026-02-01')).toBeInTheDocument();
    expect(
      latest.getByRole('status', {
        name: 'Simulate: Verified, 5 assertions, 48s, tested 2 days ago',
      }),
    ).toHaveTextContent(/^✓Simulate: Verified$/);
    expect(
      latest.getByRole('status', {
        name: 'e2e: Skipped (forced publish), tested 3 days ago',
      }),
    ).toHaveTextContent(/^⚠e2e: Skipped$/);
    expect(
      latest.getByRole('status', { name: 'Policy: Warn' }),
    ).toBeInTheDocument();
    expect(latest.getByText('Deprecated')).toBeInTheDocument();
    expect(
      within(rows[1]).getByRole('status', { name: 'Simulate: No assertions' }),
    ).toBeInTheDocument();
    expect(
      within(rows[1]).getByRole('status', {
        name: 'e2e: Verified, 2 assertions, 41s',
      }),
    ).toBeInTheDocument();
    expect(
      within(rows[2]).getByRole('status', { name: 'Simulate: Failed' }),
    ).toBeInTheDocument();
    expect(
      within(rows[2]).getByRole('status', { name: 'e2e: Not verified' }),
    ).toBeInTheDocument();
    expect(
      within(rows[2]).getByRole('status', { name: 'Policy: Fail' }),
    ).toBeInTheDocument();
    expect(within(rows[2]).getByText('Not deprecated')).toBeInTheDocument();
  });

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

    await screen.findByRole('heading', { name: 'Katalog postgres' });
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

  it('shows the upgrade path with CRD changes and the migration target', async () => {
    await renderContent();

    const path = await screen.findByRole('list', {
      name: 'Upgrade path from v1.0.0',
    });
    expect(requests()).toContainEqual(
      get(`${PATTERN_PATH}/versions/v1.0.0/upgrade-path`),
    );
    const steps = within(path).getAllByRole('listitem', { name: /^v1\./ });
    expect(steps).toHaveLength(2);
    expect(within(steps[0]).getByText('v1.1.0')).toBeInTheDocument();
    expect(
      within(steps[0]).getByText(
        'postgresclusters.db.acme.io: adds version v1beta2',
      ),
    ).toBeInTheDocument();
    expect(
      within(steps[1]).getByText(
        'postgresclusters.db.acme.io: removes version v1beta1 (breaking)',
      ),
    ).toBeInTheDocument();
    expect(
      within(steps[1]).getByText('Adds CRD postgresbackups.db.acme.io'),
    ).toBeInTheDocument();
    expect(
      within(steps[1]).getByRole('status', {
        name: 'e2e: Skipped (forced publish)',
      }),
    ).toBeInTheDocument();

    await userEvent.selectOptions(
      screen.getByRole('combobox', { name: 'From version' }),
      'v1.2.0',
    );
    expect(
      await screen.findByText('v1.2.0 is the latest version.'),
    ).toBeInTheDocument();
    expect(
      section('Upgrade path').getByText(/^v1\.2\.0 is deprecated: migrate to/),
    ).toHaveTextContent(
      'v1.2.0 is deprecated: migrate to ghcr.io/acme/katalogs/postgres-v2',
    );
    expect(requests().at(-1)).toEqual(
      get(`${PATTERN_PATH}/versions/v1.2.0/upgrade-path`),
    );
  });

  it('marks imports and dependents that are behind the latest version', async () => {
    await renderContent();

    const dependents = await screen.findByRole('region', {
      name: 'Dependents',
    });
    expect(requests()).toEqual(
      expect.arrayContaining([
        get(`${PATTERN_PATH}/dependencies`, { version: 'v1.2.0' }),
        get(`${PATTERN_PATH}/dependents`),
      ]),
    );
    expect(
      within(dependents).getByText(
        '1 of 2 dependents import an older version than the latest.',
      ),
    ).toBeInTheDocument();
    const platform = within(
      within(dependents)
        .getByText('platform')
        .closest('[role="row"]') as HTMLElement,
    );
    expect(platform.getByText('Behind latest')).toBeInTheDocument();
    expect(platform.getByText('v1.0.0')).toBeInTheDocument();
    const shop = within(
      within(dependents)
        .getByText('shop')
        .closest('[role="row"]') as HTMLElement,
    );
    expect(shop.getByText('Up to date')).toBeInTheDocument();

    const imports = section('Imports of v1.2.0');
    expect(
      imports.getByText('oci://ghcr.io/acme/motifs/backup:v0.3.0'),
    ).toBeInTheDocument();
    expect(imports.getByText('Behind latest (v0.5.0)')).toBeInTheDocument();
  });

  it('shows the policy status with its reasons', async () => {
    await renderContent();

    const policy = await screen.findByRole('region', {
      name: 'Policy of v1.2.0',
    });
    await waitFor(() =>
      expect(within(policy).getAllByRole('listitem')).toHaveLength(1),
    );
    expect(requests()).toContainEqual(
      get(`${PATTERN_PATH}/versions/v1.2.0/policy`),
    );
    expect(within(policy).getByRole('listitem')).toHaveTextContent(
      '⚠Policy: Warn Deprecation: Deprecated: end of life on 2099-06-30. Migrate to ghcr.io/acme/katalogs/postgres-v2.',
    );
  });

  it('shows a failing policy with every reason', async () => {
    await renderContent({ fixture: withLatest({ policy: failingPolicy }) });

    const policy = await screen.findByRole('region', {
      name: 'Policy of v1.2.0',
    });
    const reasons = await within(policy).findByRole('list', {
      name: 'Policy reasons',
    });
    expect(within(policy).getAllByRole('status')[0]).toHaveAccessibleName(
      'Policy: Fail',
    );
    expect(
      within(reasons)
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual([
      '✗Policy: Fail Required gates: Required gate e2e was skipped (forced publish)',
      '✗Policy: Fail Minimum maturity: Maturity alpha is below the minimum beta',
    ]);
    expect(
      within(section('Versions').getAllByRole('row')[1]).getByRole('status', {
        name: 'Policy: Fail',
      }),
    ).toBeInTheDocument();
  });

  it('shows the import snippet of a Motif', async () => {
    await renderContent({
      fixture: {
        ...postgres,
        pattern: {
          ...pattern,
          kind: 'Motif',
          name: 'backup',
          reference: 'ghcr.io/acme/motifs/backup',
        },
      },
    });

    await screen.findByRole('heading', { name: 'Motif backup' });
    expect(
      section('Import').getByText('Add to spec.crds.<name> of your Katalog:'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('region', { name: 'Import' }).querySelector('code'),
    ).toHaveTextContent(
      'imports: - motif: oci://ghcr.io/acme/motifs/backup:v1.2.0',
    );
  });

  it('shows progress while the pattern loads', async () => {
    const answer = latch();
    await renderContent({
      handlers: [
        http.get(orkestraUrl('/patterns/:id'), async () => {
          await answer.wait;
          return HttpResponse.json(pattern);
        }),
      ],
    });

    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
    expect(
      screen.queryByRole('heading', { name: 'Katalog postgres' }),
    ).toBeNull();

    answer.release();
    expect(
      await screen.findByRole('heading', { name: 'Katalog postgres' }),
    ).toBeInTheDocument();
  });

  it.each([
    ['Files of v1.2.0', '/patterns/:id/versions/:version/files', '2.0 KiB'],
    [
      'Upgrade path',
      '/patterns/:id/versions/:version/upgrade-path',
      'Adds CRD postgresbackups.db.acme.io',
    ],
    ['Dependencies', '/patterns/:id/dependents', 'Behind latest (v0.5.0)'],
    [
      'Policy of v1.2.0',
      '/patterns/:id/versions/:version/policy',
      /Migrate to ghcr\.io\/acme\/katalogs\/postgres-v2\.$/,
    ],
  ])('shows progress in %s while it loads', async (name, route, loaded) => {
    const answer = latch();
    await renderContent({
      handlers: [
        http.get(orkestraUrl(route), async () => {
          await answer.wait;
          return undefined; // on to the fixture's answer
        }),
      ],
    });

    await screen.findByRole('heading', { name: 'Katalog postgres' });
    expect(await section(name).findByRole('progressbar')).toBeInTheDocument();
    expect(screen.queryByText(loaded)).toBeNull();

    answer.release();
    expect(await screen.findByText(loaded)).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('progressbar')).toBeNull());
  });

  it('shows the error when the pattern cannot be loaded', async () => {
    await renderContent({
      handlers: [
        http.get(orkestraUrl('/patterns/:id'), () =>
          errorResponse(404, 'no such pattern', 'NotFoundError'),
        ),
      ],
    });

    expect(
      await screen.findByText(
        'Request failed with 404 Not Found: no such pattern',
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent(
      `Could not load the pattern ${PATTERN_ID}`,
    );
  });

  it('shows the error of a failing section without hiding the rest', async () => {
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
    expect(
      within(screen.getByRole('region', { name: 'Files of v1.2.0' })).getByRole(
        'alert',
      ),
    ).toHaveTextContent('Could not load the files');
    expect(screen.getByText('Latest version v1.2.0')).toBeInTheDocument();
  });

  it.each([
    [
      'Upgrade path',
      '/patterns/:id/versions/:version/upgrade-path',
      'Could not load the upgrade path of v1.0.0',
    ],
    [
      'Dependencies',
      '/patterns/:id/dependencies',
      'Could not load the dependencies',
    ],
    [
      'Policy of v1.2.0',
      '/patterns/:id/versions/:version/policy',
      'Could not load the policy status',
    ],
  ])('shows the error in %s', async (name, route, title) => {
    await renderContent({
      handlers: [
        http.get(orkestraUrl(route), () =>
          errorResponse(503, 'database unavailable'),
        ),
      ],
    });

    const region = await screen.findByRole('region', { name });
    const alert = await within(region).findByRole('alert');
    expect(alert).toHaveTextContent(title);
    expect(alert).toHaveTextContent(
      'Request failed with 503 Service Unavailable: database unavailable',
    );
    expect(screen.getAllByRole('alert')).toHaveLength(1);
    expect(screen.getByText('Latest version v1.2.0')).toBeInTheDocument();
  });

  it('shows empty states for a version without files, imports or dependents', async () => {
    await renderContent({
      fixture: { ...postgres, files: [], dependencies: [], dependents: [] },
    });

    const files = await screen.findByRole('region', {
      name: 'Files of v1.2.0',
    });
    expect(
      await within(files).findByText('v1.2.0 has no files'),
    ).toBeInTheDocument();
    const imports = await screen.findByRole('region', {
      name: 'Imports of v1.2.0',
    });
    expect(
      within(imports).getByText('Imports no other pattern.'),
    ).toBeInTheDocument();
    expect(
      section('Dependents').getByText('No known pattern imports this one.'),
    ).toBeInTheDocument();
    expect(
      section('Dependents').queryByText(/dependents import an older version/),
    ).toBeNull();
  });

  it('shows empty states for a pattern without versions', async () => {
    await renderContent({
      fixture: {
        ...postgres,
        pattern: { ...pattern, latest: undefined, versionCount: 0 },
        versions: [],
      },
    });

    expect(
      await screen.findByText('No version published yet'),
    ).toBeInTheDocument();
    expect(screen.getByText('No versions published yet')).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Import' })).toBeNull();
    expect(screen.queryByRole('region', { name: 'Upgrade path' })).toBeNull();
    expect(requests()).toEqual([
      get(PATTERN_PATH),
      get(`${PATTERN_PATH}/versions`),
    ]);
  });

  it('explains a missing pattern id annotation', async () => {
    await renderContent({
      entity: { ...katalogEntity, metadata: { name: 'katalog-postgres' } },
    });

    expect(
      await screen.findByText('No Orkestra pattern id'),
    ).toBeInTheDocument();
    expect(screen.getByText('orkestra.sh/pattern-id')).toBeInTheDocument();
    expect(requests()).toEqual([]);
  });
});
