import { APIRequestContext, expect, test } from '@playwright/test';
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

test('the catalog lists the example patterns', async ({ page }) => {
  await signInAsGuest(page);
  await openWebappOperator(page);
  await page.goto('/');
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
  await snap(page, 'pattern-tab', { readme: true });
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
  await snap(page, 'health', { readme: true });

  const names = page
    .getByRole('grid', { name: 'Patterns' })
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

test('the "New Katalog from Motifs" template runs in the browser and its output links to the new Katalog', async ({
  page,
}) => {
  await signInAsGuest(page);
  await openWebappOperator(page);
  const name = `ui-katalog-${Date.now().toString(36)}`;
  await page.goto('/create/templates/default/orkestra-new-katalog');

  await page.getByLabel('Name').first().fill(name);
  await page.getByLabel('Custom resource kind').fill('UiApp');
  await page.getByRole('textbox', { name: 'Motif', exact: true }).click();
  await page.getByRole('option', { name: /web-service/ }).click();
  await snap(page, 'template-form');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Create' }).click();

  const open = page.getByRole('link', {
    name: /Open the Katalog in the catalog/,
  });
  await expect(open).toBeVisible({ timeout: 60_000 });
  await snap(page, 'template-done');
  await open.click();
  await expect(page).toHaveURL(new RegExp(`orkestra-katalogs-${name}`));
  await expect(page.getByText(name).first()).toBeVisible();
});
