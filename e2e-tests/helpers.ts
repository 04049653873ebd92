import { APIRequestContext, expect, Page } from '@playwright/test';
import { copyFile, mkdir } from 'node:fs/promises';

/* Helpers shared by the end-to-end tests. */

export const BACKEND = 'http://localhost:7007';

/**
 * The dev frontend can answer before the backend is ready (or the other way
 * round): wait until the backend reports ready.
 */
export async function waitForBackend(request: APIRequestContext) {
  await expect
    .poll(
      async () =>
        request.get(`${BACKEND}/.backstage/health/v1/readiness`).then(
          response => response.status(),
          () => 0,
        ),
      { timeout: 180_000, intervals: [1_000] },
    )
    .toBe(200);
}

/** Guest sign-in; done once the sidebar shows, after which navigations keep the session. */
export async function signInAsGuest(page: Page) {
  await waitForBackend(page.request);
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  // The sidebar's link: once the catalog page renders, its breadcrumb is a
  // second "Catalog" link, and a bare query would match both.
  await expect(
    page
      .getByTestId('sidebar-root')
      .getByRole('link', { name: 'Catalog', exact: true }),
  ).toBeVisible();
}

/** Authorization headers of a guest, for calling the backend's APIs directly. */
export async function guestHeaders(request: APIRequestContext) {
  await waitForBackend(request);
  const refresh = await request.get(`${BACKEND}/api/auth/guest/refresh`);
  expect(refresh.ok()).toBe(true);
  return {
    authorization: `Bearer ${(await refresh.json()).backstageIdentity.token}`,
  };
}

/**
 * Saves a full-page screenshot to test-results/screenshots/<name>.png. With
 * ORKESTRA_README_SCREENSHOTS=1, the visible part of the `readme` ones is
 * also written to docs/screenshots/<name>.png, the pictures the README shows.
 */
export async function snap(
  page: Page,
  name: string,
  options: { readme?: boolean } = {},
) {
  await mkdir('test-results/screenshots', { recursive: true });
  await page.screenshot({
    path: `test-results/screenshots/${name}.png`,
    fullPage: true,
  });
  if (options.readme && process.env.ORKESTRA_README_SCREENSHOTS === '1') {
    await mkdir('docs/screenshots', { recursive: true });
    await page.screenshot({ path: `test-results/screenshots/${name}-top.png` });
    await copyFile(
      `test-results/screenshots/${name}-top.png`,
      `docs/screenshots/${name}.png`,
    );
  }
}

/**
 * Opens the webapp-operator entity page once the catalog has it: the backend
 * syncs a few seconds after start and the catalog picks the patterns up from its events.
 */
export async function openWebappOperator(page: Page) {
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

/**
 * Follows the page's requests to the backend from now on; `settled()` waits
 * until none has been in flight for half a second (at most 15 s) and no
 * progress bar shows, then stops following.
 */
function watchBackendRequests(page: Page) {
  const inFlight = new Set<unknown>();
  let lastChange = Date.now();
  const started = (request: { url(): string }) => {
    if (!request.url().startsWith(BACKEND)) return;
    inFlight.add(request);
    lastChange = Date.now();
  };
  const ended = (request: unknown) => {
    if (inFlight.delete(request)) lastChange = Date.now();
  };
  page.on('request', started);
  page.on('requestfinished', ended);
  page.on('requestfailed', ended);
  return {
    async settled() {
      try {
        const deadline = Date.now() + 15_000;
        while (
          Date.now() < deadline &&
          (inFlight.size > 0 || Date.now() - lastChange < 500)
        ) {
          await page.waitForTimeout(100);
        }
        // A page may keep a progress bar (a running task's log): the
        // screenshot is taken anyway once the bars had their chance to go.
        await page
          .getByRole('progressbar')
          .first()
          .waitFor({ state: 'detached', timeout: 10_000 })
          .catch(() => undefined);
      } finally {
        page.off('request', started);
        page.off('requestfinished', ended);
        page.off('requestfailed', ended);
      }
    },
  };
}

/** The viewport of every README screenshot. */
export const SCREENSHOT_VIEWPORT = { width: 1440, height: 900 };

/**
 * Screenshots the page as a person sees it, at 1440×900 in the light and in
 * the dark theme (Backstage follows the browser's colour scheme while no theme
 * is picked): test-results/screenshots/<name>-light.png and -dark.png, the
 * visible part only. With ORKESTRA_README_SCREENSHOTS=1 they are also written
 * to docs/screenshots/, the pictures the README shows.
 */
export async function snapThemes(page: Page, name: string) {
  await mkdir('test-results/screenshots', { recursive: true });
  const viewport = page.viewportSize();
  await page.setViewportSize(SCREENSHOT_VIEWPORT);
  try {
    for (const colorScheme of ['light', 'dark'] as const) {
      const requests = watchBackendRequests(page);
      await page.emulateMedia({ colorScheme });
      // Let the theme switch and any layout it causes settle: the app renders
      // again, and its pages load their data again.
      await page.waitForTimeout(300);
      await requests.settled();
      // Never a blank picture: the app (its sidebar) is on screen.
      await expect(
        page
          .getByTestId('sidebar-root')
          .getByRole('link', { name: 'Catalog', exact: true }),
      ).toBeVisible();
      const path = `test-results/screenshots/${name}-${colorScheme}.png`;
      await page.screenshot({ path });
      if (process.env.ORKESTRA_README_SCREENSHOTS === '1') {
        await mkdir('docs/screenshots', { recursive: true });
        await copyFile(path, `docs/screenshots/${name}-${colorScheme}.png`);
      }
    }
  } finally {
    await page.emulateMedia({ colorScheme: null });
    if (viewport) await page.setViewportSize(viewport);
  }
}
