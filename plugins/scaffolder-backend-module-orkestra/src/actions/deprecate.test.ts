/**
 * `orkestra:deprecate` against a real docker-registry behind a recording
 * front (startFaultProxy, no faults): every refusal it has, and what a
 * deprecation carries over. The versions it deprecates are published by the
 * real `orkestra:publish` through passing FAKE `ork` gates.
 */
import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import {
  ImageManifest,
  readPatternIndex,
  RegistryClient,
} from '@orkspace/backstage-plugin-orkestra-node';
import {
  FaultProxy,
  startFaultProxy,
  startTestRegistry,
  TestRegistry,
} from '@orkspace/orkestra-test-utils';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { parse } from 'yaml';
import { FakeOrk, installFakeOrk } from '../__testUtils__/fakeOrk';
import { createPublishingEnvironment } from '../publishing/PublishingEnvironment';
import { createDeprecateAction } from './deprecate';
import { createPublishAction } from './publish';

jest.setTimeout(60_000);

const KATALOG = (name: string) =>
  [
    'apiVersion: orkestra.orkspace.io/v1',
    'kind: Katalog',
    'metadata:',
    `  name: ${name}`,
    '  version: v1.0.0',
    '  author: platform-team',
    '# kept through the deprecation',
    'lifecycle: { maturity: stable }',
    '',
  ].join('\n');
const SIMULATE = 'kind: Simulate\nspec:\n  expect:\n    noErrors: true\n';
const E2E =
  'kind: E2E\nspec:\n  expect:\n    - name: ready\n      after: cr-applied\n      resources: [{ kind: Deployment, name: x, ready: true }]\n';

/** The input of orkestra:deprecate. */
type DeprecateInput = {
  reference: string;
  migratedTo?: string;
  message?: string;
  from?: string;
  to?: string;
};

/** A free loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise(resolve => server.close(resolve));
  return port;
}

describe('orkestra:deprecate against a real docker-registry', () => {
  let registry: TestRegistry;
  let front: FaultProxy;
  let ork: FakeOrk;
  const workspace = createMockDirectory();

  beforeAll(async () => {
    [registry, ork] = await Promise.all([
      startTestRegistry(),
      installFakeOrk(),
    ]);
    front = await startFaultProxy(registry.host);
    const { publish } = setup();
    for (const [files, target] of [
      [
        {
          'katalog.yaml': KATALOG('gated'),
          'simulate.yaml': SIMULATE,
          'e2e.yaml': E2E,
        },
        'katalogs/gated',
      ],
      [{ 'katalog.yaml': KATALOG('ungated') }, 'katalogs/ungated'],
      [
        {
          'motif.yaml':
            'kind: Motif\nmetadata:\n  name: web-service\n  version: v1.0.0\n',
        },
        'motifs/web-service',
      ],
    ] as const) {
      workspace.setContent(files);
      await publish.handler(
        createMockActionContext({
          workspacePath: workspace.path,
          input: { target: `${front.host}/orkestra/${target}` },
        }),
      );
    }
  }, 60_000);
  afterAll(async () => {
    await front?.close();
    await registry?.stop();
    await ork?.remove();
  });
  beforeEach(() => workspace.clear());

  function setup(options: { deny?: boolean; host?: string } = {}) {
    const host = options.host ?? front.host;
    const gate = (name: string) => ({
      command: [ork.path, name, '{file}'],
      env: { FAKE_ORK_MODE: 'pass' },
    });
    const resync = jest.fn(async () => new Response(null, { status: 202 }));
    const env = createPublishingEnvironment({
      config: new ConfigReader({
        orkestra: {
          sources: [
            {
              id: 'local',
              type: 'registry',
              target: `http://${host}/orkestra`,
              discovery: 'catalog',
            },
          ],
          policy: {
            // `elsewhere/` is allowed, but no source covers it.
            allowedRegistries: [`${host}/orkestra/`, `${host}/elsewhere/`],
          },
          gates: { simulate: gate('simulate'), e2e: gate('e2e') },
        },
      }),
      permissions: mockServices.permissions({
        result: options.deny ? AuthorizeResult.DENY : AuthorizeResult.ALLOW,
      }),
      auth: mockServices.auth(),
      discovery: mockServices.discovery(),
      logger: mockServices.logger.mock(),
      fetch: resync as unknown as typeof fetch,
      openStore: async source =>
        new RegistryClient({ registry: source.registry, plainHttp: true }),
    });
    return {
      publish: createPublishAction(env),
      deprecate: createDeprecateAction(env),
      resync,
    };
  }

  const reader = () =>
    new RegistryClient({ registry: registry.host, plainHttp: true });
  const annotationsOf = async (repository: string) =>
    (
      (await reader().fetchManifest(repository, 'v1.0.0'))
        .manifest as ImageManifest
    ).annotations ?? {};
  const writesSince = (from: number) =>
    front.requests
      .slice(from)
      .filter(r => !['GET', 'HEAD'].includes(r.method))
      .map(r => `${r.method} ${r.path.split('?')[0]}`);

  async function deprecate(
    input: DeprecateInput,
    options: Parameters<typeof setup>[0] & { dryRun?: boolean } = {},
  ) {
    const { deprecate: action, resync } = setup(options);
    const ctx = createMockActionContext<DeprecateInput>({
      workspacePath: workspace.path,
      input,
    });
    const from = front.requests.length;
    const error = await action
      .handler(options.dryRun ? { ...ctx, isDryRun: true } : ctx)
      .then(
        () => undefined,
        (e: Error) => e,
      );
    return {
      ctx,
      resync,
      error,
      requestsSent: front.requests.length - from,
      writes: writesSince(from),
    };
  }

  describe('refuses before any request', () => {
    const gated = () => `${front.host}/orkestra/katalogs/gated`;
    it.each([
      [
        'a reference without a tag',
        () => ({ reference: gated() }),
        {},
        'InputError',
        /^reference must name the version tag/,
      ],
      [
        'a string that is no reference',
        () => ({ reference: 'Not A Reference' }),
        {},
        'InputError',
        /reference must not contain whitespace/,
      ],
      [
        'a reference by digest',
        () => ({ reference: `${gated()}@sha256:${'a'.repeat(64)}` }),
        {},
        'InputError',
        /names a digest; give a repository and a tag$/,
      ],
      [
        'a reference outside the allowed registries',
        () => ({ reference: 'ghcr.io/acme-evil/katalogs/gated:v1.0.0' }),
        {},
        'NotAllowedError',
        /^ghcr\.io\/acme-evil\/katalogs\/gated is outside the allowed registries/,
      ],
      [
        'an allowed reference no configured source covers',
        () => ({
          reference: `${front.host}/elsewhere/katalogs/gated:v1.0.0`,
        }),
        {},
        'InputError',
        /^no configured source covers .*\/elsewhere\/katalogs\/gated/,
      ],
      [
        'a timeline that ends before it starts',
        () => ({
          reference: `${gated()}:v1.0.0`,
          from: '2027-01-01',
          to: '2026-12-31',
        }),
        {},
        'InputError',
        /^the timeline ends before it starts$/,
      ],
      [
        'an initiator without orkestra.pattern.deprecate',
        () => ({ reference: `${gated()}:v1.0.0`, message: 'gone' }),
        { deny: true },
        'NotAllowedError',
        /^the permission policy does not allow orkestra\.pattern\.deprecate$/,
      ],
      [
        'an initiator without the permission, in a dry run',
        () => ({ reference: `${gated()}:v1.0.0` }),
        { deny: true, dryRun: true },
        'NotAllowedError',
        /does not allow orkestra\.pattern\.deprecate/,
      ],
    ])('%s', async (_name, input, options, name, message) => {
      const { error, requestsSent } = await deprecate(input(), options);
      expect(error).toMatchObject({
        name,
        message: expect.stringMatching(message),
      });
      expect(requestsSent).toBe(0);
    });
  });

  it('refuses a version that is not in the registry, naming it, and writes nothing', async () => {
    for (const repository of ['katalogs/gated', 'katalogs/never-published']) {
      const { error, writes } = await deprecate({
        reference: `${front.host}/orkestra/${repository}:v9.9.9`,
        message: 'gone',
      });
      expect(error).toMatchObject({
        name: 'OciNotFoundError',
        message: expect.stringMatching(
          new RegExp(`orkestra/${repository}:v9\\.9\\.9 not found on `),
        ),
      });
      expect(writes).toEqual([]);
    }
  });

  it('refuses an artifact that is not a pattern (the index) and writes nothing', async () => {
    const before = (await reader().resolve('orkestra/katalogs/index', 'latest'))
      .digest;
    const { error, writes } = await deprecate({
      reference: `${front.host}/orkestra/katalogs/index:latest`,
      message: 'gone',
    });
    expect(error).toMatchObject({
      name: 'NotAPatternError',
      message: expect.stringMatching(
        /orkestra\/katalogs\/index:latest is not an Orkestra pattern/,
      ),
    });
    expect(writes).toEqual([]);
    expect(
      (await reader().resolve('orkestra/katalogs/index', 'latest')).digest,
    ).toBe(before);
  });

  it('says it cannot reach the registry when nothing listens there', async () => {
    const host = `127.0.0.1:${await closedPort()}`;
    const { error } = await deprecate(
      { reference: `${host}/orkestra/katalogs/gated:v1.0.0`, message: 'gone' },
      { host },
    );
    expect(error?.message).toMatch(
      new RegExp(`^cannot reach ${host} \\(ECONNREFUSED\\)`),
    );
  });

  it('checks everything but sends nothing in a dry run', async () => {
    const reference = `${front.host}/orkestra/katalogs/gated:v1.0.0`;
    const { ctx, error, requestsSent, resync } = await deprecate(
      { reference, message: 'gone' },
      { dryRun: true },
    );
    expect(error).toBeUndefined();
    expect(ctx.output).toHaveBeenCalledWith('reference', reference);
    expect(ctx.output).toHaveBeenCalledWith('digest', 'sha256:dry-run');
    expect(requestsSent).toBe(0);
    expect(resync).not.toHaveBeenCalled();
  });

  it('keeps both gate results of a gated katalog, with their times and runner, and the comments of its file', async () => {
    const before = await annotationsOf('orkestra/katalogs/gated');
    const reference = `${front.host}/orkestra/katalogs/gated:v1.0.0`;
    const { ctx, error, resync } = await deprecate({
      reference,
      to: '2027-06-30',
    });
    expect(error).toBeUndefined();
    const after = await annotationsOf('orkestra/katalogs/gated');
    const carried = Object.keys(before).filter(
      k =>
        k.startsWith('io.orkestra.simulate.') ||
        k.startsWith('io.orkestra.e2e.'),
    );
    expect(carried).toEqual(
      expect.arrayContaining([
        'io.orkestra.e2e.status',
        'io.orkestra.e2e.runner',
        'io.orkestra.e2e.tested_at',
        'io.orkestra.simulate.tested_at',
      ]),
    );
    for (const key of carried) expect(after[key]).toBe(before[key]);
    expect(after).toMatchObject({
      'io.orkestra.katalog.deprecated': 'true',
      'io.orkestra.katalog.deprecated.timeline_to': '2027-06-30',
    });
    expect(
      after['io.orkestra.katalog.deprecated.timeline_from'],
    ).toBeUndefined();
    expect(after['io.orkestra.katalog.deprecated.message']).toBeUndefined();
    const digest = (await reader().resolve('orkestra/katalogs/gated', 'v1.0.0'))
      .digest;
    expect(ctx.output).toHaveBeenCalledWith('digest', digest);
    expect(ctx.output).toHaveBeenCalledWith('reference', reference);
    expect(resync).toHaveBeenCalledTimes(1);

    const file = String(workspace.content()?.['katalog.yaml']);
    expect(file).toContain('# kept through the deprecation');
    expect(parse(file).lifecycle).toEqual({
      maturity: 'stable',
      deprecation: { timeline: { to: '2027-06-30' } },
    });

    const entry = (await readPatternIndex(
      reader(),
      'orkestra/katalogs',
    ))!.index.entries.find(e => e.name === 'gated');
    expect(entry).toMatchObject({
      deprecated: true,
      simulateStatus: 'passed',
      e2eStatus: 'passed',
    });
  });

  it('deprecates a katalog without gates and a motif, recording no gate results', async () => {
    for (const [repository, primary, namespace, name] of [
      ['katalogs/ungated', 'katalog.yaml', 'orkestra/katalogs', 'ungated'],
      ['motifs/web-service', 'motif.yaml', 'orkestra/motifs', 'web-service'],
    ] as const) {
      workspace.clear();
      const { error } = await deprecate({
        reference: `${front.host}/orkestra/${repository}:v1.0.0`,
        from: '2026-11-01',
        migratedTo: `oci://${front.host}/orkestra/${repository}:v2.0.0`,
      });
      expect(error).toBeUndefined();
      const after = await annotationsOf(`orkestra/${repository}`);
      expect(after).toMatchObject({
        'io.orkestra.katalog.deprecated': 'true',
        'io.orkestra.katalog.deprecated.timeline_from': '2026-11-01',
        'io.orkestra.katalog.deprecated.migrated_to': `oci://${front.host}/orkestra/${repository}:v2.0.0`,
      });
      expect(
        Object.keys(after).filter(
          k =>
            k.startsWith('io.orkestra.simulate.') ||
            k.startsWith('io.orkestra.e2e.'),
        ),
      ).toEqual([]);
      expect(workspace.content()?.[primary]).toContain('lifecycle:');
      const entry = (await readPatternIndex(
        reader(),
        namespace,
      ))!.index.entries.find(e => e.name === name);
      expect(entry?.deprecated).toBe(true);
    }
  });

  it('replaces the deprecation of a version deprecated before, rather than merging the two', async () => {
    const reference = `${front.host}/orkestra/katalogs/ungated:v1.0.0`;
    expect((await deprecate({ reference, message: 'first' })).error).toBe(
      undefined,
    );
    workspace.clear();
    expect((await deprecate({ reference, to: '2028-01-31' })).error).toBe(
      undefined,
    );
    const after = await annotationsOf('orkestra/katalogs/ungated');
    expect(after['io.orkestra.katalog.deprecated.message']).toBeUndefined();
    expect(after['io.orkestra.katalog.deprecated.timeline_to']).toBe(
      '2028-01-31',
    );
  });
});
