/**
 * The publish path under faults, end to end: the `orkestra:publish` action
 * against a real docker-registry. What a real registry cannot be made to do
 * on demand (5xx bursts, slow answers, cut or corrupted bodies, Bearer tokens
 * that expire) is injected by a FAKE proxy in front of it (startFaultProxy).
 *
 * After each fault: a clear error, and a registry that lost nothing — every
 * tag published before points at the same manifest, every index entry is
 * still there. After the fault is gone, the publish succeeds.
 */
import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { JsonObject } from '@backstage/types';
import {
  GateRunner,
  OciLayoutStore,
  OciNotFoundError,
  readPatternIndex,
  RegistryClient,
  SourceConfig,
} from '@orkspace/backstage-plugin-orkestra-node';
import {
  Fault,
  FaultProxy,
  startFaultProxy,
  startTestRegistry,
  TestRegistry,
} from '@orkspace/orkestra-test-utils';
import {
  mkdir,
  mkdtemp,
  readdir,
  rm,
  symlink,
  truncate,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPublishingEnvironment } from '../publishing/PublishingEnvironment';
import { createPublishAction } from './publish';

// Real registries on a loaded 2-core CI machine: a fault scenario can take
// longer than Jest's default 5 s. No database is involved (the module keeps
// no state, and the portal calls go to a fake fetch), so unlike the backend's
// fault suite this one has nothing to run on PostgreSQL.
jest.setTimeout(60_000);

const KATALOG = (name: string, version: string) =>
  [
    'apiVersion: orkestra.orkspace.io/v1',
    'kind: Katalog',
    'metadata:',
    `  name: ${name}`,
    `  version: ${version}`,
    '  author: platform-team',
    'lifecycle: { maturity: stable }',
    '',
  ].join('\n');

/** A YAML "billion laughs": a few hundred bytes that expand to 10^9 strings. */
const ALIAS_BOMB = [
  'kind: Katalog',
  'metadata: { name: bomb, version: v1.0.0 }',
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
  'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
  'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
  'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
  'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
  'g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]',
  'h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]',
  'i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]',
  '',
].join('\n');

/**
 * The client's time limit where a test waits for it to give up. Every other
 * request of such a test must answer within it too, so it is generous; the
 * faulted request never answers at all (see `hang`), so a slow machine can
 * only make the test slower.
 */
const GIVE_UP_MS = 3_000;

/** A point a FAKE fault waits for. */
function milestone() {
  let reach!: () => void;
  const reached = new Promise<void>(resolve => {
    reach = resolve;
  });
  return { reached, reach };
}

/** What a registry holds that a publish must not lose: tags → digests, and index entries. */
interface RegistryState {
  tags: Map<string, string>;
  index: Map<string, string>;
}

function lostSince(before: RegistryState, after: RegistryState): string[] {
  const problems: string[] = [];
  for (const [tag, digest] of before.tags) {
    const now = after.tags.get(tag);
    if (now !== digest) problems.push(`${tag} moved from ${digest} to ${now}`);
  }
  for (const [name, entry] of before.index) {
    const now = after.index.get(name);
    if (now !== entry) problems.push(`index entry ${name} changed to ${now}`);
  }
  return problems;
}

describe('orkestra:publish under faults, against a real docker-registry', () => {
  let registry: TestRegistry;
  let proxy: FaultProxy;
  const workspace = createMockDirectory();
  let version = 0;
  const nextVersion = () => `v1.${++version}.0`;

  beforeAll(async () => {
    registry = await startTestRegistry();
    proxy = await startFaultProxy(registry.host);
    // What is there before: two katalogs and their index entries.
    for (const name of ['kept-one', 'kept-two']) {
      workspace.setContent({ 'katalog.yaml': KATALOG(name, 'v1.0.0') });
      await publish(name);
    }
  }, 60_000);
  afterAll(async () => {
    await proxy?.close();
    await registry?.stop();
  });
  /** Requests held by `hang`, let go after each test (the client has given up by then). */
  const held: Array<() => void> = [];
  afterEach(() => {
    proxy.clear();
    held.splice(0).forEach(release => release());
  });

  /** A fault that holds the request: the proxy answers nothing until the test is over. */
  function hang(): Fault {
    const release = milestone();
    held.push(release.reach);
    return { type: 'run', run: () => release.reached };
  }

  function environment(
    options: {
      host?: string;
      credentials?: JsonObject;
      openStore?: (
        source: SourceConfig,
      ) => Promise<RegistryClient | OciLayoutStore>;
      source?: JsonObject;
      timeoutMs?: number;
    } = {},
  ) {
    const host = options.host ?? proxy.host;
    const logger = mockServices.logger.mock();
    const source: JsonObject = options.source ?? {
      id: 'local',
      type: 'registry',
      target: `http://${host}/orkestra`,
      discovery: 'catalog',
      ...(options.credentials ? { credentials: options.credentials } : {}),
    };
    const env = createPublishingEnvironment({
      config: new ConfigReader({
        orkestra: {
          sources: [source],
          policy: {
            allowedRegistries: [
              `${host}/orkestra/`,
              'oci.orkestra.example/orkestra/',
            ],
          },
        },
      }),
      permissions: mockServices.permissions(),
      auth: mockServices.auth(),
      discovery: mockServices.discovery(),
      logger,
      gates: new GateRunner({}),
      fetch: (async () => new Response(null, { status: 202 })) as typeof fetch,
      openStore:
        options.openStore ??
        (options.credentials
          ? undefined
          : async s =>
              new RegistryClient({
                registry: s.registry,
                plainHttp: true,
                retryDelaysMs: [5, 20],
                timeoutMs: options.timeoutMs ?? 10_000,
              })),
    });
    return { action: createPublishAction(env), logger };
  }

  async function publish(
    name: string,
    options: Parameters<typeof environment>[0] & {
      input?: JsonObject;
      registryHost?: string;
    } = {},
  ) {
    const { action, logger } = environment(options);
    const ctx = createMockActionContext({
      workspacePath: workspace.path,
      input: {
        target: `${
          options.registryHost ?? options.host ?? proxy.host
        }/orkestra/katalogs/${name}`,
        ...options.input,
      },
    });
    await action.handler(ctx);
    return { ctx, logger };
  }

  const reader = () =>
    new RegistryClient({ registry: registry.host, plainHttp: true });

  async function registryState(): Promise<RegistryState> {
    const client = reader();
    const tags = new Map<string, string>();
    for (const repository of await client.listRepositories()) {
      if (repository.endsWith('/index')) continue;
      // A publish that failed after its uploads leaves a repository with blobs and no tag.
      const listed = await client.listTags(repository).catch(error => {
        if (error instanceof OciNotFoundError) return [];
        throw error;
      });
      for (const tag of listed)
        tags.set(
          `${repository}:${tag}`,
          (await client.resolve(repository, tag)).digest,
        );
    }
    const index = new Map<string, string>();
    const read = await readPatternIndex(client, 'orkestra/katalogs');
    for (const entry of read?.index.entries ?? [])
      index.set(entry.name, JSON.stringify(entry));
    return { tags, index };
  }

  /** Writes (non-GET/HEAD requests) the proxy passed on since `from`. */
  const writesSince = (from: number) =>
    proxy.requests
      .slice(from)
      .filter(r => !['GET', 'HEAD'].includes(r.method))
      .map(r => `${r.method} ${r.path.split('?')[0]}`);

  it('a 5xx burst the retries absorb does not stop a publish; one on an upload fails it with a clear error and no tag; the publish then succeeds', async () => {
    const before = await registryState();
    const tag = nextVersion();
    workspace.setContent({ 'katalog.yaml': KATALOG('bursty', tag) });

    proxy.inject({
      method: 'HEAD',
      path: '/blobs/',
      times: 2,
      fault: { type: 'status', status: 503 },
    });
    await publish('bursty');
    expect(proxy.requests.filter(r => r.status === 503)).toHaveLength(2);
    const absorbed = await registryState();
    expect(lostSince(before, absorbed)).toEqual([]);
    expect(absorbed.tags.has(`orkestra/katalogs/bursty:${tag}`)).toBe(true);

    const next = nextVersion();
    workspace.setContent({ 'katalog.yaml': KATALOG('bursty', next) });
    proxy.inject({
      method: 'POST',
      path: '/blobs/uploads/',
      times: 1,
      fault: { type: 'status', status: 503 },
    });
    await expect(publish('bursty')).rejects.toThrow(
      new RegExp(
        `^${proxy.host} answered HTTP 503 for blob sha256:[0-9a-f]{64} of orkestra/katalogs/bursty: injected by the fake proxy$`,
      ),
    );
    const failed = await registryState();
    expect(lostSince(absorbed, failed)).toEqual([]);
    expect(failed.tags.has(`orkestra/katalogs/bursty:${next}`)).toBe(false);
    expect(JSON.parse(failed.index.get('bursty')!).latestVersion).toBe(tag);

    await publish('bursty');
    const done = await registryState();
    expect(JSON.parse(done.index.get('bursty')!).latestVersion).toBe(next);
    done.index.delete('bursty');
    failed.index.delete('bursty');
    expect(lostSince(failed, done)).toEqual([]);
  });

  it('a failure while the index is updated: the error says the version was pushed and how to finish, and the index keeps every entry', async () => {
    const before = await registryState();
    const tag = nextVersion();
    workspace.setContent({ 'katalog.yaml': KATALOG('half-done', tag) });
    proxy.inject({
      method: 'PUT',
      path: '/v2/orkestra/katalogs/index/manifests/latest',
      fault: { type: 'status', status: 503 },
    });
    const failure = publish('half-done');
    await expect(failure).rejects.toThrow(
      new RegExp(
        `^Pushed ${proxy.host}/orkestra/katalogs/half-done:${tag} \\(sha256:[0-9a-f]{64}\\), but the index orkestra/katalogs/index:latest was not updated: ${proxy.host} answered HTTP 503 for manifest orkestra/katalogs/index:latest: injected by the fake proxy\\. Publish again with overwrite: true to update it\\.$`,
      ),
    );
    const after = await registryState();
    expect(lostSince(before, after)).toEqual([]);
    expect(after.tags.has(`orkestra/katalogs/half-done:${tag}`)).toBe(true);
    expect(after.index.has('half-done')).toBe(false);

    proxy.clear();
    await expect(publish('half-done')).rejects.toThrow(
      /already exists; set overwrite/,
    );
    await publish('half-done', { input: { overwrite: true } });
    expect(
      JSON.parse((await registryState()).index.get('half-done')!).latestVersion,
    ).toBe(tag);
  });

  it('a registry killed mid-publish and restarted: the publish says it cannot reach the registry, nothing is lost, and publishing again succeeds', async () => {
    const before = await registryState();
    const tag = nextVersion();
    workspace.setContent({
      'katalog.yaml': KATALOG('crashing', tag),
      'README.md': '# crashing\n',
    });
    let uploads = 0;
    const crashing: typeof fetch = async (input, init) => {
      if (init?.method === 'PUT' && ++uploads === 2) await registry.kill();
      return fetch(input, init);
    };
    const direct = {
      host: registry.host,
      openStore: async () =>
        new RegistryClient({
          registry: registry.host,
          plainHttp: true,
          retryDelaysMs: [5, 20],
          fetch: crashing,
        }),
    };
    try {
      await expect(publish('crashing', direct)).rejects.toThrow(
        new RegExp(`^cannot reach ${registry.host} \\(`),
      );
    } finally {
      await registry.restart();
    }
    const after = await registryState();
    expect(lostSince(before, after)).toEqual([]);
    expect(after.tags.has(`orkestra/katalogs/crashing:${tag}`)).toBe(false);

    await publish('crashing', { host: registry.host });
    expect(
      JSON.parse((await registryState()).index.get('crashing')!).latestVersion,
    ).toBe(tag);
  });

  it('slow responses: a registry that does not answer fails the publish with a TIMEOUT naming the request, before anything is written', async () => {
    const before = await registryState();
    const tag = nextVersion();
    workspace.setContent({ 'katalog.yaml': KATALOG('slow', tag) });
    proxy.inject({ method: 'HEAD', path: '/manifests/', fault: hang() });
    const from = proxy.requests.length;
    await expect(publish('slow', { timeoutMs: GIVE_UP_MS })).rejects.toThrow(
      `${proxy.host} did not answer HEAD /v2/orkestra/katalogs/slow/manifests/${tag} within ${GIVE_UP_MS} ms`,
    );
    // The client gave up on its own: the held request was never answered.
    expect(
      proxy.requests.slice(from).map(r => [r.method, r.fault, r.status]),
    ).toEqual([['HEAD', 'run', undefined]]);
    expect(writesSince(from)).toEqual([]);
    expect(lostSince(before, await registryState())).toEqual([]);
  });

  it.each([
    [
      'a cut index body',
      {
        method: 'GET',
        path: /\/v2\/orkestra\/katalogs\/index\/blobs\//,
        fault: { type: 'cut-body' as const },
      },
      /was cut off: the connection closed before the whole body arrived/,
      undefined,
    ],
    [
      'a stalled index body',
      {
        method: 'GET',
        path: /\/v2\/orkestra\/katalogs\/index\/blobs\//,
        // The proxy has no hold-until-disconnect for bodies: a stall ten
        // times the client's limit stands in for "never".
        fault: { type: 'stall-body' as const, ms: 10 * GIVE_UP_MS },
      },
      new RegExp(
        `did not send all of blob sha256:[0-9a-f]{64} of orkestra/katalogs/index within ${GIVE_UP_MS} ms`,
      ),
      GIVE_UP_MS,
    ],
    [
      'an index manifest that does not match its digest',
      {
        method: 'GET',
        path: '/v2/orkestra/katalogs/index/manifests/latest',
        fault: { type: 'corrupt-body' as const },
      },
      /manifest orkestra\/katalogs\/index:latest: expected digest sha256:[0-9a-f]{64} but the content hashes to/,
      undefined,
    ],
  ])(
    '%s: the index is not rewritten from what was misread, and keeps every entry',
    async (_name, rule, message, timeoutMs) => {
      const before = await registryState();
      const tag = nextVersion();
      workspace.setContent({ 'katalog.yaml': KATALOG('misread', tag) });
      proxy.inject(rule);
      const from = proxy.requests.length;
      await expect(publish('misread', { timeoutMs })).rejects.toThrow(message);
      expect(
        writesSince(from).filter(w => w.includes('/orkestra/katalogs/index/')),
      ).toEqual([]);
      const after = await registryState();
      expect(lostSince(before, after)).toEqual([]);
      expect(after.index.size).toBe(before.index.size);
    },
  );

  it('an expired token mid-publish is renewed; revoked credentials fail with a clear error, write nothing and leak nowhere', async () => {
    const password = `publish-pw-${Math.random().toString(36).slice(2)}`;
    const bearer = await startFaultProxy(registry.host);
    bearer.requireBearer({ username: 'publish-bot', password });
    try {
      const credentials = { username: 'publish-bot', password };
      const tag = nextVersion();
      workspace.setContent({ 'katalog.yaml': KATALOG('tokened', tag) });
      bearer.inject({
        method: 'PUT',
        times: 1,
        fault: { type: 'run', run: () => bearer.expireTokens() },
      });
      const first = await publish('tokened', {
        host: bearer.host,
        credentials,
      });
      expect(bearer.tokensIssued).toBeGreaterThan(1);
      expect(first.ctx.output).toHaveBeenCalledWith(
        'reference',
        `${bearer.host}/orkestra/katalogs/tokened:${tag}`,
      );

      const before = await registryState();
      bearer.clear();
      bearer.revokeCredentials();
      const next = nextVersion();
      workspace.setContent({ 'katalog.yaml': KATALOG('tokened', next) });
      const from = bearer.requests.length;
      const failure = publish('tokened', { host: bearer.host, credentials });
      await expect(failure).rejects.toThrow(
        `the token service of ${bearer.host} rejected the configured credentials (HTTP 401)`,
      );
      const error = await failure.catch(e => e);
      expect(
        JSON.stringify({ message: error.message, stack: error.stack }),
      ).not.toContain(password);
      expect(
        bearer.requests
          .slice(from)
          .filter(r => !['GET', 'HEAD'].includes(r.method) && r.status !== 401),
      ).toEqual([]);
      expect(lostSince(before, await registryState())).toEqual([]);
      expect(
        bearer.requests.filter(
          r =>
            !r.path.startsWith('/token') &&
            r.authorization?.startsWith('Basic'),
        ),
      ).toEqual([]);
    } finally {
      await bearer.close();
    }
  });

  it('a YAML alias bomb in the pattern folder is refused by the alias limit (not by running out of time or memory), naming the file, before any request', async () => {
    const from = proxy.requests.length;
    for (const files of [
      { 'katalog.yaml': ALIAS_BOMB } as Record<string, string>,
      {
        'katalog.yaml': KATALOG('bomb', 'v1.0.0'),
        'crd.yaml': ALIAS_BOMB.replace(/^kind.*\nmetadata.*\n/, ''),
      },
    ]) {
      workspace.setContent(files);
      await expect(publish('bomb')).rejects.toThrow(
        /(katalog|crd)\.yaml could not be read: Excessive alias count indicates a resource exhaustion attack/,
      );
    }
    expect(proxy.requests.length).toBe(from);
  });

  it('a 100 MB file in the pattern folder is refused by its size before it is read or sent', async () => {
    const from = proxy.requests.length;
    for (const name of ['README.md', 'crd.yaml']) {
      workspace.setContent({
        'katalog.yaml': KATALOG('huge', 'v1.0.0'),
        [name]: '',
      });
      // Sparse: 100 MB on paper, no disk and no memory spent.
      await truncate(join(workspace.path, name), 100 * 1024 * 1024);
      await expect(publish('huge')).rejects.toThrow(
        `${name} is 104857600 bytes; a pattern file may be at most 4194304 bytes`,
      );
    }
    expect(proxy.requests.length).toBe(from);
  });

  it('path traversal: a folder outside the workspace, a file symlinked out of the folder, a layout repository symlinked out of its root: each refused, nothing read or written outside', async () => {
    const outside = await mkdtemp(join(tmpdir(), 'orkestra-outside-'));
    const SECRET = 'TOP-SECRET-OUTSIDE-THE-WORKSPACE';
    try {
      await writeFile(join(outside, 'secret.txt'), `root:${SECRET}:0:0\n`);
      const from = proxy.requests.length;

      workspace.setContent({ 'katalog.yaml': KATALOG('escape', 'v1.0.0') });
      await expect(
        publish('escape', { input: { path: `../../..${outside}` } }),
      ).rejects.toThrow(/outside/);
      await symlink(outside, join(workspace.path, 'linked'));
      await expect(
        publish('escape', { input: { path: 'linked' } }),
      ).rejects.toThrow(/outside/);

      for (const name of ['README.md', 'katalog.yaml']) {
        workspace.setContent(
          name === 'README.md'
            ? { 'katalog.yaml': KATALOG('escape', 'v1.0.0') }
            : {},
        );
        await symlink(join(outside, 'secret.txt'), join(workspace.path, name));
        const failure = publish('escape');
        await expect(failure).rejects.toThrow(
          `${name} is a symbolic link that leads outside the pattern folder`,
        );
        expect(String((await failure.catch(e => e)).message)).not.toContain(
          SECRET,
        );
      }
      expect(proxy.requests.length).toBe(from);

      // An OCI layout source whose repository folder is a symlink out of the layout root.
      const root = await mkdtemp(join(tmpdir(), 'orkestra-publish-layout-'));
      try {
        await mkdir(join(root, 'orkestra/katalogs'), { recursive: true });
        await mkdir(join(outside, 'planted'));
        await symlink(
          join(outside, 'planted'),
          join(root, 'orkestra/katalogs/escape'),
        );
        workspace.setContent({ 'katalog.yaml': KATALOG('escape', 'v1.0.0') });
        await expect(
          publish('escape', {
            registryHost: 'oci.orkestra.example',
            source: {
              id: 'layout',
              type: 'layout',
              target: root,
              registry: 'oci.orkestra.example',
              prefix: 'orkestra',
            },
            openStore: async () => OciLayoutStore.open(root),
          }),
        ).rejects.toThrow(
          /leaves the layout root|resolves outside the layout root/,
        );
        expect(await readdir(join(outside, 'planted'))).toEqual([]);
      } finally {
        await rm(root, { recursive: true, force: true });
      }
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });
});
