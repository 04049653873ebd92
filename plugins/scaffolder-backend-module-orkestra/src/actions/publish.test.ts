import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import {
  GateRunner,
  OciStore,
  readPatternIndex,
  RegistryClient,
  SourceConfig,
} from '@orkspace/backstage-plugin-orkestra-node';
import { startTestRegistry, TestRegistry } from '@orkspace/orkestra-test-utils';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { FakeOrk, FakeOrkMode, installFakeOrk } from '../__testUtils__/fakeOrk';
import { createPublishingEnvironment } from '../publishing/PublishingEnvironment';
import { createDeprecateAction } from './deprecate';
import { createPublishAction } from './publish';

const run = promisify(execFile);

const KATALOG = (name: string, version: string, extra = '') =>
  [
    'apiVersion: orkestra.orkspace.io/v1',
    'kind: Katalog',
    'metadata:',
    `  name: ${name}`,
    `  version: ${version}`,
    '  author: platform-team',
    '  tags: [web]',
    'lifecycle: { maturity: stable }',
    extra,
  ].join('\n');

const SIMULATE =
  'kind: Simulate\nspec:\n  expect:\n    noErrors: true\n    steady: true\n';
const E2E =
  'kind: E2E\nspec:\n  expect:\n    - name: ready\n      after: cr-applied\n      resources: [{ kind: Deployment, name: x, ready: true }]\n';

/** A point one publish waits for until another reaches it. */
function milestone() {
  let reach!: () => void;
  const reached = new Promise<void>(resolve => {
    reach = resolve;
  });
  return { reached, reach };
}

describe('orkestra:publish against a real docker-registry', () => {
  let registry: TestRegistry;
  let ork: FakeOrk;
  const workspace = createMockDirectory();
  const writes: string[] = [];

  beforeAll(async () => {
    [registry, ork] = await Promise.all([
      startTestRegistry(),
      installFakeOrk(),
    ]);
  });
  afterAll(async () => {
    await registry?.stop();
    await ork?.remove();
  });
  beforeEach(() => {
    workspace.clear();
    writes.length = 0;
  });

  function setup(
    options: {
      mode?: FakeOrkMode;
      deny?: boolean;
      allowForce?: boolean;
      timeoutMs?: number;
      /** `orkestra.gates.runtimeVersion`: the `ork version` the gates run. */
      runtimeVersion?: string;
      /** Wraps the registry client's fetch (which records the writes). */
      wrapFetch?: (next: typeof fetch) => typeof fetch;
    } = {},
  ) {
    const countingFetch: typeof fetch = (input, init) => {
      const method = init?.method ?? 'GET';
      if (!['GET', 'HEAD'].includes(method))
        writes.push(`${method} ${new URL(String(input)).pathname}`);
      return fetch(input, init);
    };
    const config = new ConfigReader({
      orkestra: {
        sources: [
          {
            id: 'local',
            type: 'registry',
            target: `http://${registry.host}/orkestra`,
            discovery: 'catalog',
          },
        ],
        policy: {
          allowedRegistries: [`${registry.host}/orkestra/`],
          allowForcedPublish: options.allowForce ?? true,
        },
        ...(options.runtimeVersion
          ? { gates: { runtimeVersion: options.runtimeVersion } }
          : {}),
      },
    });
    const fakeOrk = ork.path;
    const gates = new GateRunner(
      {
        simulate: {
          command: [fakeOrk, 'simulate', '{file}'],
          timeoutMs: options.timeoutMs ?? 10_000,
          env: { FAKE_ORK_MODE: options.mode ?? 'pass' },
        },
        e2e: {
          command: [fakeOrk, 'e2e', '{file}'],
          timeoutMs: options.timeoutMs ?? 10_000,
          env: { FAKE_ORK_MODE: options.mode ?? 'pass' },
        },
      },
      { env: { GITHUB_ACTIONS: 'true' }, killGraceMs: 200 },
    );
    const resync = jest.fn(async () => new Response(null, { status: 202 }));
    const env = createPublishingEnvironment({
      config,
      permissions: mockServices.permissions({
        result: options.deny ? AuthorizeResult.DENY : AuthorizeResult.ALLOW,
      }),
      auth: mockServices.auth(),
      discovery: mockServices.discovery(),
      logger: mockServices.logger.mock(),
      gates,
      fetch: resync as unknown as typeof fetch,
      openStore: async (source: SourceConfig): Promise<OciStore> =>
        new RegistryClient({
          registry: source.registry,
          plainHttp: true,
          fetch: options.wrapFetch?.(countingFetch) ?? countingFetch,
        }),
    });
    return {
      action: createPublishAction(env, {
        runtimeVersion: config.getOptionalString(
          'orkestra.gates.runtimeVersion',
        ),
      }),
      deprecate: createDeprecateAction(env),
      resync,
    };
  }

  const reader = () =>
    new RegistryClient({ registry: registry.host, plainHttp: true });

  async function rawManifest(repository: string, tag: string) {
    const { stdout } = await run('skopeo', [
      'inspect',
      '--raw',
      '--tls-verify=false',
      `docker://${registry.host}/${repository}:${tag}`,
    ]);
    return JSON.parse(stdout);
  }

  it('publishes a katalog through passing gates with exactly what ork push writes', async () => {
    workspace.setContent({
      katalog: {
        'katalog.yaml': KATALOG('webapp-operator', 'v1.0.0'),
        'simulate.yaml': SIMULATE,
        'e2e.yaml': E2E,
        'README.md': '# webapp\n',
      },
    });
    const { action, resync } = setup();
    const ctx = createMockActionContext({
      workspacePath: workspace.path,
      input: {
        path: 'katalog',
        target: `${registry.host}/orkestra/katalogs/webapp-operator`,
      },
    });
    await action.handler(ctx);

    expect(ctx.output).toHaveBeenCalledWith(
      'reference',
      `${registry.host}/orkestra/katalogs/webapp-operator:v1.0.0`,
    );
    expect(ctx.output).toHaveBeenCalledWith('simulate', 'passed');
    expect(ctx.output).toHaveBeenCalledWith('e2e', 'passed');
    const manifest = await rawManifest(
      'orkestra/katalogs/webapp-operator',
      'v1.0.0',
    );
    expect(manifest.config.mediaType).toBe(
      'application/vnd.orkestra.pattern.v1+tar+gzip',
    );
    expect(
      manifest.layers.map(
        (l: any) => l.annotations['org.opencontainers.image.title'],
      ),
    ).toEqual(['katalog.yaml', 'README.md', 'e2e.yaml', 'simulate.yaml']);
    expect(manifest.annotations).toMatchObject({
      'io.orkestra.pattern.kind': 'Katalog',
      'io.orkestra.pattern.name': 'webapp-operator',
      'io.orkestra.simulate.status': 'passed',
      'io.orkestra.simulate.assertions': '3',
      'io.orkestra.simulate.duration': '1.234s',
      'io.orkestra.e2e.status': 'passed',
      'io.orkestra.e2e.runner': 'github-actions',
      // ork: Elapsed.Round(time.Second).String() for e2e, to the millisecond for simulate.
      'io.orkestra.e2e.duration': '1s',
    });
    const index = await readPatternIndex(reader(), 'orkestra/katalogs');
    expect(index?.index.entries).toEqual([
      expect.objectContaining({
        name: 'webapp-operator',
        latestVersion: 'v1.0.0',
        simulateStatus: 'passed',
        e2eStatus: 'passed',
      }),
    ]);
    expect(resync).toHaveBeenCalledWith(
      expect.stringMatching(/\/api\/orkestra\/sources\/local\/resync$/),
      expect.objectContaining({
        method: 'POST',
        body: JSON.stringify({
          repository: 'orkestra/katalogs/webapp-operator',
        }),
      }),
    );
  });

  describe('typed Katalogs and the runtime version, as ork push derives them', () => {
    const TYPED_CRDS = [
      'spec:',
      '  crds:',
      '    webapp:',
      '      apiTypes: { group: apps.example.com, version: v1, kind: WebApp }',
      '      operatorBox:',
      '        reconciler:',
      '          hooks: { location: { function: NewWebAppHooks } }',
      '    job:',
      '      apiTypes: { group: apps.example.com, version: v1, kind: Job }',
      '      operatorBox:',
      '        reconciler:',
      '          default: false',
      '          constructor: { location: { function: NewJobReconciler } }',
    ].join('\n');
    const UNTYPED_CRDS = [
      'spec:',
      '  crds:',
      '    webapp:',
      '      apiTypes: { group: apps.example.com, version: v1, kind: WebApp }',
      '      operatorBox:',
      '        reconciler: { workers: 2 }',
    ].join('\n');
    const GO_MOD = [
      'module example.com/webapp-operator',
      '',
      'go 1.24',
      '',
      'require (',
      '\tgithub.com/orkspace/orkestra v0.7.6',
      '\tk8s.io/apimachinery v0.31.0',
      ')',
      '',
    ].join('\n');
    const identity = (name: string) => ({
      'org.opencontainers.image.created': expect.stringMatching(
        /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/,
      ),
      'org.opencontainers.image.title': name,
      'org.opencontainers.image.version': 'v1.0.0',
      'org.opencontainers.image.description': `Pattern ${name}`,
      'org.opencontainers.image.authors': 'platform-team',
      'io.orkestra.pattern.kind': 'Katalog',
      'io.orkestra.pattern.name': name,
      'io.orkestra.pattern.version': 'v1.0.0',
      'io.orkestra.pattern.author': 'platform-team',
      'io.orkestra.pattern.license': '',
      'io.orkestra.pattern.tags': 'web',
    });

    async function publish(
      name: string,
      files: Record<string, string>,
      runtimeVersion?: string,
    ) {
      workspace.setContent({ katalog: files });
      const { action } = setup({ runtimeVersion });
      await action.handler(
        createMockActionContext({
          workspacePath: workspace.path,
          input: {
            path: 'katalog',
            target: `${registry.host}/orkestra/katalogs/${name}`,
          },
        }),
      );
      return rawManifest(`orkestra/katalogs/${name}`, 'v1.0.0');
    }

    it('writes the typed flags and the go.mod orkestra version, whatever ork version runs', async () => {
      const manifest = await publish(
        'typed-operator',
        {
          'katalog.yaml': KATALOG('typed-operator', 'v1.0.0', TYPED_CRDS),
          'go.mod': GO_MOD,
        },
        'v0.9.2',
      );
      expect(manifest.annotations).toEqual({
        ...identity('typed-operator'),
        'io.orkestra.katalog.typed': 'true',
        'io.orkestra.katalog.has_hooks': 'true',
        'io.orkestra.katalog.has_constructor': 'true',
        'io.orkestra.katalog.runtime_version': 'v0.7.6',
      });
      expect(
        manifest.layers.map(
          (l: any) => l.annotations['org.opencontainers.image.title'],
        ),
      ).toContain('go.mod');
    });

    it('falls back to the ork version for a typed katalog whose go.mod does not require orkestra', async () => {
      const manifest = await publish(
        'typed-nomod',
        { 'katalog.yaml': KATALOG('typed-nomod', 'v1.0.0', TYPED_CRDS) },
        'v0.9.2',
      );
      expect(manifest.annotations).toEqual({
        ...identity('typed-nomod'),
        'io.orkestra.katalog.typed': 'true',
        'io.orkestra.katalog.has_hooks': 'true',
        'io.orkestra.katalog.has_constructor': 'true',
        'io.orkestra.katalog.runtime_version': 'v0.9.2',
      });
    });

    it("writes no typed flags and the ork version (not go.mod's) for an untyped katalog", async () => {
      const manifest = await publish(
        'untyped-operator',
        {
          'katalog.yaml': KATALOG('untyped-operator', 'v1.0.0', UNTYPED_CRDS),
          'go.mod': GO_MOD,
        },
        'v0.9.2',
      );
      expect(manifest.annotations).toEqual({
        ...identity('untyped-operator'),
        'io.orkestra.katalog.runtime_version': 'v0.9.2',
      });
    });

    it('writes no runtime version for an untyped katalog when the ork version is not configured', async () => {
      const manifest = await publish('untyped-unknown', {
        'katalog.yaml': KATALOG('untyped-unknown', 'v1.0.0', UNTYPED_CRDS),
      });
      expect(manifest.annotations).toEqual(identity('untyped-unknown'));
    });

    it('writes the ork version and no typed flags for a motif', async () => {
      workspace.setContent({
        'motif.yaml':
          'kind: Motif\nmetadata:\n  name: typed-looking\n  version: v1.0.0\nspec:\n  crds:\n    a:\n      operatorBox:\n        reconciler:\n          hooks: {}\n',
        'go.mod': GO_MOD,
      });
      const { action } = setup({ runtimeVersion: 'v0.9.2' });
      await action.handler(
        createMockActionContext({
          workspacePath: workspace.path,
          input: { target: `${registry.host}/orkestra/motifs/typed-looking` },
        }),
      );
      const manifest = await rawManifest(
        'orkestra/motifs/typed-looking',
        'v1.0.0',
      );
      expect(
        Object.keys(manifest.annotations).filter(k =>
          k.startsWith('io.orkestra.katalog.'),
        ),
      ).toEqual(['io.orkestra.katalog.runtime_version']);
      expect(manifest.annotations['io.orkestra.katalog.runtime_version']).toBe(
        'v0.9.2',
      );
    });
  });

  describe('goldens: what ork push writes', () => {
    // Each publishes into its own namespace, so its index holds only its entries.
    async function publishTo(
      namespace: string,
      name: string,
      files: Record<string, string>,
      options: { tag?: string; mode?: 'pass' | 'quiet' } = {},
    ) {
      workspace.setContent({ katalog: files });
      const { action } = setup({ mode: options.mode });
      await action.handler(
        createMockActionContext({
          workspacePath: workspace.path,
          input: {
            path: 'katalog',
            target: `${registry.host}/${namespace}/${name}`,
            ...(options.tag ? { tag: options.tag } : {}),
          },
        }),
      );
    }

    /** The index.json bytes of `<namespace>/index:latest`, through skopeo's manifest. */
    async function rawIndex(namespace: string) {
      const manifest = await rawManifest(`${namespace}/index`, 'latest');
      const blob = await reader().fetchBlob(
        `${namespace}/index`,
        manifest.layers[0],
      );
      return Buffer.from(blob).toString('utf8');
    }

    it('writes the index updatedAt in whole seconds (time.RFC3339)', async () => {
      const namespace = 'orkestra/goldens-updated-at';
      await publishTo(namespace, 'seconds', {
        'katalog.yaml': KATALOG('seconds', 'v1.0.0'),
      });
      const index = await readPatternIndex(reader(), namespace);
      expect(index?.index.updatedAt).toMatch(
        /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/,
      );
      expect(await rawIndex(namespace)).toMatch(
        /^\{"updatedAt":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ","entries":\[/,
      );
    });

    it('writes tags: [] as "tags":[] in the index, and no tags key as "tags":null', async () => {
      const namespace = 'orkestra/goldens-tags';
      const katalog = (name: string, tagsLine: string) =>
        `kind: Katalog\nmetadata:\n  name: ${name}\n  version: v1.0.0\n${tagsLine}`;
      await publishTo(namespace, 'empty-tags', {
        'katalog.yaml': katalog('empty-tags', '  tags: []\n'),
      });
      await publishTo(namespace, 'no-tags', {
        'katalog.yaml': katalog('no-tags', ''),
      });
      const raw = await rawIndex(namespace);
      const entry = (name: string, tags: string) =>
        `{"name":"${name}","latestVersion":"v1.0.0","description":"Pattern ${name}","tags":${tags},"kind":"Katalog"}`;
      expect(raw).toContain(entry('empty-tags', '[]'));
      expect(raw).toContain(entry('no-tags', 'null'));
      const entries = (await readPatternIndex(reader(), namespace))!.index
        .entries;
      expect(entries.find(e => e.name === 'empty-tags')?.tags).toEqual([]);
      expect(entries.find(e => e.name === 'no-tags')?.tags).toBeNull();
      for (const name of ['empty-tags', 'no-tags'])
        expect(
          (await rawManifest(`${namespace}/${name}`, 'v1.0.0')).annotations[
            'io.orkestra.pattern.tags'
          ],
        ).toBe('');
    });

    it('writes metadata.version: 1.0 published as tag 1.0 as "1.0", not 1', async () => {
      const namespace = 'orkestra/goldens-scalar';
      await publishTo(
        namespace,
        'pg',
        {
          'katalog.yaml':
            'kind: Katalog\nmetadata:\n  name: pg\n  version: 1.0\n  author: platform-team\n',
        },
        { tag: '1.0' },
      );
      const manifest = await rawManifest(`${namespace}/pg`, '1.0');
      expect(manifest.annotations).toMatchObject({
        'io.orkestra.pattern.version': '1.0',
        'org.opencontainers.image.version': '1.0',
      });
      expect(await rawIndex(namespace)).toContain('"latestVersion":"1.0"');
    });

    it('writes io.orkestra.e2e.assertions as ork counts them: one per spec.expect item', async () => {
      const namespace = 'orkestra/goldens-e2e';
      // ork result.go Total() = len(Cases): one case per spec.expect item,
      // however many resources and kubectl checks it holds.
      const e2e = [
        'kind: E2E',
        'spec:',
        '  katalog: ./katalog.yaml',
        '  cr: ./cr.yaml',
        '  expect:',
        '    - name: everything at once',
        '      after: cr-applied',
        '      resources:',
        '        - { kind: Deployment, name: a, ready: true }',
        '        - { kind: Service, name: a }',
        '        - { kind: ConfigMap, name: a }',
        '      kubectl:',
        '        get: [{ kind: A, name: a, field: .status.phase, equals: Ready }, { kind: A, name: a, field: .spec.x, equals: y }]',
        '        logs: [{ labelSelector: app=a, outputContains: started }]',
        '    - name: cleanup',
        '      after: cr-deleted',
        '      resources: [{ kind: Deployment, name: a, absent: true }]',
        '',
      ].join('\n');
      await publishTo(
        namespace,
        'counted',
        {
          'katalog.yaml': KATALOG('counted', 'v1.0.0'),
          'e2e.yaml': e2e,
        },
        { mode: 'quiet' },
      );
      const manifest = await rawManifest(`${namespace}/counted`, 'v1.0.0');
      expect(manifest.annotations).toMatchObject({
        'io.orkestra.e2e.status': 'passed',
        'io.orkestra.e2e.assertions': '2',
      });
    });
  });

  it('publishes a motif without gates', async () => {
    workspace.setContent({
      'motif.yaml':
        'kind: Motif\nmetadata:\n  name: web-service\n  version: v1.0.0\n',
    });
    const { action } = setup();
    await action.handler(
      createMockActionContext({
        workspacePath: workspace.path,
        input: { target: `${registry.host}/orkestra/motifs/web-service` },
      }),
    );
    const manifest = await rawManifest('orkestra/motifs/web-service', 'v1.0.0');
    expect(manifest.config.mediaType).toBe(
      'application/vnd.orkestra.motif.v1+tar+gzip',
    );
    expect(
      Object.keys(manifest.annotations).filter(
        k => k.includes('simulate') || k.includes('e2e'),
      ),
    ).toEqual([]);
  });

  it.each([
    [
      'fails',
      { mode: 'fail' as const },
      /Simulate gate failed|push is blocked/,
    ],
    ['times out', { mode: 'hang' as const, timeoutMs: 500 }, /timed out/],
  ])('pushes nothing when a gate %s', async (_name, options, message) => {
    workspace.setContent({
      'katalog.yaml': KATALOG('blocked', 'v1.0.0'),
      'simulate.yaml': SIMULATE,
    });
    const { action } = setup(options);
    await expect(
      action.handler(
        createMockActionContext({
          workspacePath: workspace.path,
          input: { target: `${registry.host}/orkestra/katalogs/blocked` },
        }),
      ),
    ).rejects.toThrow(message);
    expect(writes).toEqual([]);
  });

  it('records a forced publish as skipped gates', async () => {
    workspace.setContent({
      'katalog.yaml': KATALOG('draft', 'v0.1.0'),
      'simulate.yaml': SIMULATE,
      'e2e.yaml': E2E,
    });
    const { action } = setup({ mode: 'fail' });
    await action.handler(
      createMockActionContext({
        workspacePath: workspace.path,
        input: {
          target: `${registry.host}/orkestra/katalogs/draft`,
          force: true,
        },
      }),
    );
    const manifest = await rawManifest('orkestra/katalogs/draft', 'v0.1.0');
    expect(manifest.annotations['io.orkestra.simulate.status']).toBe('skipped');
    expect(manifest.annotations['io.orkestra.e2e.status']).toBe('skipped');
    expect(
      manifest.annotations['io.orkestra.simulate.duration'],
    ).toBeUndefined();
  });

  it.each([
    [
      'no katalog.yaml',
      { 'README.md': '# nothing' },
      {},
      /no katalog\.yaml or motif\.yaml/,
    ],
    [
      'a version/tag mismatch',
      { 'katalog.yaml': KATALOG('x', 'v1.0.0') },
      { tag: 'v2.0.0' },
      /does not match metadata\.version/,
    ],
    [
      'a YAML error',
      {
        'katalog.yaml': KATALOG('x', 'v1.0.0'),
        'simulate.yaml': 'spec: [oops\n',
      },
      {},
      /simulate\.yaml/,
    ],
    [
      'a local motif import',
      {
        'katalog.yaml': KATALOG(
          'x',
          'v1.0.0',
          'spec:\n  crds:\n    app:\n      imports:\n        - motif: ./motifs/local\n',
        ),
      },
      {},
      /local path; ork push refuses local imports/,
    ],
    [
      'a target outside the allowed registries',
      { 'katalog.yaml': KATALOG('x', 'v1.0.0') },
      { target: 'ghcr.io/acme-evil/katalogs/x' },
      /outside the allowed registries/,
    ],
  ])(
    'refuses %s with a clear error and no write',
    async (_name, files, input, message) => {
      workspace.setContent(files);
      const { action } = setup();
      await expect(
        action.handler(
          createMockActionContext({
            workspacePath: workspace.path,
            input: { target: `${registry.host}/orkestra/katalogs/x`, ...input },
          }),
        ),
      ).rejects.toThrow(message);
      expect(writes).toEqual([]);
    },
  );

  it('refuses a denied permission, and forcing when policy forbids it, before any request', async () => {
    workspace.setContent({ 'katalog.yaml': KATALOG('x', 'v1.0.0') });
    const denied = setup({ deny: true });
    await expect(
      denied.action.handler(
        createMockActionContext({
          workspacePath: workspace.path,
          input: { target: `${registry.host}/orkestra/katalogs/x` },
        }),
      ),
    ).rejects.toThrow(/does not allow orkestra\.pattern\.publish/);
    const strict = setup({ allowForce: false });
    await expect(
      strict.action.handler(
        createMockActionContext({
          workspacePath: workspace.path,
          input: {
            target: `${registry.host}/orkestra/katalogs/x`,
            force: true,
          },
        }),
      ),
    ).rejects.toThrow(/allowForcedPublish/);
    expect(writes).toEqual([]);
  });

  it('never overwrites an existing version tag unless asked; with overwrite the tag and the index entry move to the new manifest', async () => {
    // Its own namespace: the index holds only this pattern.
    const repository = 'orkestra/overwrite/webapp-operator';
    const target = `${registry.host}/${repository}`;
    const katalog = (description: string) =>
      `kind: Katalog\nmetadata:\n  name: webapp-operator\n  version: v1.0.0\n  description: ${description}\n`;
    const publish = async (input: JsonObject = {}) => {
      const ctx = createMockActionContext({
        workspacePath: workspace.path,
        input: { target, ...input },
      });
      await setup().action.handler(ctx);
      return ctx;
    };
    const tagged = async () =>
      (await reader().resolve(repository, 'v1.0.0')).digest;
    const entry = async () =>
      (await readPatternIndex(reader(), 'orkestra/overwrite'))!.index.entries;

    workspace.setContent({
      'katalog.yaml': katalog('First build'),
      'simulate.yaml': SIMULATE,
    });
    await publish();
    const first = await tagged();

    workspace.setContent({
      'katalog.yaml': katalog('Second build'),
      'simulate.yaml': SIMULATE,
      'e2e.yaml': E2E,
    });
    writes.length = 0;
    await expect(publish()).rejects.toThrow(
      `${target}:v1.0.0 already exists; set overwrite to replace the tag`,
    );
    expect(writes).toEqual([]);
    expect(await tagged()).toBe(first);
    expect(await entry()).toEqual([
      expect.objectContaining({ description: 'First build' }),
    ]);

    const ctx = await publish({ overwrite: true });
    const second = await tagged();
    expect(second).not.toBe(first);
    expect(ctx.output).toHaveBeenCalledWith('digest', second);
    const manifest = await rawManifest(repository, 'v1.0.0');
    expect(manifest.annotations).toMatchObject({
      'org.opencontainers.image.description': 'Second build',
      'io.orkestra.e2e.status': 'passed',
    });
    expect(await entry()).toEqual([
      expect.objectContaining({
        name: 'webapp-operator',
        latestVersion: 'v1.0.0',
        description: 'Second build',
        simulateStatus: 'passed',
        e2eStatus: 'passed',
      }),
    ]);
    // The replaced manifest stays addressable by its digest (spec §2: immutability by digest).
    expect(
      (await reader().fetchManifest(repository, first)).descriptor.digest,
    ).toBe(first);
  });

  it('keeps every entry in the index when two publishes read it before either writes it', async () => {
    // The worst interleaving updatePatternIndex must survive, forced rather
    // than hoped for: both read the index, a writes, b overwrites a's entry,
    // and only then does a read the index back. However slow the machine,
    // the order is the same.
    const namespace = 'orkestra/concurrent';
    const indexPath = `/v2/${namespace}/index/manifests/latest`;
    workspace.setContent({ 'katalog.yaml': KATALOG('kept', 'v1.0.0') });
    await setup().action.handler(
      createMockActionContext({
        workspacePath: workspace.path,
        input: { target: `${registry.host}/${namespace}/kept` },
      }),
    );

    const read = { a: milestone(), b: milestone() };
    const wrote = { a: milestone(), b: milestone() };
    const indexWrites = { a: 0, b: 0 };
    const scripted =
      (who: 'a' | 'b') =>
      (next: typeof fetch): typeof fetch =>
      async (input, init) => {
        if (new URL(String(input)).pathname !== indexPath)
          return next(input, init);
        if (init?.method === 'PUT') {
          if (++indexWrites[who] > 1) return next(input, init);
          await Promise.all([read.a.reached, read.b.reached]);
          if (who === 'b') await wrote.a.reached;
          const response = await next(input, init);
          wrote[who].reach();
          return response;
        }
        if (indexWrites[who] === 0) {
          const response = await next(input, init);
          read[who].reach();
          return response;
        }
        if (who === 'a' && indexWrites.a === 1) await wrote.b.reached;
        return next(input, init);
      };

    const a = createMockDirectory();
    const b = createMockDirectory();
    a.setContent({ 'katalog.yaml': KATALOG('kafka', 'v1.0.0') });
    b.setContent({ 'katalog.yaml': KATALOG('nats', 'v1.0.0') });
    await Promise.all([
      setup({ wrapFetch: scripted('a') }).action.handler(
        createMockActionContext({
          workspacePath: a.path,
          input: { target: `${registry.host}/${namespace}/kafka` },
        }),
      ),
      setup({ wrapFetch: scripted('b') }).action.handler(
        createMockActionContext({
          workspacePath: b.path,
          input: { target: `${registry.host}/${namespace}/nats` },
        }),
      ),
    ]);
    // a found its entry overwritten and wrote the index again; b did not need to.
    expect(indexWrites).toEqual({ a: 2, b: 1 });
    const names = (await readPatternIndex(
      reader(),
      namespace,
    ))!.index.entries.map(e => e.name);
    expect(names.sort()).toEqual(['kafka', 'kept', 'nats']);
  });

  it('deprecates a published version by re-pushing it with lifecycle.deprecation, keeping its gate results', async () => {
    workspace.setContent({
      'katalog.yaml': KATALOG('legacy', 'v1.0.0'),
      'simulate.yaml': SIMULATE,
    });
    const { action, deprecate } = setup();
    const target = `${registry.host}/orkestra/katalogs/legacy`;
    await action.handler(
      createMockActionContext({
        workspacePath: workspace.path,
        input: { target },
      }),
    );
    const before = await rawManifest('orkestra/katalogs/legacy', 'v1.0.0');

    await deprecate.handler(
      createMockActionContext({
        workspacePath: workspace.path,
        input: {
          reference: `${target}:v1.0.0`,
          migratedTo: `oci://${target}:v2.0.0`,
          message: 'Use v2',
          from: '2026-11-01',
          to: '2027-03-31',
        },
      }),
    );
    const after = await rawManifest('orkestra/katalogs/legacy', 'v1.0.0');
    expect(after.annotations).toMatchObject({
      'io.orkestra.katalog.deprecated': 'true',
      'io.orkestra.katalog.deprecated.migrated_to': `oci://${target}:v2.0.0`,
      'io.orkestra.katalog.deprecated.message': 'Use v2',
      'io.orkestra.katalog.deprecated.timeline_from': '2026-11-01',
      'io.orkestra.katalog.deprecated.timeline_to': '2027-03-31',
      'io.orkestra.simulate.status': 'passed',
      'io.orkestra.simulate.tested_at':
        before.annotations['io.orkestra.simulate.tested_at'],
      'io.orkestra.simulate.duration':
        before.annotations['io.orkestra.simulate.duration'],
    });
    const index = await readPatternIndex(reader(), 'orkestra/katalogs');
    expect(
      index?.index.entries.find(e => e.name === 'legacy')?.deprecated,
    ).toBe(true);
  });
});
