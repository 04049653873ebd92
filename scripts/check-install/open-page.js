#!/usr/bin/env node
/* eslint-disable no-console */
// Opens the new app's Orkestra page in Chromium as the guest user and waits
// for the example patterns in the health table; saves a 1440×900 screenshot.
//
//   node scripts/check-install/open-page.js <base url> <screenshot.png>
const { chromium } = require('@playwright/test');

const [baseUrl, screenshot] = process.argv.slice(2);
const TIMEOUT = 120_000;

async function main() {
  const browser = await chromium.launch({
    executablePath: process.env.PLAYWRIGHT_CHROMIUM_PATH ?? '/usr/bin/chromium',
  });
  try {
    const page = await browser.newPage({
      viewport: { width: 1440, height: 900 },
    });
    const errors = [];
    page.on('pageerror', error => errors.push(error.message));
    try {
      await checkPage(page, errors);
    } catch (error) {
      // What the person would see: the screenshot and the page's own words.
      await page.screenshot({ path: screenshot }).catch(() => {});
      const text = await page.innerText('body').catch(() => '');
      throw new Error(
        `${
          error.message.split('\n')[0]
        }\npage (screenshot: ${screenshot}):\n${text.slice(0, 1500)}`,
      );
    }
  } finally {
    await browser.close();
  }
}

async function checkPage(page, errors) {
  await page.goto(`${baseUrl}/orkestra`, { timeout: TIMEOUT });

  const enter = page.getByRole('button', { name: 'Enter' });
  const heading = page.getByRole('heading', { name: 'Pattern health' });
  await enter.or(heading).first().waitFor({ timeout: TIMEOUT });
  if (await enter.isVisible()) await enter.click();

  await heading.waitFor({ timeout: TIMEOUT });
  const sidebarLink = page.getByRole('link', { name: 'Orkestra' });
  await sidebarLink.first().waitFor({ timeout: TIMEOUT });
  const row = page.getByRole('row').filter({ hasText: 'webapp-operator' });
  await row.first().waitFor({ timeout: TIMEOUT });
  const rows = await page.getByRole('row').count();
  await page.screenshot({ path: screenshot });
  if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
  console.log(
    `${baseUrl}/orkestra shows "Pattern health" with ${
      rows - 1
    } table rows and an "Orkestra" sidebar link (screenshot: ${screenshot})`,
  );
}

main().catch(error => {
  console.error(`FAILED: ${error.message}`);
  process.exit(1);
});
