import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { Entity } from '@backstage/catalog-model';
import { OrkestraApi } from '@internal/backstage-plugin-orkestra-common';
import { orkestraApiRef } from '../../api';
import { PatternContent } from './PatternContent';
import {
  katalogEntity,
  mockOrkestraApi,
  PATTERN_ID,
  pattern,
  postgresApi,
} from './testData';

function renderContent(api: OrkestraApi, entity: Entity = katalogEntity) {
  return renderInTestApp(
    <EntityProvider entity={entity}>
      <PatternContent />
    </EntityProvider>,
    { apis: [[orkestraApiRef, api]] },
  );
}

function section(name: string) {
  return within(screen.getByRole('region', { name }));
}

describe('PatternContent', () => {
  it('shows the deprecated Katalog with its latest version and gates', async () => {
    const api = postgresApi();
    await renderContent(api);

    expect(
      await screen.findByRole('heading', { name: 'Katalog postgres' }),
    ).toBeInTheDocument();
    expect(api.getPattern).toHaveBeenCalledWith(PATTERN_ID);
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
    expect(e2e).toHaveTextContent('⚠e2e: Forced / skipped');

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

  it('shows the import snippet for a Komposer', async () => {
    await renderContent(postgresApi());

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
    await renderContent(postgresApi());

    await screen.findByRole('heading', { name: 'Katalog postgres' });
    const rows = section('Versions').getAllByRole('row').slice(1);
    expect(
      rows.map(r => within(r).getAllByRole('rowheader')[0].textContent),
    ).toEqual(['v1.2.0', 'v1.1.0', 'v1.0.0']);
    const latest = within(rows[0]);
    expect(latest.getByText('v1.2.0, latest')).toBeInTheDocument();
    expect(latest.getByText('2026-02-01')).toBeInTheDocument();
    expect(
      latest.getByRole('status', { name: 'Policy: Warn' }),
    ).toBeInTheDocument();
    expect(latest.getByText('Deprecated')).toBeInTheDocument();
    expect(
      within(rows[1]).getByRole('status', { name: 'Simulate: No assertions' }),
    ).toBeInTheDocument();
    expect(
      within(rows[2]).getByRole('status', { name: 'Simulate: Failed' }),
    ).toBeInTheDocument();
    expect(
      within(rows[2]).getByRole('status', { name: 'e2e: Not verified' }),
    ).toBeInTheDocument();
    expect(within(rows[2]).getByText('Not deprecated')).toBeInTheDocument();
  });

  it('renders the README and shows YAML files on click', async () => {
    const api = postgresApi();
    await renderContent(api);

    expect(
      await screen.findByRole('heading', { name: 'Postgres Katalog' }),
    ).toBeInTheDocument();
    expect(screen.getByText('managed')).toBeInTheDocument();
    const files = section('Files of v1.2.0');
    expect(files.getByText('2.0 KiB')).toBeInTheDocument();
    expect(files.getByText('sha256:0123456789ab')).toBeInTheDocument();

    await userEvent.click(
      files.getByRole('button', { name: 'Show katalog.yaml' }),
    );
    expect(
      await screen.findByText(
        'The file is too large to show in full; this is its start.',
      ),
    ).toBeInTheDocument();
    expect(api.getFileText).toHaveBeenLastCalledWith(
      PATTERN_ID,
      'v1.2.0',
      'katalog.yaml',
    );
    expect(
      screen.getByRole('heading', { name: 'katalog.yaml' }),
    ).toBeInTheDocument();
  });

  it('shows the upgrade path with CRD changes and the migration target', async () => {
    const api = postgresApi();
    await renderContent(api);

    const path = await screen.findByRole('list', {
      name: 'Upgrade path from v1.0.0',
    });
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
    expect(api.getUpgradePath).toHaveBeenLastCalledWith(PATTERN_ID, 'v1.2.0');
  });

  it('marks imports and dependents that are behind the latest version', async () => {
    await renderContent(postgresApi());

    const dependents = await screen.findByRole('region', {
      name: 'Dependents',
    });
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
    await renderContent(postgresApi());

    const policy = await screen.findByRole('region', {
      name: 'Policy of v1.2.0',
    });
    await waitFor(() =>
      expect(within(policy).getAllByRole('listitem')).toHaveLength(1),
    );
    expect(within(policy).getByRole('listitem')).toHaveTextContent(
      '⚠Policy: Warn Deprecation: Deprecated: end of life on 2099-06-30. Migrate to ghcr.io/acme/katalogs/postgres-v2.',
    );
  });

  it('shows the import snippet of a Motif', async () => {
    await renderContent(
      postgresApi({
        getPattern: async () => ({
          ...pattern,
          kind: 'Motif',
          name: 'backup',
          reference: 'ghcr.io/acme/motifs/backup',
        }),
      }),
    );

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
    await renderContent(
      mockOrkestraApi({
        getPattern: () => new Promise(() => {}),
        listVersions: () => new Promise(() => {}),
      }),
    );

    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
    expect(
      screen.queryByRole('heading', { name: 'Katalog postgres' }),
    ).toBeNull();
  });

  it('shows the error when the pattern cannot be loaded', async () => {
    await renderContent(
      mockOrkestraApi({
        getPattern: () =>
          Promise.reject(
            new Error(
              'Orkestra API request failed with 404 Not Found: no such pattern',
            ),
          ),
        listVersions: async () => ({ items: [] }),
      }),
    );

    expect(
      await screen.findByText(
        'Orkestra API request failed with 404 Not Found: no such pattern',
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent(
      `Could not load the pattern ${PATTERN_ID}`,
    );
  });

  it('shows the error of a failing section without hiding the rest', async () => {
    await renderContent(
      postgresApi({
        listFiles: () => Promise.reject(new Error('blob store unavailable')),
      }),
    );

    expect(
      await screen.findByText('blob store unavailable'),
    ).toBeInTheDocument();
    expect(
      within(screen.getByRole('region', { name: 'Files of v1.2.0' })).getByRole(
        'alert',
      ),
    ).toHaveTextContent('Could not load the files');
    expect(screen.getByText('Latest version v1.2.0')).toBeInTheDocument();
  });

  it('shows empty states for a pattern without versions', async () => {
    await renderContent(
      mockOrkestraApi({
        getPattern: async () => ({
          ...pattern,
          latest: undefined,
          versionCount: 0,
        }),
        listVersions: async () => ({ items: [] }),
      }),
    );

    expect(
      await screen.findByText('No version published yet'),
    ).toBeInTheDocument();
    expect(screen.getByText('No versions published yet')).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Import' })).toBeNull();
  });

  it('explains a missing pattern id annotation', async () => {
    await renderContent(mockOrkestraApi(), {
      ...katalogEntity,
      metadata: { name: 'katalog-postgres' },
    });

    expect(
      await screen.findByText('No Orkestra pattern id'),
    ).toBeInTheDocument();
    expect(screen.getByText('orkestra.sh/pattern-id')).toBeInTheDocument();
  });
});
