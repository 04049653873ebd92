import { screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  OrkestraApi,
  OrkestraItems,
  SourceStatus,
} from '@internal/backstage-plugin-orkestra-common';
import { orkestraApiRef } from '../../api';
import { OrkestraPage } from './OrkestraPage';

function renderWithApi(listSources: OrkestraApi['listSources']) {
  const unused = () => Promise.reject(new Error('not used by this page'));
  const api: OrkestraApi = {
    listSources,
    listPatterns: unused,
    getPattern: unused,
    listVersions: unused,
    getVersion: unused,
    listFiles: unused,
    getFileText: unused,
    listDependencies: unused,
    listDependents: unused,
    getUpgradePath: unused,
    getPolicy: unused,
    listSyncRuns: unused,
    resync: unused,
  };
  return renderInTestApp(<OrkestraPage />, {
    apis: [[orkestraApiRef, api]],
  });
}

async function findRow(id: string) {
  const row = (await screen.findByText(id)).closest('[role="row"]');
  if (!(row instanceof HTMLElement)) {
    throw new Error(`no table row holds ${id}`);
  }
  return within(row);
}

const twoSources: OrkestraItems<SourceStatus> = {
  items: [
    {
      id: 'acme-registry',
      type: 'registry',
      target: 'ghcr.io/acme/patterns',
      discovery: { type: 'list', repositories: ['katalogs/web', 'motifs/db'] },
      hasCredentials: true,
      registry: 'ghcr.io',
    },
    {
      id: 'examples',
      type: 'layout',
      target: '.demo/registry',
      discovery: { type: 'index' },
      hasCredentials: false,
      registry: 'oci.orkestra.example',
    },
  ],
};

describe('OrkestraPage', () => {
  it('lists the configured sources under an explanation of patterns', async () => {
    await renderWithApi(async () => twoSources);

    const registry = await findRow('acme-registry');
    expect(registry.getByText('registry')).toBeInTheDocument();
    expect(registry.getByText('ghcr.io/acme/patterns')).toBeInTheDocument();
    expect(registry.getByText('list of 2 repositories')).toBeInTheDocument();
    expect(registry.getByText('configured')).toBeInTheDocument();

    const layout = await findRow('examples');
    expect(layout.getByText('layout')).toBeInTheDocument();
    expect(layout.getByText('.demo/registry')).toBeInTheDocument();
    expect(layout.getByText('index artifact')).toBeInTheDocument();
    expect(layout.getByText('none')).toBeInTheDocument();

    expect(
      screen.getByRole('heading', { name: 'Orkestra patterns' }),
    ).toBeInTheDocument();
    for (const column of ['ID', 'Type', 'Target', 'Discovery', 'Credentials']) {
      expect(
        screen.getByRole('columnheader', { name: column }),
      ).toBeInTheDocument();
    }
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('shows progress while the sources load', async () => {
    await renderWithApi(() => new Promise(() => {}));

    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
    expect(screen.queryAllByRole('row')).toHaveLength(0);
  });

  it('shows the error message when the sources cannot be loaded', async () => {
    await renderWithApi(() =>
      Promise.reject(
        new Error('Orkestra API request failed with 403 Forbidden: denied'),
      ),
    );

    expect(
      await screen.findByText(
        'Orkestra API request failed with 403 Forbidden: denied',
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Could not load the pattern sources',
    );
    expect(screen.queryAllByRole('row')).toHaveLength(0);
  });

  it('tells the admin to configure sources when there are none', async () => {
    await renderWithApi(async () => ({ items: [] }));

    expect(
      await screen.findByText('No pattern sources configured'),
    ).toBeInTheDocument();
    expect(screen.getByText('orkestra.sources')).toBeInTheDocument();
    expect(screen.getByText('app-config.yaml')).toBeInTheDocument();
    expect(screen.queryAllByRole('row')).toHaveLength(0);
  });
});
