import { expect, Locator, Page, test } from '@playwright/test';
import { signInAsGuest, snapThemes } from './helpers';

/* The entity page of a pattern: banner, overview cards, the Pattern tab's sub-tabs, links. */

const ENTITY = '/catalog/default/component';

/**
 * Opens a pattern's entity page (`path` below it, e.g. `/orkestra?tab=files`)
 * once the catalog has the pattern: the backend syncs a few seconds after it
 * starts and the catalog picks the patterns up from its events.
 */
async function openPattern(page: Page, name: string, path = '') {
  await expect
    .poll(
      async () => {
        await page.goto(`${ENTITY}/${name}${path}`);
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

async function box(locator: Locator) {
  const found = await locator.boundingBox();
  expect(found, `${locator} has no box`).not.toBeNull();
  return found!;
}

/** Nothing wider than the window: the page never scrolls sideways. */
async function expectNoHorizontalOverflow(page: Page) {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
}

/**
 * Every status chip in a table lies inside its cell, and shows all of its
 * text: none is cut by the cell or by its own width.
 */
async function expectNoClippedChips(page: Page) {
  const clipped = await page.evaluate(() =>
    Array.from(document.querySelectorAll('[role="status"]')).flatMap(chip => {
      const cell = chip.closest('[role="gridcell"], [role="rowheader"], td');
      if (!cell) return [];
      const c = cell.getBoundingClientRect();
      const r = chip.getBoundingClientRect();
      const cut =
        r.left < c.left - 0.5 ||
        r.right > c.right + 0.5 ||
        chip.scrollWidth > chip.clientWidth + 0.5;
      return cut ? [chip.getAttribute('aria-label')] : [];
    }),
  );
  expect(clipped).toEqual([]);
}

test.use({ viewport: { width: 1440, height: 900 } });

test('a deprecated pattern opens with its banner, then its Quality and Policy cards in the first row, and has no TechDocs tab', async ({
  page,
}) => {
  await signInAsGuest(page);
  await openPattern(page, 'orkestra-katalogs-legacy-queue-operator');

  const banner = page.getByRole('note', { name: 'End of life' });
  await expect(banner).toContainText('End of life: v1.1.0');
  await expect(banner).toContainText('End of life since 2026-06-30');
  const quality = page.getByRole('heading', { name: 'Pattern quality' });
  const policy = page.getByRole('heading', { name: 'Pattern policy' });
  const about = page.getByRole('heading', { name: 'About' });
  await expect(quality).toBeVisible();
  await expect(policy).toBeVisible();
  await expect(page.getByText('Latest version v1.1.0').first()).toBeVisible();

  // The banner first, above everything else of the tab; then one row:
  // Quality, Policy and the About card side by side, in view.
  const [bannerBox, qualityBox, policyBox, aboutBox] = await Promise.all(
    [banner, quality, policy, about].map(box),
  );
  expect(bannerBox.y + bannerBox.height).toBeLessThanOrEqual(qualityBox.y);
  expect(Math.abs(qualityBox.y - policyBox.y)).toBeLessThan(2);
  expect(Math.abs(qualityBox.y - aboutBox.y)).toBeLessThan(30);
  expect(qualityBox.x).toBeLessThan(policyBox.x);
  expect(policyBox.x).toBeLessThan(aboutBox.x);
  expect(qualityBox.y).toBeLessThan(900);
  // The banner says it all once: the Quality card only names the phase.
  await expect(page.getByRole('note')).toHaveCount(1);

  // No stock card that would only say it has nothing to show.
  for (const empty of [
    /does not consume any APIs/,
    /No component is a dependency of this component/,
    /No resource is a dependency of this component/,
    /No subcomponent is part of this component/,
  ]) {
    await expect(page.getByText(empty)).toHaveCount(0);
  }
  // No TechDocs tab: the entity has no backstage.io/techdocs-ref.
  const entityTabs = page.getByRole('navigation', {
    name: 'Content navigation',
  });
  await expect(entityTabs.getByRole('link')).toHaveText([
    'Overview',
    'APIs',
    'Pattern',
  ]);
  await expectNoHorizontalOverflow(page);
  await snapThemes(page, 'entity-overview');

  // The banner tops every tab, once.
  for (const [tab, content] of [
    ['APIs', page.getByRole('heading', { name: 'Provided APIs' })],
    [
      'Pattern',
      page.getByRole('heading', { name: /^Katalog legacy-queue-operator$/ }),
    ],
  ] as const) {
    await entityTabs.getByRole('link', { name: tab, exact: true }).click();
    await expect(content).toBeVisible();
    await expect(banner).toBeVisible();
    await expect(page.getByRole('note')).toHaveCount(1);
    expect((await box(banner)).y).toBeLessThan((await box(content)).y);
  }
});

test('the Pattern tab opens each of its sub-tabs, with nothing cut or wider than the window', async ({
  page,
}) => {
  await signInAsGuest(page);
  await openPattern(page, 'orkestra-katalogs-webapp-operator', '/orkestra');

  const tabs = page.getByRole('tablist', { name: 'Pattern sections' });
  await expect(tabs.getByRole('tab')).toHaveText([
    'Overview',
    'Versions',
    'Files',
    'Upgrade',
    'Dependencies',
    'Policy',
  ]);
  await expect(
    page.getByRole('heading', { name: 'Katalog webapp-operator' }),
  ).toBeVisible();
  await expect(page.getByText('Latest version v2.0.0')).toBeVisible();
  await expectNoHorizontalOverflow(page);
  await snapThemes(page, 'pattern-tab');

  for (const [tab, id, region] of [
    ['Versions', 'versions', 'Versions'],
    ['Files', 'files', 'Files of v2.0.0'],
    ['Upgrade', 'upgrade', 'Upgrade path'],
    ['Dependencies', 'dependencies', 'Imports of v2.0.0'],
    ['Policy', 'policy', 'Policy of v2.0.0'],
  ]) {
    await tabs.getByRole('tab', { name: tab }).click();
    await expect(page).toHaveURL(new RegExp(`/orkestra\\?tab=${id}$`));
    await expect(page.getByRole('region', { name: region })).toBeVisible();
    await expect(page.getByRole('progressbar')).toHaveCount(0);
    await expectNoHorizontalOverflow(page);
    await expectNoClippedChips(page);
  }
  await expect(page.getByText('katalog.yaml').first()).toBeHidden();

  // Shareable and with history: the back button returns to the last sub-tab.
  await page.goBack();
  await expect(page).toHaveURL(/\?tab=dependencies$/);
  await expect(
    page.getByRole('region', { name: 'Imports of v2.0.0' }),
  ).toBeVisible();

  await page.goto(
    `${ENTITY}/orkestra-katalogs-webapp-operator/orkestra?tab=versions`,
  );
  const versions = page.getByRole('region', { name: 'Versions' });
  for (const version of ['v2.0.0', 'v1.1.0', 'v1.0.0']) {
    await expect(
      versions.getByRole('rowheader', { name: version, exact: true }),
    ).toBeVisible();
  }
  await expect(versions.getByRole('status').first()).toBeVisible();
  await expectNoClippedChips(page);
  await snapThemes(page, 'pattern-versions');
});

test("an import links to the imported pattern's entity, a dependent to its own", async ({
  page,
}) => {
  await signInAsGuest(page);
  await openPattern(
    page,
    'orkestra-katalogs-cache-operator',
    '/orkestra?tab=dependencies',
  );

  const imports = page.getByRole('region', { name: 'Imports of v1.0.0' });
  const dependents = page.getByRole('region', { name: 'Dependents' });
  await expect(
    dependents.getByRole('link', { name: 'platform-stack', exact: true }),
  ).toHaveAttribute('href', `${ENTITY}/orkestra-katalogs-platform-stack`);

  await imports.getByRole('link', { name: 'web-service', exact: true }).click();
  await expect(page).toHaveURL(`${ENTITY}/orkestra-motifs-web-service`);
  await expect(
    page.getByRole('heading', { name: 'web-service', exact: true }),
  ).toBeVisible();
  await expect(page.getByText('orkestra-motif').first()).toBeVisible();
});

test('Follow upgrade opens the Follow a motif upgrade template filled in for the Katalog', async ({
  page,
}) => {
  await signInAsGuest(page);
  await openPattern(
    page,
    'orkestra-katalogs-cache-operator',
    '/orkestra?tab=upgrade',
  );

  const upgrades = page.getByRole('group', { name: 'Motif upgrades' });
  await expect(upgrades).toContainText('1 Motif import is behind in v1.0.0');
  await expect(upgrades).toContainText(
    'oci.orkestra.example/orkestra/motifs/web-service v1.0.0 → v1.1.0',
  );
  await upgrades.getByRole('link', { name: 'Follow upgrade' }).click();

  await expect(page).toHaveURL(
    /\/create\/templates\/default\/orkestra-follow-motif-upgrade\?formData=/,
  );
  const formData = JSON.parse(
    new URL(page.url()).searchParams.get('formData')!,
  );
  expect(formData).toEqual({
    katalog: 'component:default/orkestra-katalogs-cache-operator',
    version: 'v1.1.0',
  });
  await expect(
    page.getByRole('heading', { name: 'Follow a motif upgrade' }),
  ).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Katalog' })).toHaveValue(
    /orkestra-katalogs-cache-operator/,
  );
  await expect(page.getByRole('textbox', { name: 'Next version' })).toHaveValue(
    'v1.1.0',
  );
});
