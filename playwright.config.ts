import { defineConfig } from '@playwright/test';
import { generateProjects } from '@backstage/e2e-test-utils/playwright';

// Debian's Chromium, not a downloaded browser build: `npx playwright install`
// cannot run on machines without internet access.
const chromiumPath =
  process.env.PLAYWRIGHT_CHROMIUM_PATH ?? '/usr/bin/chromium';
const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

const reuseExistingServer = !process.env.CI;

export default defineConfig({
  timeout: 90_000,
  expect: { timeout: 30_000 },
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 1,
  reporter: [
    ['list'],
    ['html', { open: 'never', outputFolder: 'e2e-test-report' }],
  ],

  // The app as the README starts it, on a fresh copy of the bundled example
  // registry. The backend answers before the dev frontend has compiled; the
  // tests wait for the backend themselves (see e2e-tests/orkestra.test.ts).
  webServer: {
    command: 'bash scripts/start.sh --fresh-demo',
    url: 'http://localhost:3000',
    reuseExistingServer,
    timeout: 400_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },

  use: {
    baseURL: process.env.PLAYWRIGHT_URL ?? 'http://localhost:3000',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },

  // Traces, failure screenshots and each test's own screenshots (screenshots/).
  outputDir: 'test-results',

  projects: generateProjects().map(project => ({
    ...project,
    use: {
      browserName: 'chromium' as const,
      launchOptions: { executablePath: chromiumPath, args: chromiumArgs },
    },
  })),
});
