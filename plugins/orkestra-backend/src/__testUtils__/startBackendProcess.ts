import { JsonObject } from '@backstage/types';
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** One line a backend process wrote: its JSON log entry, or the raw text. */
export interface ProcessLogLine {
  message: string;
  [key: string]: unknown;
}

/** A real Orkestra backend running in its own Node.js process. */
export interface BackendProcess {
  name: string;
  pid: number;
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** Every line it logged so far. */
  readonly lines: ProcessLogLine[];
  /** `fetch` on its URL, with the static external-access token. */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /** GET, expecting 200, and the parsed body. */
  getJson<T = any>(path: string): Promise<T>;
  /** SIGTERM (Backstage shuts down gracefully), SIGKILL after 15 s; removes its files. */
  stop(): Promise<void>;
}

// require.resolve rather than a path join, so that knip sees the file (and
// its imports) as used: it is started as a child process, never imported.
const ENTRY = require.resolve('./backendProcessMain.ts');
/** The plugin package: Backstage finds its package.json and the monorepo root from here. */
const PACKAGE_DIR = resolve(__dirname, '../..');

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.unref();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        address && typeof address === 'object'
          ? done(address.port)
          : fail(new Error('no loopback port')),
      );
    });
  });
}

function parseLine(text: string): ProcessLogLine {
  try {
    const parsed = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && 'message' in parsed)
      return parsed;
  } catch {
    // not a JSON log line
  }
  return { message: text };
}

/**
 * Starts `backendProcessMain.ts` (`createBackend()` with default services and
 * the Orkestra plugin) in a child Node.js process, as `NODE_ENV=production`,
 * with `config` plus its own `backend.baseUrl`/`listen` and a static
 * external-access token, all written to an app-config file given with
 * `--config`. Resolves once the backend reports itself ready.
 */
export async function startBackendProcess(options: {
  name: string;
  config: JsonObject;
  timeoutMs?: number;
}): Promise<BackendProcess> {
  const dir = await mkdtemp(join(tmpdir(), `orkestra-${options.name}-`));
  const token = randomBytes(24).toString('hex');
  const nodeTransform = require.resolve(
    '@backstage/cli/config/nodeTransform.cjs',
  );
  const timeoutMs = options.timeoutMs ?? 60_000;

  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const config = {
      ...options.config,
      backend: {
        ...(options.config.backend as JsonObject | undefined),
        baseUrl: url,
        listen: { host: '127.0.0.1', port },
        auth: {
          externalAccess: [
            { type: 'static', options: { token, subject: 'replica-test' } },
          ],
        },
      },
    };
    const configPath = join(dir, 'app-config.yaml');
    // JSON is YAML.
    await writeFile(configPath, JSON.stringify(config, null, 2));

    const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production' };
    delete env.NODE_OPTIONS;
    const child: ChildProcess = spawn(
      process.execPath,
      ['--require', nodeTransform, ENTRY, '--config', configPath],
      { cwd: PACKAGE_DIR, env, stdio: ['pipe', 'pipe', 'pipe'] },
    );
    const lines: ProcessLogLine[] = [];
    let raw = '';
    const collect = (chunk: Buffer) => {
      raw += chunk.toString('utf8');
      let newline = raw.indexOf('\n');
      while (newline >= 0) {
        const text = raw.slice(0, newline).trim();
        raw = raw.slice(newline + 1);
        if (text) lines.push(parseLine(text));
        newline = raw.indexOf('\n');
      }
    };
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    const exited = new Promise<number | null>(done => {
      child.once('exit', code => done(code));
      child.once('error', error => {
        lines.push({ message: String(error) });
        done(null);
      });
    });
    const running = () => child.exitCode === null && child.signalCode === null;
    const tail = () =>
      lines
        .slice(-40)
        .map(l => l.message)
        .join('\n');

    const deadline = Date.now() + timeoutMs;
    let ready = false;
    while (running() && Date.now() < deadline) {
      try {
        const response = await fetch(`${url}/.backstage/health/v1/readiness`);
        await response.arrayBuffer();
        if (response.status === 200) {
          ready = true;
          break;
        }
      } catch {
        // not listening yet
      }
      await new Promise(r => setTimeout(r, 200));
    }

    const stop = async () => {
      if (running()) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(timer);
      }
    };
    if (ready) {
      const authorized = (path: string, init: RequestInit = {}) =>
        fetch(`${url}${path}`, {
          ...init,
          headers: {
            authorization: `Bearer ${token}`,
            ...(init.headers as Record<string, string> | undefined),
          },
        });
      return {
        name: options.name,
        pid: child.pid!,
        url,
        lines,
        fetch: authorized,
        async getJson(path: string) {
          const response = await authorized(path);
          const text = await response.text();
          if (response.status !== 200) {
            throw new Error(
              `${options.name}: GET ${path} answered ${response.status}: ${text}`,
            );
          }
          return JSON.parse(text);
        },
        async stop() {
          await stop();
          await rm(dir, { recursive: true, force: true });
        },
      };
    }
    await stop();
    lastError = new Error(
      `backend process ${
        options.name
      } did not become ready on ${url}:\n${tail()}`,
    );
    // Someone else took the port between allocation and listen: try another.
    if (!/EADDRINUSE/.test(tail())) break;
  }
  await rm(dir, { recursive: true, force: true });
  throw lastError;
}
