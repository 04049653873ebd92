import { APIRequestContext, expect, test } from '@playwright/test';
import {
  BACKEND,
  guestHeaders,
  openWebappOperator,
  signInAsGuest,
  snap,
  snapThemes,
} from './helpers';

/*
 * The Orkestra Software Templates and the demo's guest, against the demo app
 * (`scripts/start.sh --fresh-demo`): no `ork` binary and no gate runner, the
 * policy of app-config.yaml (minMaturity beta, simulate required, forcing allowed).
 */

/** What the demo's policy says of a scaffolded Katalog published with forced gates. */
const FORCED_KATALOG_REASONS = [
  'Maturity alpha is below the required minimum beta',
  'Required gate simulate was skipped (forced publish)',
];
const FORCED_FAILING = 'Published with forced gates, failing the portal policy';

interface TaskResult {
  status: string;
  output?: { text?: Array<{ title: string; content: string }> };
  error?: { name: string; message: string };
  /** What the task log says, line by line. */
  log: string[];
}

/** Runs a template through the scaffolder API as the guest and returns how its task ended. */
async function runTemplate(
  request: APIRequestContext,
  headers: Record<string, string>,
  template: string,
  values: Record<string, unknown>,
  ends: 'completed' | 'failed' = 'completed',
): Promise<TaskResult> {
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
    .toBe(ends);
  // The task's output, or its error, is in its completion event.
  const events: Array<{
    type: string;
    body: TaskResult & { message?: string };
  }> = await (
    await request.get(`${BACKEND}/api/scaffolder/v2/tasks/${id}/events`, {
      headers,
    })
  ).json();
  const completion = events.find(event => event.type === 'completion')?.body;
  return {
    status: ends,
    output: completion?.output,
    error: completion?.error,
    log: events
      .filter(event => event.type === 'log')
      .map(event => event.body.message ?? ''),
  };
}

/** A pattern as the Orkestra API serves it, once the portal has it. */
async function portalPattern(
  request: APIRequestContext,
  headers: Record<string, string>,
  repository: string,
  version?: string,
) {
  const url = patternUrl(repository);
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

const patternUrl = (repository: string) =>
  `${BACKEND}/api/orkestra/patterns/${encodeURIComponent(
    `examples:${repository}`,
  )}`;

/** The catalog needs the motif entity before the templates can read it. */
async function waitForMotifEntity(
  request: APIRequestContext,
  headers: Record<string, string>,
) {
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
}

test('the guest signs in as the catalog user guest, with the ownership of its teams, and "Owned" lists its team\'s patterns', async ({
  page,
  request,
}) => {
  const headers = await guestHeaders(request);
  const refresh = await (
    await request.get(`${BACKEND}/api/auth/guest/refresh`)
  ).json();
  expect(refresh.backstageIdentity.identity).toMatchObject({
    userEntityRef: 'user:default/guest',
    ownershipEntityRefs: expect.arrayContaining([
      'user:default/guest',
      'group:default/guests',
      'group:default/sre-team',
    ]),
  });
  const user = await request.get(
    `${BACKEND}/api/catalog/entities/by-name/user/default/guest`,
    { headers },
  );
  expect(user.status()).toBe(200);

  await signInAsGuest(page);
  await openWebappOperator(page);
  await page.goto('/?filters%5Bkind%5D=component&filters%5Buser%5D=owned');
  const table = page.getByRole('table').first();
  // sre-team's patterns (orkestra.ownership: author sre-team).
  for (const name of ['cache-operator', 'legacy-queue-operator'])
    await expect(table.getByRole('link', { name, exact: true })).toBeVisible();
  await expect(
    table.getByRole('link', { name: 'webapp-operator', exact: true }),
  ).toHaveCount(0);
});

test('the stock demo entities and the Node.js template are gone', async ({
  request,
}) => {
  const headers = await guestHeaders(request);
  for (const path of [
    'system/default/examples',
    'component/default/example-website',
    'api/default/example-grpc-api',
    'template/default/example-nodejs-template',
  ]) {
    const response = await request.get(
      `${BACKEND}/api/catalog/entities/by-name/${path}`,
      { headers },
    );
    expect(response.status(), path).toBe(404);
  }
});

test('without force, New Katalog stops in the demo with one sentence saying the gate did not run: nothing published, no stack trace', async ({
  request,
}) => {
  const headers = await guestHeaders(request);
  await waitForMotifEntity(request, headers);
  const name = `e2e-unforced-${Date.now().toString(36)}`;

  const run = await runTemplate(
    request,
    headers,
    'orkestra-new-katalog',
    {
      name,
      version: 'v0.1.0',
      crdKind: 'E2eApp',
      motif: 'component:default/orkestra-motifs-web-service',
    },
    'failed',
  );

  expect(run.error?.message).toMatch(
    /^Nothing was published: the simulate gate has to run, but this portal has no gate runner for it \(orkestra\.gates\.simulate\.command is not set\), so it did not run and nothing was recorded as passed\. Publish with "Force"/,
  );
  expect(run.log.filter(line => /\n\s+at /.test(line))).toEqual([]);
  const pattern = await request.get(patternUrl(`orkestra/katalogs/${name}`), {
    headers,
  });
  expect(pattern.status()).toBe(404);
});

test('the Orkestra templates create, follow a motif upgrade, publish and deprecate, say when a version is forced or fails policy, and the portal shows each within seconds', async ({
  request,
}) => {
  const headers = await guestHeaders(request);
  // Publishing changes the ignored .demo/ registry; a fresh name per run keeps versions unique.
  const name = `e2e-katalog-${Date.now().toString(36)}`;
  const repository = `orkestra/katalogs/${name}`;
  await waitForMotifEntity(request, headers);

  // "New Katalog from Motifs", pinned to the older web-service v1.0.0, forced.
  const created = await runTemplate(request, headers, 'orkestra-new-katalog', {
    name,
    version: 'v0.1.0',
    crdKind: 'E2eApp',
    motif: 'component:default/orkestra-motifs-web-service',
    motifVersion: 'v1.0.0',
    force: true,
  });
  expect(created.output?.text?.[0].title).toBe(FORCED_FAILING);
  expect(created.output?.text?.[0].content).toContain(
    'Built from the Motif **web-service** v1.0.0.',
  );
  expect(created.output?.text?.[0].content).toContain(
    `oci.orkestra.example/${repository}:v0.1.0 was published with the simulate gate forced: recorded as skipped, not passed, like ork push --force. It fails the portal policy: ${FORCED_KATALOG_REASONS.join(
      '; ',
    )}.`,
  );
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
          `${patternUrl(repository)}/dependencies?version=${version}`,
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
  const upgrades = followed.output?.text?.find(
    text => text.title === 'Motif upgrades',
  );
  expect(upgrades?.content).toContain(
    '**oci.orkestra.example/orkestra/motifs/web-service** v1.0.0 → v1.1.0',
  );
  const followedPublish = followed.output?.text?.find(
    text => text.title !== 'Motif upgrades',
  );
  expect(followedPublish?.title).toBe(FORCED_FAILING);
  expect(followedPublish?.content).toContain(
    `It fails the portal policy: ${FORCED_KATALOG_REASONS.join('; ')}.`,
  );
  await portalPattern(request, headers, repository, 'v0.2.0');
  expect(await dependencies('v0.2.0')).toEqual([
    expect.objectContaining({ tag: 'v1.1.0', behindLatest: false }),
  ]);

  // "Publish a new version", starting from the latest published one.
  const third = await runTemplate(
    request,
    headers,
    'orkestra-publish-version',
    {
      pattern: `component:default/orkestra-katalogs-${name}`,
      version: 'v0.3.0',
      description: 'Third release',
      force: true,
    },
  );
  expect(third.output?.text?.[0].title).toBe(FORCED_FAILING);
  expect(third.output?.text?.[0].content).toContain(FORCED_KATALOG_REASONS[1]);
  const thirdPattern = await portalPattern(
    request,
    headers,
    repository,
    'v0.3.0',
  );
  expect(thirdPattern.description).toBe('Third release');

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
          await request.get(`${patternUrl(repository)}/versions/v0.1.0`, {
            headers,
          })
        ).json();
        return version.deprecationState;
      },
      { timeout: 15_000 },
    )
    .toBe('deprecated');
});

test('the "New Katalog from Motifs" form refuses a malformed version, offers Motifs by title, leaves Force off, and its output says the forced version fails policy and why', async ({
  page,
}) => {
  await signInAsGuest(page);
  await openWebappOperator(page);
  const name = `ui-katalog-${Date.now().toString(36)}`;
  await page.goto('/create/templates/default/orkestra-new-katalog');

  await page.getByLabel('Name').first().fill(name);
  await page.getByLabel('Custom resource kind').fill('UiApp');
  const motif = page.getByRole('textbox', { name: 'Motif', exact: true });
  await motif.click();
  // Offered by title (web-service), not by entity ref (orkestra-motifs-web-service).
  const webService = page.getByRole('option', { name: /web-service/ });
  await expect(webService).toBeVisible();
  await expect(
    page.getByRole('option', { name: /orkestra-motifs-/ }),
  ).toHaveCount(0);
  await webService.click();

  // A version that is not a version tag keeps the form on this step.
  const version = page.getByRole('textbox', { name: 'Version', exact: true });
  await version.fill('1.0 beta');
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByText(/must match pattern/).first()).toBeVisible();
  await expect(
    page.getByText(/A version tag such as v1\.2\.0 or 1\.2\.0-rc\.1/).first(),
  ).toBeVisible();
  await expect(page.getByLabel('Custom resource kind')).toBeVisible();
  await version.fill('v0.1.0');
  await snap(page, 'template-form');
  await page.getByRole('button', { name: 'Next' }).click();

  // The gates are not forced unless the user chooses to; the demo has no gate runner.
  const force = page.getByRole('checkbox', { name: /Force/ });
  await expect(force).not.toBeChecked();
  await expect(
    page.getByText(/Force only when the portal has no gate runner/).first(),
  ).toBeVisible();
  await force.check();
  await page.getByRole('button', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Create' }).click();

  await expect(page.getByRole('heading', { name: FORCED_FAILING })).toBeVisible(
    { timeout: 60_000 },
  );
  await expect(
    page
      .getByText(
        `It fails the portal policy: ${FORCED_KATALOG_REASONS.join('; ')}.`,
        { exact: false },
      )
      .first(),
  ).toBeVisible();
  await expect(
    page.getByText('Built from the Motif web-service v1.1.0.').first(),
  ).toBeVisible();
  await snapThemes(page, 'template-output');
  await page
    .getByRole('link', { name: /Open the Katalog in the catalog/ })
    .click();
  await expect(page).toHaveURL(new RegExp(`orkestra-katalogs-${name}`));
  await expect(page.getByText(name).first()).toBeVisible();
});
