import { APIRequestContext, expect, Page, test } from '@playwright/test';

const BACKEND = 'http://localhost:7007';

/** Guest sign-in; done once the sidebar shows, after which navigations keep the session. */
async function signInAsGuest(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(
    page.getByRole('link', { name: 'Catalog', exact: true }),
  ).toBeVisible();
}

/** Authorization headers of a guest, for calling the backend's APIs directly. */
async function guestHeaders(request: APIRequestContext) {
  const refresh = await request.get(`${BACKEND}/api/auth/guest/refresh`);
  expect(refresh.ok()).toBe(true);
  return {
    authorization: `Bearer ${(await refresh.json()).backstageIdentity.token}`,
  };
}

/**
 * Opens the webapp-operator entity page once the catalog has it: the backend
 * syncs a few seconds after start and the catalog picks the patterns up from its events.
 */
async function openWebappOperator(page: Page) {
  await expect
    .poll(
      async () => {
        await page.goto(
          '/catalog/default/component/orkestra-katalogs-webapp-operator',
        );
        return page
          .getByRole('link', { name: 'Pattern', exact: true })
          .waitFor({ timeout: 10_000 })
          .then(
            () => true,
            () => false,
          );
      },
      { timeout: 90_000, intervals: [3_000] },
    )
    .toBe(true);
}

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
  await page.screenshot({
    path: 'node_modules/.cache/e2e-test-results/webapp-operator-entity.png',
    fullPage: true,
  });
});

test('the "New Katalog from Motifs" template publishes into the demo registry and the portal shows it', async ({
  request,
}) => {
  const headers = await guestHeaders(request);
  // Publishing changes the ignored .demo/ registry; a fresh name per run keeps versions unique.
  const name = `e2e-katalog-${Date.now().toString(36)}`;

  // The catalog needs the motif entity before the template can read it.
  await expect
    .poll(
      async () =>
        (
          await request.get(
            `${BACKEND}/api/catalog/entities/by-name/component/default/orkestra-motifs-web-service`,
            { headers },
          )
        ).status(),
      { timeout: 90_000 },
    )
    .toBe(200);

  const created = await request.post(`${BACKEND}/api/scaffolder/v2/tasks`, {
    headers,
    data: {
      templateRef: 'template:default/orkestra-new-katalog',
      values: {
        name,
        version: 'v0.1.0',
        crdKind: 'E2eApp',
        motif: 'component:default/orkestra-motifs-web-service',
        force: true,
      },
    },
  });
  expect(created.status()).toBe(201);
  const { id } = await created.json();
  await expect
    .poll(
      async () =>
        (
          await (
            await request.get(`${BACKEND}/api/scaffolder/v2/tasks/${id}`, {
              headers,
            })
          ).json()
        ).status,
      {
        timeout: 60_000,
      },
    )
    .toBe('completed');

  // The publish asked the backend to resync: the new version is in the portal within seconds, its gates marked skipped.
  const patternId = encodeURIComponent(`examples:orkestra/katalogs/${name}`);
  await expect
    .poll(
      async () =>
        (
          await request.get(`${BACKEND}/api/orkestra/patterns/${patternId}`, {
            headers,
          })
        ).status(),
      {
        timeout: 15_000,
      },
    )
    .toBe(200);
  const pattern = await (
    await request.get(`${BACKEND}/api/orkestra/patterns/${patternId}`, {
      headers,
    })
  ).json();
  expect(pattern.latest).toMatchObject({
    version: 'v0.1.0',
    simulate: 'skipped',
    e2e: 'absent',
  });
  await expect
    .poll(
      async () =>
        (
          await request.get(
            `${BACKEND}/api/catalog/entities/by-name/component/default/orkestra-katalogs-${name}`,
            { headers },
          )
        ).status(),
      { timeout: 30_000 },
    )
    .toBe(200);
});

test('a katalog shows its Pattern tab, quality and policy cards, and the health page sums up the fleet', async ({
  page,
}) => {
  await signInAsGuest(page);
  await openWebappOperator(page);
  await page.getByRole('link', { name: 'Pattern', exact: true }).click();
  await expect(
    page.getByRole('heading', { name: 'Katalog webapp-operator' }),
  ).toBeVisible();
  await expect(page.getByText('Latest version v2.0.0').first()).toBeVisible();
  await expect(
    page.getByRole('heading', { name: 'Upgrade path' }),
  ).toBeVisible();
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

  await page.goto('/orkestra');
  await expect(
    page.getByRole('heading', { name: 'Pattern health' }),
  ).toBeVisible();
  await expect(page.getByText('Total patterns')).toBeVisible();
  await expect(
    page.getByRole('heading', { name: 'Pattern sources' }),
  ).toBeVisible();
});
