import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen, within } from '@testing-library/react';
import { dependencies, pattern, postgres } from '../../__testUtils__/testData';
import { get, setupOrkestraServer } from '../../__testUtils__/orkestraServer';
import { POSTGRES_PATH } from '../../__testUtils__/renderForEntity';
import { renderPatternContent } from '../../__testUtils__/renderPatternContent';
import {
  motifsBehind,
  nextMinorVersion,
  prefilledTemplateUrl,
} from './followUpgrade';

const { server, requests } = setupOrkestraServer();

/** The path and the parsed `formData` of a link to a template. */
function templateLink(link: HTMLElement) {
  const url = new URL(link.getAttribute('href')!, 'http://localhost');
  return {
    path: url.pathname,
    formData: JSON.parse(url.searchParams.get('formData')!),
  };
}

const PREFILLED = {
  path: '/create/templates/default/orkestra-follow-motif-upgrade',
  formData: {
    katalog: 'component:default/katalog-postgres',
    version: 'v1.3.0',
  },
};

describe('Follow upgrade', () => {
  it.each(['overview', 'upgrade', 'dependencies'])(
    'opens the Follow a motif upgrade template prefilled, from the %s sub-tab',
    async tab => {
      await renderPatternContent(server, { tab });

      const upgrades = await screen.findByRole('group', {
        name: 'Motif upgrades',
      });
      expect(upgrades).toHaveTextContent('1 Motif import is behind in v1.2.0');
      expect(
        within(upgrades).getByText(
          'ghcr.io/acme/motifs/backup v0.3.0 → v0.5.0',
        ),
      ).toBeInTheDocument();
      const link = within(upgrades).getByRole('link', {
        name: 'Follow upgrade',
      });
      expect(templateLink(link)).toEqual(PREFILLED);
      expect(requests()).toContainEqual(
        get(`${POSTGRES_PATH}/dependencies`, { version: 'v1.2.0' }),
      );
    },
  );

  it('is not offered when every Motif import is up to date', async () => {
    await renderPatternContent(server, {
      tab: 'dependencies',
      fixture: {
        ...postgres,
        dependencies: [
          { ...dependencies[0], behindLatest: false, latestVersion: 'v0.3.0' },
          // Behind, but a Katalog import: the template moves Motifs only.
          {
            type: 'registry',
            raw: 'oci://ghcr.io/acme/katalogs/redis:v1.0.0',
            reference: 'ghcr.io/acme/katalogs/redis',
            tag: 'v1.0.0',
            patternId: 'acme:katalogs/redis',
            behindLatest: true,
            latestVersion: 'v2.0.0',
            allowed: true,
          },
        ],
      },
    });

    // The imports table and the upgrades come from the same answer.
    expect(await screen.findByText('redis')).toBeInTheDocument();
    expect(screen.queryByRole('group', { name: 'Motif upgrades' })).toBeNull();
    expect(screen.queryByRole('link', { name: 'Follow upgrade' })).toBeNull();
  });

  it('is not offered on a Motif', async () => {
    await renderPatternContent(server, {
      tab: 'upgrade',
      fixture: { ...postgres, pattern: { ...pattern, kind: 'Motif' } },
    });

    await screen.findByRole('region', { name: 'Upgrade path' });
    expect(screen.queryByRole('link', { name: 'Follow upgrade' })).toBeNull();
    expect(requests()).not.toContainEqual(
      get(`${POSTGRES_PATH}/dependencies`, { version: 'v1.2.0' }),
    );
  });

  it('names the imports that are behind without a link in an app without templates', async () => {
    await renderPatternContent(server, {
      tab: 'dependencies',
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });

    const upgrades = await screen.findByRole('group', {
      name: 'Motif upgrades',
    });
    expect(upgrades).toHaveTextContent('1 Motif import is behind in v1.2.0');
    expect(screen.queryByRole('link', { name: 'Follow upgrade' })).toBeNull();
  });
});

describe('nextMinorVersion', () => {
  it.each([
    ['v1.2.3', 'v1.3.0'],
    ['2.0.0', '2.1.0'],
    ['v1.4.0-rc.1', 'v1.5.0'],
    ['v3', 'v3.1.0'],
    ['latest', undefined],
  ])('%s → %s', (version, next) => {
    expect(nextMinorVersion(version)).toBe(next);
  });
});

describe('prefilledTemplateUrl', () => {
  it('puts the form data in the formData query parameter as JSON', () => {
    const url = prefilledTemplateUrl('/create/templates/default/t', {
      katalog: 'component:default/a&b',
      version: 'v1.1.0',
    });

    expect(url).toBe(
      '/create/templates/default/t?formData=%7B%22katalog%22%3A%22component%3Adefault%2Fa%26b%22%2C%22version%22%3A%22v1.1.0%22%7D',
    );
  });
});

describe('motifsBehind', () => {
  it('keeps the Motif imports a newer version exists for', () => {
    const upToDate = { ...dependencies[0], behindLatest: false };
    const katalog = { ...dependencies[0], type: 'registry' as const };

    expect(motifsBehind([dependencies[0], upToDate, katalog])).toEqual([
      dependencies[0],
    ]);
  });
});
