import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  findExecutable,
  freeLoopbackPort,
  ManagedProcess,
  run,
  waitFor,
} from './processes';
import type { TestRegistryTokenAuth } from './startTestTokenIssuer';

export interface TestRegistryOptions {
  /** Protects the registry with htpasswd Basic auth for this one user. */
  basicAuth?: { username: string; password: string };
  /**
   * Protects the registry with Bearer token auth (`auth.token`): tokens
   * from `realm` (e.g. a `startTestTokenIssuer` issuer, which has these
   * fields), for `service`, from `issuer`, signed under `rootCertBundlePath`.
   */
  tokenAuth?: TestRegistryTokenAuth;
  /**
   * Serves this existing folder instead of a fresh one, and keeps it on
   * `stop()` (benchmarks reuse a seeded registry this way).
   */
  storageDir?: string;
}

/** A real OCI distribution registry (Debian's `docker-registry`) on loopback. */
export interface TestRegistry {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** `127.0.0.1:<port>`, the registry part of a reference. */
  host: string;
  /** The folder holding the registry's blobs and manifests. */
  storageDir: string;
  /**
   * Kills the registry process with SIGKILL, as a crash would. Its port,
   * configuration and storage are kept for {@link TestRegistry.restart}.
   */
  kill(): Promise<void>;
  /** Starts the registry again on the same port with the same storage (after `kill`). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

const MISSING = [
  'docker-registry was not found on PATH.',
  "Install Debian's package: apt-get install -y docker-registry apache2-utils",
  '(scripts/ensure-system-packages.sh does it for this repository).',
].join(' ');

/**
 * Starts Debian's `docker-registry` (distribution 2.8) on a free loopback
 * port with its own temporary storage, optionally behind htpasswd Basic auth
 * or token auth.
 * Resolves once `/v2/` answers; `stop()` ends it and removes its storage.
 */
export async function startTestRegistry(
  options: TestRegistryOptions = {},
): Promise<TestRegistry> {
  const binary =
    process.env.ORKESTRA_DOCKER_REGISTRY_BIN ??
    findExecutable('docker-registry');
  if (!binary) throw new Error(MISSING);

  const dir = await mkdtemp(join(tmpdir(), 'orkestra-registry-'));
  const storageDir = options.storageDir ?? join(dir, 'data');
  const config: string[] = [
    'version: 0.1',
    'log:',
    '  level: warn',
    '  accesslog:',
    '    disabled: true',
    'storage:',
    '  filesystem:',
    `    rootdirectory: ${JSON.stringify(storageDir)}`,
    '  delete:',
    '    enabled: true',
    'http:',
    '  addr: 127.0.0.1:0', // replaced below
  ];
  if (options.basicAuth && options.tokenAuth) {
    throw new Error('a test registry takes basicAuth or tokenAuth, not both');
  }
  if (options.tokenAuth) {
    const { realm, service, issuer, rootCertBundlePath } = options.tokenAuth;
    config.push(
      'auth:',
      '  token:',
      `    realm: ${JSON.stringify(realm)}`,
      `    service: ${JSON.stringify(service)}`,
      `    issuer: ${JSON.stringify(issuer)}`,
      `    rootcertbundle: ${JSON.stringify(rootCertBundlePath)}`,
    );
  }
  if (options.basicAuth) {
    const htpasswdBinary = findExecutable('htpasswd');
    if (!htpasswdBinary) {
      throw new Error(
        'htpasswd was not found on PATH: apt-get install -y apache2-utils',
      );
    }
    // distribution only accepts bcrypt entries (-B).
    const entry = await run(htpasswdBinary, [
      '-Bbn',
      options.basicAuth.username,
      options.basicAuth.password,
    ]);
    await writeFile(join(dir, 'htpasswd'), entry, { mode: 0o600 });
    config.push(
      'auth:',
      '  htpasswd:',
      '    realm: orkestra-test-registry',
      `    path: ${JSON.stringify(join(dir, 'htpasswd'))}`,
    );
  }

  const configPath = join(dir, 'config.yml');
  const launch = async (port: number): Promise<ManagedProcess> => {
    const child = new ManagedProcess(binary, ['serve', configPath]);
    const url = `http://127.0.0.1:${port}`;
    try {
      await waitFor(
        async () => {
          if (!child.running) return false;
          const response = await fetch(`${url}/v2/`);
          await response.arrayBuffer();
          return response.status === 200 || response.status === 401;
        },
        {
          timeoutMs: 15_000,
          describe: () =>
            `docker-registry did not answer on ${url}: ${child.output}`,
        },
      );
      return child;
    } catch (error) {
      await child.stop();
      throw error;
    }
  };

  let lastError: unknown;
  // Another process may grab the port between allocation and bind: retry.
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await freeLoopbackPort();
    await writeFile(
      configPath,
      `${config.join('\n').replace('127.0.0.1:0', `127.0.0.1:${port}`)}\n`,
    );
    let child: ManagedProcess;
    try {
      child = await launch(port);
    } catch (error) {
      lastError = error;
      continue;
    }
    // The registry checks token times on the real clock, whatever the tests' is.
    await options.tokenAuth?.useClockOf?.(`http://127.0.0.1:${port}`);
    return {
      url: `http://127.0.0.1:${port}`,
      host: `127.0.0.1:${port}`,
      storageDir,
      kill: () => child.kill(),
      restart: async () => {
        if (child.running)
          throw new Error(
            'the test registry is still running; kill() it first',
          );
        child = await launch(port);
      },
      stop: async () => {
        await child.stop();
        await rm(dir, { recursive: true, force: true });
      },
    };
  }
  await rm(dir, { recursive: true, force: true });
  throw lastError;
}
