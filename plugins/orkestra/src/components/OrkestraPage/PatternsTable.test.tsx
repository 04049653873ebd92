import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  errorResponse,
  setupOrkestraServer,
} from '../../__testUtils__/orkestraServer';
import {
  cellTexts,
  currentQuery,
  findRow,
  hoursAgo,
  listing,
  renderHealthPage,
  summary,
} from '../../__testUtils__/healthPage';

// The whole page renders, with a dozen selects: slow on a shared machine.
jest.setTimeout(30_000);

const { server } = setupOrkestraServer();

const motif = summary('db', {
  kind: 'Motif',
  repository: 'acme/motifs/db',
  latest: {
    version: 'v1.1.0',
    digest: 'sha256:m',
    created: hoursAgo(50),
    simulate: 'absent',
    e2e: 'absent',
    deprecated: false,
    deprecationState: 'none',
    policyStatus: 'pass',
  },
});

const importer = summary('web', {
  latest: {
    version: 'v2.0.0',
    digest: 'sha256:w',
    created: '2026-01-15T10:00:00Z',
    simulate: 'absent',
    e2e: 'skipped',
    deprecated: false,
    deprecationState: 'announced',
    policyStatus: 'warn',
  },
  versionCount: 12,
  deprecatedImports: [
    {
      reference: 'ghcr.io/acme/katalogs/queue:1.0.0',
      patternId: 'acme-registry:acme/katalogs/queue',
      version: '1.0.0',
      state: 'deprecated',
      migrateTo: 'ghcr.io/acme/katalogs/queue-v2',
    },
  ],
});

const broken = summary('paging-katalog-with-a-very-long-name-for-the-table', {
  syncProblem: {
    source: 'acme-registry',
    repository:
      'acme/katalogs/paging-katalog-with-a-very-long-name-for-the-table',
    at: hoursAgo(1),
    code: 'MANIFEST_INVALID',
    message: 'index.json is not valid JSON',
  },
});

function chip(row: HTMLElement, name: string | RegExp): HTMLElement {
  return within(row).getByRole('status', { name });
}

describe('OrkestraPage patterns table', () => {
  it('shows every signal as colour, icon and words, with Last pushed from the manifest', async () => {
    await renderHealthPage(server, {
      backend: { table: () => listing([importer]) },
    });

    const table = await screen.findByRole('grid', { name: 'Patterns' });
    const row = await findRow('web');
    const cells = cellTexts(row);
    expect(cells.slice(0, 2)).toEqual([
      'webKatalog · acme/katalogs/web',
      'v2.0.0',
    ]);
    expect(cells.slice(2, 6)).toEqual([
      '–Not verified',
      '⚠Skipped',
      'ℹDeprecation announced',
      '⚠Warn⚠Imports deprecated',
    ]);
    expect(cells.slice(6, 8)).toEqual(['platform', '12']);
    expect(cells[8]).toMatch(/^\d+ (days|months?) ago2026-01-15$/);

    expect(chip(row, 'E2E: Skipped (forced publish)')).toHaveAttribute(
      'data-tone',
      'warning',
    );
    expect(chip(row, 'Simulate: Not verified')).toHaveAttribute(
      'data-tone',
      'neutral',
    );
    expect(chip(row, 'Policy: Warn')).toHaveAttribute('data-tone', 'warning');
    expect(chip(row, 'Deprecation: Deprecation announced')).toHaveAttribute(
      'data-tone',
      'info',
    );
    expect(within(row).getByRole('link', { name: 'web' })).toHaveAttribute(
      'href',
      '/catalog/default/component/acme-katalogs-web',
    );
    for (const column of [
      'Name',
      'Latest',
      'Simulate',
      'E2E',
      'Lifecycle',
      'Policy',
      'Owner',
      'Versions',
      'Last pushed',
    ]) {
      expect(
        within(table).getByRole('columnheader', { name: column }),
      ).toBeInTheDocument();
    }
    expect(
      within(table).queryByRole('columnheader', { name: 'Updated' }),
    ).not.toBeInTheDocument();
  });

  it('names the deprecated import in the Policy cell', async () => {
    await renderHealthPage(server, {
      backend: { table: () => listing([importer]) },
    });

    const mark = chip(await findRow('web'), /^Imports deprecated/);
    expect(mark).toHaveAccessibleName(
      'Imports deprecated: ghcr.io/acme/katalogs/queue:1.0.0 (Deprecated, migrate to ghcr.io/acme/katalogs/queue-v2)',
    );
    expect(mark).toHaveAttribute(
      'title',
      'ghcr.io/acme/katalogs/queue:1.0.0 (Deprecated, migrate to ghcr.io/acme/katalogs/queue-v2)',
    );
  });

  it('shows a Motif’s gates as not applicable', async () => {
    await renderHealthPage(server, {
      backend: { table: () => listing([motif, summary('queue')]) },
    });

    const row = await findRow('db');
    expect(cellTexts(row).slice(0, 4)).toEqual([
      'dbMotif · acme/motifs/db',
      'v1.1.0',
      '–Not applicable',
      '–Not applicable',
    ]);
    expect(chip(row, 'Simulate: Not applicable')).toHaveAttribute(
      'data-status',
      'not-applicable',
    );
    expect(chip(row, 'E2E: Not applicable')).toBeInTheDocument();
    expect(within(row).queryByText('Not verified')).not.toBeInTheDocument();
    // A Katalog that never ran e2e is not verified, never "not applicable".
    expect(
      chip(await findRow('queue'), 'E2E: Not verified'),
    ).toBeInTheDocument();
  });

  it('keeps a long name whole, and marks a pattern whose repository failed to sync', async () => {
    await renderHealthPage(server, {
      backend: { table: () => listing([broken]) },
    });

    const name = broken.name;
    const link = await screen.findByRole('link', { name });
    expect(link).toHaveTextContent(name);
    expect(link).toHaveAttribute('title', name);
    const row = await findRow(name);
    const mark = row.querySelector('[data-status="sync-failing"]');
    expect(mark).toHaveAttribute(
      'title',
      'Sync failed: MANIFEST_INVALID: index.json is not valid JSON',
    );
    expect(
      within(row).getByText(
        'Sync failed: MANIFEST_INVALID: index.json is not valid JSON',
      ),
    ).toBeInTheDocument();
  });

  it('says when no pattern matches the filters', async () => {
    await renderHealthPage(server, { url: '/?forced=true' });

    expect(
      await screen.findByText('No patterns match these filters'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Clear the filters or the search to see every pattern.'),
    ).toBeInTheDocument();
  });

  it('says when there are no patterns at all', async () => {
    await renderHealthPage(server);

    expect(await screen.findByText('No patterns yet')).toBeInTheDocument();
    expect(screen.queryByRole('grid', { name: 'Patterns' })).toBeNull();
  });

  it('shows the error message when the patterns cannot be loaded', async () => {
    await renderHealthPage(server, {
      backend: {
        table: () => errorResponse(403, 'denied', 'NotAllowedError'),
      },
    });

    expect(
      await screen.findByText('Error: Could not load the patterns'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Request failed with 403 Forbidden: denied'),
    ).toBeInTheDocument();
  });

  it('shows the default owner of a portal without ownership config', async () => {
    await renderHealthPage(server, {
      backend: {
        table: () => listing([summary('fresh', { owner: 'unknown' })]),
      },
    });

    expect(cellTexts(await findRow('fresh'))).toContain('unknown');
  });

  it('offers the first page when the URL points past the last one', async () => {
    await renderHealthPage(server, {
      url: '/?sort=name&page=9',
      backend: {
        table: query =>
          query.offset ? listing([], 3) : listing([summary('first')], 1),
      },
    });

    expect(await screen.findByText('There is no page 9')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'First page' }));
    expect(await findRow('first')).toBeInTheDocument();
    expect(currentQuery()).toEqual({ sort: 'name' });
  });
});
