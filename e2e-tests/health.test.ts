import { expect, Locator, Page, test } from '@playwright/test';
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import {
  BACKEND,
  guestHeaders,
  openWebappOperator,
  signInAsGuest,
  snapThemes,
} from './helpers';

/*
 * The "Pattern health" page against the demo app (`scripts/start.sh
 * --fresh-demo`): its bundled example source `examples` is an OCI layout
 * copied to .demo/registry, which the backend reads on every sync.
 */

/** The index of one repository of the demo's working copy of the example registry. */
const CACHE_OPERATOR_INDEX = resolve(
  __dirname,
  '..',
  '.demo/registry/orkestra/katalogs/cache-operator/index.json',
);

/** Opens the health page once the first sync has brought the example patterns in. */
async function openHealthPage(page: Page, search = '') {
  await signInAsGuest(page);
  await openWebappOperator(page);
  await page.goto(`/orkestra${search}`);
  await expect(
    page.getByRole('heading', { name: 'Pattern health' }),
  ).toBeVisible();
}

function patternsTable(page: Page): Locator {
  return page.getByRole('grid', { name: 'Patterns', exact: true });
}

function patternRow(page: Page, name: string): Locator {
  return patternsTable(page)
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: new RegExp(name) }) });
}

test('the health page shows state as colour, icon and words, in light and dark', async ({
  page,
}) => {
  await openHealthPage(page);
  const summary = page.getByRole('list', { name: 'Pattern health summary' });
  await expect(summary.getByText('Total patterns')).toBeVisible();
  await expect(summary.getByText('Katalogs not verified')).toBeVisible();
  await expect(patternRow(page, 'webapp-operator')).toBeVisible();
  await expect(
    patternRow(page, 'webapp-operator').getByRole('status', {
      name: 'Simulate: Verified',
    }),
  ).toBeVisible();
  await expect(
    page.getByRole('columnheader', { name: 'Last pushed' }),
  ).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'Updated' })).toHaveCount(
    0,
  );
  // At 1440 px the table fits without a horizontal scrollbar, and no chip
  // or name is cut by its cell.
  await page.setViewportSize({ width: 1440, height: 900 });
  const layout = await patternsTable(page).evaluate(table => {
    const wrapper = table.parentElement as HTMLElement;
    const cut = Array.from(
      table.querySelectorAll<HTMLElement>('[role="status"], a'),
    ).filter(element => {
      const cell = element.closest('[role="gridcell"], [role="rowheader"]');
      return (
        cell &&
        element.getBoundingClientRect().right >
          cell.getBoundingClientRect().right + 1
      );
    });
    return {
      overflow: wrapper.scrollWidth - wrapper.clientWidth,
      pageOverflow:
        document.documentElement.scrollWidth -
        document.documentElement.clientWidth,
      cut: cut.map(element => element.textContent),
    };
  });
  expect(layout).toEqual({ overflow: 0, pageOverflow: 0, cut: [] });
  await snapThemes(page, 'health');
});

test('sort, page and page size live in the URL: a reload keeps them and the back button goes back', async ({
  page,
}) => {
  await openHealthPage(page);
  await expect(patternRow(page, 'webapp-operator')).toBeVisible();

  // The demo has fewer than 26 patterns: five a page gives it a page 2.
  await page.getByRole('button', { name: /Select table page size/ }).click();
  await page.getByRole('option', { name: 'Show 5 results' }).click();
  await expect(page).toHaveURL(/[?&]pageSize=5(&|$)/);

  await page.getByRole('columnheader', { name: 'Last pushed' }).click();
  await expect(page).toHaveURL(/[?&]sort=lastPushed(&|$)/);
  await expect(
    page.getByRole('columnheader', { name: 'Last pushed' }),
  ).toHaveAttribute('aria-sort', 'ascending');
  const firstPage = await patternsTable(page)
    .getByRole('rowheader')
    .allTextContents();

  await page.getByRole('button', { name: 'Next table page' }).click();
  await expect(page).toHaveURL(/[?&]page=2(&|$)/);
  await expect(page.getByText(/^6 - \d+ of \d+$/)).toBeVisible();
  const secondPage = await patternsTable(page)
    .getByRole('rowheader')
    .allTextContents();
  expect(secondPage.length).toBeGreaterThan(0);
  expect(secondPage).not.toEqual(firstPage);

  await page.reload();
  await expect(page).toHaveURL(/[?&]sort=lastPushed(&|$)/);
  await expect(page).toHaveURL(/[?&]page=2(&|$)/);
  await expect(page.getByText(/^6 - \d+ of \d+$/)).toBeVisible();
  await expect(
    page.getByRole('columnheader', { name: 'Last pushed' }),
  ).toHaveAttribute('aria-sort', 'ascending');
  await expect(patternsTable(page).getByRole('rowheader')).toHaveText(
    secondPage,
  );

  await page.goBack();
  await expect(page).not.toHaveURL(/[?&]page=2(&|$)/);
  await expect(page).toHaveURL(/[?&]sort=lastPushed(&|$)/);
  await expect(page.getByText(/^1 - 5 of \d+$/)).toBeVisible();
  await expect(patternsTable(page).getByRole('rowheader')).toHaveText(
    firstPage,
  );
});

test('a Motif has no gates: its row says not applicable', async ({ page }) => {
  await openHealthPage(page, '?kind=Motif');
  const row = patternRow(page, 'web-service');
  await expect(
    row.getByRole('status', { name: 'Simulate: Not applicable' }),
  ).toBeVisible();
  await expect(
    row.getByRole('status', { name: 'E2E: Not applicable' }),
  ).toBeVisible();
  await expect(row.getByText('Not verified')).toHaveCount(0);
});

test('a failing repository puts its source at the top, marks its pattern, and Sync now clears it once fixed', async ({
  page,
  request,
}) => {
  const original = await readFile(CACHE_OPERATOR_INDEX, 'utf8');
  let restored = false;
  const restore = async () => {
    await writeFile(CACHE_OPERATOR_INDEX, original);
    restored = true;
  };
  try {
    await openHealthPage(page);
    await expect(patternRow(page, 'cache-operator')).toBeVisible();

    await writeFile(CACHE_OPERATOR_INDEX, '{ "manifests": [ not json');
    restored = false;
    await page
      .getByRole('button', { name: 'Sync now: examples' })
      .first()
      .click();

    const panel = page.getByRole('region', { name: 'Source examples' });
    await expect(panel).toBeVisible({ timeout: 60_000 });
    await expect(
      panel.getByRole('status', { name: /^Health: (Partial|Failing)$/ }),
    ).toBeVisible();
    await expect(
      panel
        .getByRole('list', { name: 'Failing repositories of examples' })
        .getByText('orkestra/katalogs/cache-operator'),
    ).toBeVisible();
    // At the top: above the summary.
    const panelBox = await panel.boundingBox();
    const summaryBox = await page
      .getByRole('heading', { name: 'Summary' })
      .boundingBox();
    expect(panelBox!.y).toBeLessThan(summaryBox!.y);

    await expect(
      patternRow(page, 'cache-operator').locator(
        '[data-status="sync-failing"]',
      ),
    ).toBeVisible();
    await panel
      .getByRole('button', { name: 'Last 20 sync runs of examples' })
      .click();
    await expect(
      panel.getByRole('grid', { name: 'Sync runs of examples' }),
    ).toBeVisible();

    await panel
      .getByRole('button', { name: 'Show the patterns that failed to sync' })
      .click();
    await expect(page).toHaveURL(/[?&]syncFailing=true(&|$)/);
    await expect(patternRow(page, 'cache-operator')).toBeVisible();
    await expect(patternRow(page, 'webapp-operator')).toHaveCount(0);
    await snapThemes(page, 'health-failing');

    await restore();
    await panel.getByRole('button', { name: 'Sync now: examples' }).click();
    await expect(panel).toBeHidden({ timeout: 60_000 });
    await expect(
      page.getByRole('heading', { name: 'Sources that need attention' }),
    ).toHaveCount(0);
  } finally {
    if (!restored) {
      await restore();
      // Leave the demo as it was for the tests after this one.
      const headers = await guestHeaders(request);
      await request
        .post(`${BACKEND}/api/orkestra/sources/examples/sync`, { headers })
        .catch(() => undefined);
    }
  }
});

test('the team rollup links to its owner’s patterns, and a deprecated import is marked and filtered', async ({
  page,
}) => {
  await openHealthPage(page);
  const teams = page.getByRole('grid', { name: 'Patterns by owner' });
  // sre-team owns legacy-queue-operator, whose latest version is at end of life.
  await teams.getByRole('link', { name: 'sre-team: Deprecated 1' }).click();
  await expect(page).toHaveURL(/[?&]owner=group%3Adefault%2Fsre-team(&|$)/);
  await expect(page).toHaveURL(/[?&]deprecated=true(&|$)/);
  await expect(patternRow(page, 'legacy-queue-operator')).toBeVisible();
  await expect(patternsTable(page).getByRole('rowheader')).toHaveCount(1);

  // platform-stack imports webapp-operator v1.0.0, which is deprecated.
  await page.goto('/orkestra?importsDeprecated=true');
  await expect(patternRow(page, 'platform-stack')).toBeVisible();
  await expect(patternsTable(page).getByRole('rowheader')).toHaveCount(1);
  await expect(
    patternRow(page, 'platform-stack').getByRole('status', {
      name: /^Imports deprecated: /,
    }),
  ).toBeVisible();
  await expect(
    page.getByRole('button', { name: /Imports deprecated/ }).first(),
  ).toBeVisible();
});
