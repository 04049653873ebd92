/* eslint-disable no-console */
/**
 * Health page render benchmark: seeds an OCI image layout with N patterns × 2
 * versions (scripts/bench/apiSeed.ts), builds the demo app's frontend once
 * (production bundle, packages/app/dist; `--build` builds it again), starts
 * the demo backend (packages/backend: every plugin of the demo, the built
 * frontend served by the app backend, SQLite in files) with the seeded layout
 * as its only pattern source, waits for the first sync, signs in as guest in
 * Debian's Chromium at 1440×900 and opens /orkestra `--runs` times. Each run
 * is a full navigation; a MutationObserver in the page records, from the
 * navigation's start, when the app shell (the sidebar) appears, when the
 * first row of the patterns table appears and when the summary cards show
 * their counts. Two measures: an in-app navigation (a click on the sidebar's
 * Orkestra link from the settings page, as a user gets there), and a full page
 * load, whose baseline is the app shell: what any page of this portal costs
 * before it renders its own content.
 *
 *   yarn bench:health [--patterns 5000] [--runs 5] [--build]
 */
import { chromium, Page } from '@playwright/test';
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { arg, runsArg } from './benchArgs';
import { seedLayout } from './bench/apiSeed';
import {
  formatSpread,
  measure,
  ratioSpread,
  spreadOf,
  timed,
} from './bench/measure';

const ROOT = resolve(__dirname, '..');
const PORT = 7107;
const BASE_URL = `http://localhost:${PORT}`;
const CHROMIUM = process.env.PLAYWRIGHT_CHROMIUM_PATH ?? '/usr/bin/chromium';
const SYNC_DEADLINE_MS = 20 * 60_000;
const RUN_TIMEOUT_MS = 60_000;

/** Marks the page records, in ms since the navigation started. */
interface RenderMarks {
  shell: number;
  firstRows: number;
  summary: number;
  /** Set by the in-app run: when the sidebar link was clicked. */
  clicked?: number;
}

const ROWS = '[role="grid"][aria-label="Patterns"] [role="rowheader"]';

function printSpreads(runs: number, lines: Array<[string, string]>) {
  console.log(`\nmin / median / max over ${runs} runs (median (min–max)):`);
  for (const [label, value] of lines) console.log(`  ${label}: ${value}`);
}

/**
 * Runs in the page before its scripts: records the first time each element
 * is in the document. The summary counts once no card shows a progress bar.
 */
const RECORD_MARKS = `
  window.__marks = {};
  const seen = (name, selector, test) => {
    if (window.__marks[name] !== undefined) return;
    const element = document.querySelector(selector);
    if (element && (!test || test(element))) window.__marks[name] = performance.now();
  };
  new MutationObserver(() => {
    seen('shell', '[data-testid="sidebar-root"]');
    seen('firstRows', '${ROWS}');
    seen('summary', '[role="list"][aria-label="Pattern health summary"] [role="listitem"]');
  }).observe(document, { childList: true, subtree: true });
`;

function run(command: string, args: string[], cwd: string): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd, stdio: 'inherit' });
    child.once('error', fail);
    child.once('exit', code =>
      code === 0
        ? done()
        : fail(new Error(`${command} ${args.join(' ')} exited ${code}`)),
    );
  });
}

/** The demo backend on the seeded layout; its output is kept for errors. */
function startBackend(configFile: string): {
  child: ChildProcess;
  log: string[];
} {
  const log: string[] = [];
  const child = spawn(
    'yarn',
    [
      'workspace',
      'backend',
      'start',
      '--config',
      join(ROOT, 'app-config.yaml'),
      '--config',
      configFile,
    ],
    { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const keep = (chunk: Buffer) => {
    log.push(...chunk.toString('utf8').split('\n'));
    if (log.length > 200) log.splice(0, log.length - 200);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return { child, log };
}

function stopBackend(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined)
    return Promise.resolve();
  return new Promise(done => {
    const kill = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(kill);
      done();
    });
    process.kill(-child.pid!, 'SIGTERM');
  });
}

async function guestToken(): Promise<string> {
  const response = await fetch(`${BASE_URL}/api/auth/guest/refresh`);
  if (!response.ok)
    throw new Error(`guest refresh answered ${response.status}`);
  return (await response.json()).backstageIdentity.token;
}

/** Polls until the backend is ready and the first sync stored every pattern. */
async function waitForSync(patterns: number, log: string[]) {
  const deadline = Date.now() + SYNC_DEADLINE_MS;
  let stored = -1;
  for (;;) {
    try {
      const token = await guestToken();
      const response = await fetch(
        `${BASE_URL}/api/orkestra/patterns?limit=1`,
        { headers: { authorization: `Bearer ${token}` } },
      );
      if (response.ok) {
        stored = (await response.json()).totalCount;
        if (stored === patterns) return;
      }
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline)
      throw new Error(
        `the first sync stored ${stored} of ${patterns} patterns in time; the backend's last lines:\n${log
          .slice(-30)
          .join('\n')}`,
      );
    await new Promise(r => setTimeout(r, 1000));
  }
}

/** The marks of the current document once the first rows and the summary are in. */
async function waitForMarks(page: Page): Promise<RenderMarks> {
  await page.waitForFunction(
    () => {
      const marks = (window as any).__marks;
      return marks?.firstRows !== undefined && marks?.summary !== undefined;
    },
    undefined,
    { timeout: RUN_TIMEOUT_MS },
  );
  return page.evaluate(() => (window as any).__marks);
}

async function main() {
  const patterns = arg('patterns', 5000);
  const runs = runsArg();
  const dist = join(ROOT, 'packages/app/dist/index.html');
  console.log(
    `bench:health  ${patterns} patterns × 2 versions, the demo backend on SQLite serving the production frontend, Chromium at 1440×900, ${runs} runs, ${
      cpus().length
    } cores, ${new Date().toISOString().slice(0, 10)}`,
  );
  if (process.argv.includes('--build') || !existsSync(dist)) {
    const built = await timed(() =>
      run('yarn', ['workspace', 'app', 'build'], ROOT),
    );
    console.log(`built the frontend in ${built.seconds.toFixed(0)} s`);
  }

  const work = await mkdtemp(join(tmpdir(), 'orkestra-bench-health-'));
  let backend: ReturnType<typeof startBackend> | undefined;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  try {
    const seeded = await timed(() => seedLayout(work, patterns));
    console.log(
      `seeded ${patterns * 2} versions in ${seeded.seconds.toFixed(1)} s`,
    );
    const configFile = join(work, 'app-config.bench.yaml');
    await writeFile(
      configFile,
      JSON.stringify({
        app: { baseUrl: BASE_URL },
        backend: {
          baseUrl: BASE_URL,
          listen: { port: PORT },
          cors: { origin: BASE_URL },
          database: {
            client: 'better-sqlite3',
            connection: { directory: join(work, 'sqlite') },
          },
        },
        orkestra: {
          sources: [
            {
              id: 'bench',
              type: 'layout',
              target: seeded.result,
              registry: 'oci.bench.example',
              prefix: 'bench',
              schedule: {
                frequency: { hours: 1 },
                timeout: { minutes: 30 },
                initialDelay: { seconds: 0 },
              },
            },
          ],
        },
      }),
    );
    backend = startBackend(configFile);
    const started = await timed(() => waitForSync(patterns, backend!.log));
    console.log(
      `backend started and synced ${patterns} patterns in ${started.seconds.toFixed(
        0,
      )} s`,
    );

    const context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      baseURL: BASE_URL,
    });
    await context.addInitScript(RECORD_MARKS);
    const page = await context.newPage();
    await page.goto('/');
    await page.getByRole('button', { name: 'Enter' }).click();
    await page
      .getByTestId('sidebar-root')
      .getByRole('link', { name: 'Catalog', exact: true })
      .waitFor();
    // One unmeasured visit: the browser caches the bundle as any returning user has it.
    await page.goto('/orkestra');
    await page.locator(ROWS).first().waitFor({ timeout: RUN_TIMEOUT_MS });

    const fullLoad = await measure(
      runs,
      async index => {
        await page.goto('/orkestra');
        const marks = await waitForMarks(page);
        console.log(
          `full load ${index + 1}: app shell ${marks.shell.toFixed(
            0,
          )} ms, first rows ${marks.firstRows.toFixed(
            0,
          )} ms, summary ${marks.summary.toFixed(0)} ms`,
        );
        return marks;
      },
      marks => marks.firstRows,
    );
    const inApp = await measure(
      runs,
      async index => {
        await page.goto('/settings');
        const link = page
          .getByTestId('sidebar-root')
          .getByRole('link', { name: 'Orkestra', exact: true });
        await link.waitFor();
        await page.evaluate(() => {
          (window as any).__marks.clicked = performance.now();
        });
        await link.click();
        const marks = await waitForMarks(page);
        const firstRows = marks.firstRows - marks.clicked!;
        console.log(
          `in-app ${index + 1}: first rows ${firstRows.toFixed(
            0,
          )} ms after the click, summary ${(
            marks.summary - marks.clicked!
          ).toFixed(0)} ms`,
        );
        return { ...marks, firstRows, summary: marks.summary - marks.clicked! };
      },
      marks => marks.firstRows,
    );
    const of = (results: RenderMarks[], key: keyof RenderMarks) =>
      spreadOf(results.map(marks => marks[key]!));
    const shell = of(fullLoad.results, 'shell');
    const firstRows = of(fullLoad.results, 'firstRows');
    const inAppRows = of(inApp.results, 'firstRows');
    const rows = await page.locator(ROWS).count();
    printSpreads(runs, [
      [
        'in-app navigation (sidebar click) to the first rows',
        `${formatSpread(inAppRows, 0, ' ms')} (${rows} rows); within 1 s: ${
          inAppRows.median < 1000 ? 'yes' : 'NO'
        }`,
      ],
      [
        'in-app navigation to the summary counts',
        formatSpread(of(inApp.results, 'summary'), 0, ' ms'),
      ],
      ['full page load: app shell (baseline)', formatSpread(shell, 0, ' ms')],
      ['full page load: first rows', formatSpread(firstRows, 0, ' ms')],
      [
        'full page load: first rows / app shell',
        formatSpread(ratioSpread(firstRows, shell), 2, '×'),
      ],
    ]);
  } finally {
    await browser.close();
    if (backend) await stopBackend(backend.child);
    await rm(work, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);
