import { expect, test } from '@playwright/test';

test('the Orkestra page opens from the sidebar and lists the configured sources', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();

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
  const refresh = await request.get(
    'http://localhost:7007/api/auth/guest/refresh',
  );
  expect(refresh.ok()).toBe(true);
  const token = (await refresh.json()).backstageIdentity.token;
  const headers = { authorization: `Bearer ${token}` };

  // The first sync runs a few seconds after start; wait for it.
  await expect
    .poll(
      async () =>
        (
          await (
            await request.get('http://localhost:7007/api/orkestra/patterns', {
              headers,
            })
          ).json()
        ).totalCount,
      {
        timeout: 60_000,
      },
    )
    .toBe(8);
  const patterns = await (
    await request.get(
      'http://localhost:7007/api/orkestra/patterns?kind=Katalog&limit=50',
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
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  // The backend syncs a few seconds after start and the catalog picks the patterns up from its events.
  await expect
    .poll(
      async () => {
        await page.goto(
          '/catalog/default/component/orkestra-katalogs-webapp-operator',
        );
        return page.getByText('platform-team').first().isVisible();
      },
      { timeout: 90_000, intervals: [3_000] },
    )
    .toBe(true);
  await expect(page.getByText('webapp-operator').first()).toBeVisible();
  await expect(page.getByText('production').first()).toBeVisible();
  await page.screenshot({
    path: 'node_modules/.cache/e2e-test-results/webapp-operator-entity.png',
    fullPage: true,
  });
});
