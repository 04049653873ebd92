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

/** Runs a template through the scaffolder API as the guest and returns the finished task's output. */
async function runTemplate(
  request: APIRequestContext,
  headers: Record<string, string>,
  template: string,
  values: Record<string, unknown>,
) {
  const created = await request.post(`${BACKEND}/api/scaffolder/v2/tasks`, {
    headers,
    data: { templateRef: `template:default/${template}`, values },
  });
  expect(created.status()).toBe(201);
  const { id } = await created.json();
  const task = async () =>
    (
      await request.get(`${BACKEND}/api/scaffolder/v2/tasks/${id}`, {
        headers,
      })
    ).json();
  await expect
    .poll(async () => (await task()).status, { timeout: 60_000 })
    .toBe('completed');
  // The task's output is in its completion event.
  const events: Array<{ type: string; body: { output?: unknown } }> = await (
    await request.get(`${BACKEND}/api/scaffolder/v2/tasks/${id}/events`, {
      headers,
    })
  ).json();
  return events.find(event => event.type === 'completion')?.body.output as {
    text?: Array<{ title: string; content: string }>;
  };
}

/** A pattern as the Orkestra API serves it, once the portal has it. */
async function portalPattern(
  request: APIRequestContext,
  headers: Record<string, string>,
  repository: string,
  version?: string,
) {
  const url = `${BACKEND}/api/orkestra/patterns/${encodeURIComponent(
    `examples:${repository}`,
  )}`;
  await expect
    .poll(
      async () => {
        const response = await request.get(url, { headers });
        return response.ok()
          ? (await response.json()).latest?.version
          : undefined;
      },
      { timeout: 15_000 },
    )
    .toEqual(version ?? expect.anything());
  return (await request.get(url, { headers })).json();
}

test('the Orkestra templates create, follow a motif upgrade, publish and deprecate, and the portal shows each within seconds', async ({
  request,
}) => {
  const headers = await guestHeaders(request);
  // Publishing changes the ignored .demo/ registry; a fresh name per run keeps versions unique.
  const name = `e2e-katalog-${Date.now().toString(36)}`;
  const repository = `orkestra/katalogs/${name}`;

  // The catalog needs the motif entity before the templates can read it.
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

  // "New Katalog from Motifs", pinned to the older web-service v1.0.0.
  await runTemplate(request, headers, 'orkestra-new-katalog', {
    name,
    version: 'v0.1.0',
    crdKind: 'E2eApp',
    motif: 'component:default/orkestra-motifs-web-service',
    motifVersion: 'v1.0.0',
    force: true,
  });
  // The publish asked the backend to resync: its gates are marked skipped, never passed.
  const published = await portalPattern(request, headers, repository, 'v0.1.0');
  expect(published.latest).toMatchObject({
    simulate: 'skipped',
    e2e: 'absent',
  });
  const entityUrl = `${BACKEND}/api/catalog/entities/by-name/component/default/orkestra-katalogs-${name}`;
  await expect
    .poll(async () => (await request.get(entityUrl, { headers })).status(), {
      timeout: 30_000,
    })
    .toBe(200);
  const dependencies = async (version: string) =>
    (
      await (
        await request.get(
          `${BACKEND}/api/orkestra/patterns/${encodeURIComponent(
            `examples:${repository}`,
          )}/dependencies?version=${version}`,
          { headers },
        )
      ).json()
    ).items;
  expect(await dependencies('v0.1.0')).toEqual([
    expect.objectContaining({ tag: 'v1.0.0', behindLatest: true }),
  ]);

  // "Follow a motif upgrade" moves the import to v1.1.0 and publishes v0.2.0.
  const followed = await runTemplate(
    request,
    headers,
    'orkestra-follow-motif-upgrade',
    {
      katalog: `component:default/orkestra-katalogs-${name}`,
      version: 'v0.2.0',
      force: true,
    },
  );
  expect(followed.text?.[0].content).toContain(
    '**oci.orkestra.example/orkestra/motifs/web-service** v1.0.0 → v1.1.0',
  );
  await portalPattern(request, headers, repository, 'v0.2.0');
  expect(await dependencies('v0.2.0')).toEqual([
    expect.objectContaining({ tag: 'v1.1.0', behindLatest: false }),
  ]);

  // "Publish a new version", starting from the latest published one.
  await runTemplate(request, headers, 'orkestra-publish-version', {
    pattern: `component:default/orkestra-katalogs-${name}`,
    version: 'v0.3.0',
    description: 'Third release',
    force: true,
  });
  const third = await portalPattern(request, headers, repository, 'v0.3.0');
  expect(third.description).toBe('Third release');

  // "Deprecate a version" marks v0.1.0 deprecated, pointing at v0.2.0.
  await runTemplate(request, headers, 'orkestra-deprecate-version', {
    pattern: `component:default/orkestra-katalogs-${name}`,
    version: 'v0.1.0',
    migratedTo: `oci://oci.orkestra.example/${repository}:v0.2.0`,
    message: 'Use v0.2.0',
    from: '2026-01-01',
  });
  await expect
    .poll(
      async () => {
        const version = await (
          await request.get(
            `${BACKEND}/api/orkestra/patterns/${encodeURIComponent(
              `examples:${repository}`,
            )}/versions/v0.1.0`,
            { headers },
          )
        ).json();
        return version.deprecationState;
      },
      { timeout: 15_000 },
    )
    .toBe('deprecated');
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
