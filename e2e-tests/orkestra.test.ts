import { expect, test } from '@playwright/test';
import {
  BACKEND,
  guestHeaders,
  openWebappOperator,
  signInAsGuest,
  snap,
} from './helpers';

test('the Orkestra page opens from the sidebar and lists the configured sources', async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.getByRole('link', { name: 'Orkestra', exact: true }).click();
  await expect(page).toHaveURL(/\/orkestra$/);

  await expect(
    page.getByRole('heading', { name: 'Pattern sources' }),
  ).toBeVisible();
  // The bundled example source from app-config.yaml, served by the real backend.
  const row = page.getByRole('row', { name: /examples/ });
  await expect(row).toBeVisible();
  await expect(row).toContainText('layout');
  await expect(row).toContainText('none');
});

test('the backend serves the bundled example patterns with their signals', async ({
  request,
}) => {
  const headers = await guestHeaders(request);

  // The first sync runs a few seconds after start; wait for it. Publishing from
  // the demo may have added patterns to the .demo/ copy, so look for the examples.
  await expect
    .poll(
      async () => {
        const response = await request.get(
          `${BACKEND}/api/orkestra/patterns?q=operator&limit=50`,
          { headers },
        );
        return (await response.json()).items
          ?.map((p: { name: string }) => p.name)
          .sort();
      },
      { timeout: 60_000 },
    )
    .toEqual(
      expect.arrayContaining([
        'cache-operator',
        'legacy-queue-operator',
        'postgres-operator',
        'webapp-operator',
      ]),
    );
  const patterns = await (
    await request.get(
      `${BACKEND}/api/orkestra/patterns?kind=Katalog&limit=50`,
      { headers },
    )
  ).json();
  const webapp = patterns.items.find(
    (p: { name: string }) => p.name === 'webapp-operator',
  );
  expect(webapp.latest).toMatchObject({
    version: 'v2.0.0',
    simulate: 'passed',
    e2e: 'passed',
  });
});

test('the example patterns are catalog entities with owners and dependencies', async ({
  page,
}) => {
  await signInAsGuest(page);
  await openWebappOperator(page);
  await expect(page.getByText('platform-team').first()).toBeVisible();
  await expect(page.getByText('webapp-operator').first()).toBeVisible();
  await expect(page.getByText('production').first()).toBeVisible();
  await snap(page, 'entity-overview');
});

test('the catalog lists the example patterns', async ({ page }) => {
  await signInAsGuest(page);
  await openWebappOperator(page);
  // The guest owns some patterns (its team's), so the catalog opens on "Owned"; ask for all.
  await page.goto('/?filters%5Bkind%5D=component&filters%5Buser%5D=all');
  const table = page.getByRole('table').first();
  for (const name of [
    'webapp-operator',
    'postgres-operator',
    'cache-operator',
    'legacy-queue-operator',
    'platform-stack',
    'web-service',
    'postgres-statefulset',
    'platform-admission',
  ]) {
    await expect(table.getByRole('link', { name, exact: true })).toBeVisible();
  }
  await snap(page, 'catalog', { readme: true });
});

test('a katalog shows its Pattern tab with signals, versions, files and upgrade path, and its overview cards', async ({
  page,
}) => {
  await signInAsGuest(page);
  await openWebappOperator(page);
  await page.getByRole('link', { name: 'Pattern', exact: true }).click();
  await expect(
    page.getByRole('heading', { name: 'Katalog webapp-operator' }),
  ).toBeVisible();
  await expect(page.getByText('Latest version v2.0.0').first()).toBeVisible();
  await expect(page.getByText('Simulate: Verified').first()).toBeVisible();
  await expect(page.getByText('e2e: Verified').first()).toBeVisible();
  await snap(page, 'pattern-tab');
  // The rest is in the Pattern tab's sub-tabs.
  const subTabs = page.getByRole('tablist', { name: 'Pattern sections' });
  await subTabs.getByRole('tab', { name: 'Versions' }).click();
  const versions = page.getByRole('region', { name: 'Versions' });
  for (const version of ['v2.0.0', 'v1.1.0', 'v1.0.0']) {
    await expect(
      versions.getByRole('rowheader', { name: version, exact: true }),
    ).toBeVisible();
  }
  await subTabs.getByRole('tab', { name: 'Files' }).click();
  await expect(
    page.getByRole('heading', { name: 'Files of v2.0.0' }),
  ).toBeVisible();
  await expect(page.getByText('katalog.yaml').first()).toBeVisible();
  await subTabs.getByRole('tab', { name: 'Upgrade' }).click();
  await expect(
    page.getByRole('heading', { name: 'Upgrade path' }),
  ).toBeVisible();
  await subTabs.getByRole('tab', { name: 'Dependencies' }).click();
  await expect(page.getByRole('heading', { name: 'Dependents' })).toBeVisible();

  await page.goto(
    '/catalog/default/component/orkestra-katalogs-webapp-operator',
  );
  await expect(
    page.getByRole('heading', { name: 'Pattern quality' }),
  ).toBeVisible();
  await expect(
    page.getByRole('heading', { name: 'Pattern policy' }),
  ).toBeVisible();
  await snap(page, 'overview-cards');
});

test('a deprecated pattern shows its banner, timeline and migration target', async ({
  page,
}) => {
  await signInAsGuest(page);
  await openWebappOperator(page);
  await page.goto(
    '/catalog/default/component/orkestra-katalogs-legacy-queue-operator/orkestra',
  );
  await expect(page.getByText('End of life: v1.1.0')).toBeVisible();
  await expect(
    page.getByText('End of life since 2026-06-30').first(),
  ).toBeVisible();
  await expect(
    page
      .getByText(
        'oci://oci.orkestra.example/orkestra/katalogs/cache-operator:v1.0.0',
      )
      .first(),
  ).toBeVisible();
  await snap(page, 'deprecated', { readme: true });
});

test('the health page counts the fleet and its filters narrow the table', async ({
  page,
}) => {
  await signInAsGuest(page);
  await openWebappOperator(page);
  await page.goto('/orkestra');
  await expect(
    page.getByRole('heading', { name: 'Pattern health' }),
  ).toBeVisible();
  const summary = page.getByRole('list', { name: 'Pattern health summary' });
  await expect(summary.getByText('Total patterns')).toBeVisible();
  await expect(
    page.getByRole('heading', { name: 'Pattern sources' }),
  ).toBeVisible();
  await snap(page, 'health');

  const names = page
    .getByRole('grid', { name: 'Patterns', exact: true })
    .getByRole('rowheader');
  // The Kind filter asks the backend for Motifs only.
  await page.getByRole('button', { name: 'Any Kind' }).click();
  await page.getByRole('option', { name: 'Motif', exact: true }).click();
  await expect(names).toHaveCount(3);
  await expect(names.filter({ hasText: 'web-service' })).toHaveCount(1);

  // A count filters the table to what it counts.
  await page.goto('/orkestra');
  // The card's button is an overlay; press the card itself.
  await summary
    .getByRole('listitem')
    .filter({ hasText: 'Importers behind' })
    .click();
  await expect(names.filter({ hasText: 'cache-operator' })).toHaveCount(1);
  await expect(names.filter({ hasText: 'platform-stack' })).toHaveCount(1);
  await expect(names.filter({ hasText: 'webapp-operator' })).toHaveCount(0);
  await snap(page, 'health-importers-behind');
});
