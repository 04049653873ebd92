import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import {
  GateRunner,
  GateRunnerConfig,
  RegistryClient,
} from '@orkspace/backstage-plugin-orkestra-node';
import { startTestRegistry, TestRegistry } from '@orkspace/orkestra-test-utils';
import { FakeOrk, installFakeOrk } from '../__testUtils__/fakeOrk';
import { createPublishingEnvironment } from '../publishing/PublishingEnvironment';
import { createPublishAction } from './publish';

const katalog = (name: string, maturity: string) =>
  [
    'kind: Katalog',
    'metadata:',
    `  name: ${name}`,
    '  version: v0.1.0',
    '  author: guest',
    `lifecycle: { maturity: ${maturity} }`,
  ].join('\n');
const SIMULATE = 'kind: Simulate\nspec:\n  expect:\n    noErrors: true\n';

/** What the publish said: its outputs by name. */
function outputsOf(ctx: ReturnType<typeof createMockActionContext>) {
  return Object.fromEntries(
    (ctx.output as jest.Mock).mock.calls.map(([name, value]) => [name, value]),
  );
}

describe('orkestra:publish says in words what it published, against a real docker-registry', () => {
  let registry: TestRegistry;
  let ork: FakeOrk;
  const workspace = createMockDirectory();
  const writes: string[] = [];
  /** The requests the action sent to the portal (gate runs, resync). */
  const portalRequests: string[] = [];

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
    portalRequests.length = 0;
  });

  /** The demo's policy (app-config.yaml); `gates` as configured, none in the demo. */
  function publishAction(gates: GateRunnerConfig = {}) {
    const countingFetch: typeof fetch = (input, init) => {
      const method = init?.method ?? 'GET';
      if (!['GET', 'HEAD'].includes(method))
        writes.push(`${method} ${new URL(String(input)).pathname}`);
      return fetch(input, init);
    };
    const env = createPublishingEnvironment({
      config: new ConfigReader({
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
            minMaturity: 'beta',
            requiredGates: ['simulate'],
            allowForcedPublish: true,
          },
        },
      }),
      permissions: mockServices.permissions(),
      auth: mockServices.auth(),
      discovery: mockServices.discovery(),
      logger: mockServices.logger.mock(),
      gates: new GateRunner(gates, { env: {} }),
      fetch: (async (url: string) => {
        portalRequests.push(new URL(url).pathname);
        return new Response(null, { status: 202 });
      }) as unknown as typeof fetch,
      openStore: async source =>
        new RegistryClient({
          registry: source.registry,
          plainHttp: true,
          fetch: countingFetch,
        }),
    });
    return createPublishAction(env);
  }

  it('a forced publish of a version that fails policy says so, with every reason, and never "Published" alone', async () => {
    workspace.setContent({
      'katalog.yaml': katalog('forced-draft', 'alpha'),
      'simulate.yaml': SIMULATE,
    });
    const reference = `${registry.host}/orkestra/katalogs/forced-draft:v0.1.0`;
    const ctx = createMockActionContext({
      workspacePath: workspace.path,
      input: {
        target: `${registry.host}/orkestra/katalogs/forced-draft`,
        force: true,
      },
    });
    await publishAction().handler(ctx);

    const reasons = [
      'Maturity alpha is below the required minimum beta',
      'Required gate simulate was skipped (forced publish)',
    ];
    expect(outputsOf(ctx)).toEqual({
      reference,
      digest: expect.stringMatching(/^sha256:/),
      simulate: 'skipped',
      e2e: 'absent',
      forced: true,
      policyStatus: 'fail',
      policyReasons: reasons,
      headline: 'Published with forced gates, failing the portal policy',
      summary: `${reference} was published with the simulate gate forced: recorded as skipped, not passed, like ork push --force. It fails the portal policy: ${reasons.join(
        '; ',
      )}.`,
    });
    expect(writes).toContainEqual(
      'PUT /v2/orkestra/katalogs/forced-draft/manifests/v0.1.0',
    );
  });

  it('a version whose gates passed and that meets policy is just "Published"', async () => {
    workspace.setContent({
      'katalog.yaml': katalog('passing', 'beta'),
      'simulate.yaml': SIMULATE,
    });
    const ctx = createMockActionContext({
      workspacePath: workspace.path,
      input: { target: `${registry.host}/orkestra/katalogs/passing` },
    });
    await publishAction({
      simulate: {
        command: [ork.path, 'simulate', '{file}'],
        timeoutMs: 10_000,
        env: { FAKE_ORK_MODE: 'pass' },
      },
    }).handler(ctx);

    expect(outputsOf(ctx)).toMatchObject({
      simulate: 'passed',
      forced: false,
      policyStatus: 'pass',
      policyReasons: [],
      headline: 'Published',
      summary: `${registry.host}/orkestra/katalogs/passing:v0.1.0 was published. It passes the portal policy.`,
    });
  });

  it('without force and without a gate runner (the demo), refuses in one clear sentence: nothing pushed, no gate recorded, no stack trace', async () => {
    workspace.setContent({
      'katalog.yaml': katalog('unforced', 'alpha'),
      'simulate.yaml': SIMULATE,
    });
    const error = await publishAction()
      .handler(
        createMockActionContext({
          workspacePath: workspace.path,
          input: { target: `${registry.host}/orkestra/katalogs/unforced` },
        }),
      )
      .then(
        () => undefined,
        (e: Error) => e,
      );

    expect(error).toBeInstanceOf(InputError);
    expect(error?.message).toBe(
      'Nothing was published: the simulate gate has to run, but this portal has no gate runner for it (orkestra.gates.simulate.command is not set), so it did not run and nothing was recorded as passed. Publish with "Force" to record the gates as skipped, like ork push --force (the version then fails a policy that requires them), or ask the platform team to configure orkestra.gates.',
    );
    // The scaffolder writes error.stack into the task log.
    expect(error?.stack).toBe(`InputError: ${error?.message}`);
    expect(writes).toEqual([]);
    expect(portalRequests).toEqual([]);
  });

  it('a failing gate refuses with its output recorded and no stack trace', async () => {
    workspace.setContent({
      'katalog.yaml': katalog('failing', 'beta'),
      'simulate.yaml': SIMULATE,
    });
    const error = await publishAction({
      simulate: {
        command: [ork.path, 'simulate', '{file}'],
        timeoutMs: 10_000,
        env: { FAKE_ORK_MODE: 'fail' },
      },
    })
      .handler(
        createMockActionContext({
          workspacePath: workspace.path,
          input: { target: `${registry.host}/orkestra/katalogs/failing` },
        }),
      )
      .then(
        () => undefined,
        (e: Error) => e,
      );

    expect(error?.message).toMatch(
      /gate failed.*; the push is blocked, nothing was published$/,
    );
    expect(error?.stack).not.toMatch(/\n\s+at /);
    expect(portalRequests).toEqual(['/api/orkestra/gate-runs']);
    expect(writes).toEqual([]);
  });
});
