import { screen, waitFor, within } from '@testing-library/react';
import { http } from 'msw';
import { postgres } from '../../__testUtils__/testData';
import {
  errorResponse,
  get,
  latch,
  orkestraUrl,
  setupOrkestraServer,
} from '../../__testUtils__/orkestraServer';
import { POSTGRES_PATH } from '../../__testUtils__/renderForEntity';
import {
  renderPatternContent,
  section,
} from '../../__testUtils__/renderPatternContent';

const { server, requests } = setupOrkestraServer();

const PATTERN_PATH = POSTGRES_PATH;

describe('PatternContent: Dependencies', () => {
  it('marks imports and dependents that are behind the latest version', async () => {
    await renderPatternContent(server, { tab: 'dependencies' });

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

  it('links imports and dependents to their catalog entities', async () => {
    await renderPatternContent(server, { tab: 'dependencies' });

    const imports = await screen.findByRole('region', {
      name: 'Imports of v1.2.0',
    });
    expect(
      await within(imports).findByRole('link', { name: 'backup' }),
    ).toHaveAttribute('href', '/catalog/default/component/motifs-backup');
    const dependents = section('Dependents');
    expect(dependents.getByRole('link', { name: 'platform' })).toHaveAttribute(
      'href',
      '/catalog/default/component/katalogs-platform',
    );
    expect(dependents.getByRole('link', { name: 'shop' })).toHaveAttribute(
      'href',
      '/catalog/default/component/katalogs-shop',
    );
  });

  it('leaves an import the portal does not know unlinked', async () => {
    await renderPatternContent(server, {
      tab: 'dependencies',
      fixture: {
        ...postgres,
        dependencies: [
          {
            type: 'registry',
            raw: 'oci://quay.io/other/katalogs/redis:v1.0.0',
            reference: 'quay.io/other/katalogs/redis',
            tag: 'v1.0.0',
            allowed: false,
          },
        ],
      },
    });

    const imports = await screen.findByRole('region', {
      name: 'Imports of v1.2.0',
    });
    expect(await within(imports).findByText('redis')).toBeInTheDocument();
    expect(within(imports).queryByRole('link')).toBeNull();
    expect(
      within(imports).getByText(
        'oci://quay.io/other/katalogs/redis:v1.0.0 · not allowed by policy',
      ),
    ).toBeInTheDocument();
    expect(within(imports).getByText('—')).toBeInTheDocument();
  });

  it('shows progress while the dependencies load', async () => {
    const answer = latch();
    await renderPatternContent(server, {
      tab: 'dependencies',
      handlers: [
        http.get(orkestraUrl('/patterns/:id/dependents'), async () => {
          await answer.wait;
          return undefined; // on to the fixture's answer
        }),
      ],
    });

    const dependencies = await screen.findByRole('region', {
      name: 'Dependencies',
    });
    expect(
      await within(dependencies).findByRole('progressbar'),
    ).toBeInTheDocument();

    answer.release();
    expect(
      await screen.findByText('Behind latest (v0.5.0)'),
    ).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('progressbar')).toBeNull());
  });

  it('shows the error of the dependencies', async () => {
    await renderPatternContent(server, {
      tab: 'dependencies',
      handlers: [
        http.get(orkestraUrl('/patterns/:id/dependencies'), () =>
          errorResponse(503, 'database unavailable'),
        ),
      ],
    });

    const dependencies = await screen.findByRole('region', {
      name: 'Dependencies',
    });
    const alert = await within(dependencies).findByRole('alert');
    expect(alert).toHaveTextContent('Could not load the dependencies');
    expect(alert).toHaveTextContent(
      'Request failed with 503 Service Unavailable: database unavailable',
    );
  });

  it('says when the version imports nothing and nothing imports it', async () => {
    await renderPatternContent(server, {
      tab: 'dependencies',
      fixture: { ...postgres, dependencies: [], dependents: [] },
    });

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
    expect(screen.queryByRole('link', { name: 'Follow upgrade' })).toBeNull();
  });
});
