/**
 * `orkestra:simulate` and `orkestra:e2e` as template actions: the gate runs
 * through the FAKE `ork` (the gate command contract), the run is recorded in
 * a real Orkestra backend (POST /gate-runs), and a real docker-registry sits
 * behind a recording front (startFaultProxy, no faults) to show that a gate
 * action never reaches the registry.
 */
import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { JsonObject } from '@backstage/types';
import {
  FaultProxy,
  startFaultProxy,
  startTestRegistry,
  TestRegistry,
} from '@orkspace/orkestra-test-utils';
import {
  FAKE_ORK_FAILURE_LINE,
  FakeOrk,
  FakeOrkMode,
  installFakeOrk,
} from '../__testUtils__/fakeOrk';
import { startPortal, TestPortal } from '../__testUtils__/startPortal';
import { createPublishingEnvironment } from '../publishing/PublishingEnvironment';
import { createE2eAction, createSimulateAction } from './gates';

jest.setTimeout(60_000);

const KATALOG = [
  'apiVersion: orkestra.orkspace.io/v1',
  'kind: Katalog',
  'metadata:',
  '  name: gated',
  '  version: v1.0.0',
  '',
].join('\n');
const SIMULATE =
  'kind: Simulate\nspec:\n  expect:\n    noErrors: true\n    steady: true\n';
const E2E =
  'kind: E2E\nspec:\n  expect:\n    - name: ready\n      after: cr-applied\n      resources: [{ kind: Deployment, name: x, ready: true }]\n';

/** A gate-run record the action sent to the portal, with the portal's answer. */
interface RecordedRun {
  body: JsonObject & { detail: JsonObject };
  status: number;
}

describe('orkestra:simulate and orkestra:e2e as actions', () => {
  let registry: TestRegistry;
  let front: FaultProxy;
  let portal: TestPortal;
  let ork: FakeOrk;
  const workspace = createMockDirectory();
  const recorded: RecordedRun[] = [];

  beforeAll(async () => {
    [registry, portal, ork] = await Promise.all([
      startTestRegistry(),
      startPortal(),
      installFakeOrk(),
    ]);
    front = await startFaultProxy(registry.host);
  }, 60_000);
  afterAll(async () => {
    await front?.close();
    await registry?.stop();
    await portal?.stop();
    await ork?.remove();
  });
  beforeEach(() => {
    workspace.clear();
    recorded.length = 0;
  });

  /** The real fetch to the real portal, keeping each POST /gate-runs and its answer. */
  const recordingFetch: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    if (init?.method === 'POST' && String(input).endsWith('/gate-runs'))
      recorded.push({
        body: JSON.parse(String(init.body)),
        status: response.status,
      });
    return response;
  };

  /** Actions whose gates run the FAKE ork in `mode`, configured as app-config does. */
  function setup(mode: FakeOrkMode, timeoutSeconds = 30) {
    const gate = (name: string) => ({
      command: [ork.path, name, '{file}'],
      timeout: timeoutSeconds,
      env: { FAKE_ORK_MODE: mode },
    });
    const logger = mockServices.logger.mock();
    const env = createPublishingEnvironment({
      config: new ConfigReader({
        orkestra: {
          sources: [
            {
              id: 'local',
              type: 'registry',
              target: `http://${front.host}/orkestra`,
              discovery: 'catalog',
            },
          ],
          policy: { allowedRegistries: [`${front.host}/orkestra/`] },
          gates: { simulate: gate('simulate'), e2e: gate('e2e') },
        },
      }),
      permissions: mockServices.permissions(),
      auth: mockServices.auth(),
      discovery: portal.discovery,
      logger,
      fetch: recordingFetch,
    });
    return {
      simulate: createSimulateAction(env),
      e2e: createE2eAction(env),
      logger,
    };
  }

  const reference = () => `${front.host}/orkestra/katalogs/gated:v1.0.0`;

  function context(input: JsonObject = { reference: reference() }) {
    const logger = mockServices.logger.mock();
    const ctx = createMockActionContext({
      workspacePath: workspace.path,
      input,
      logger,
    });
    return { ctx, logger };
  }

  describe.each([
    ['simulate', 'Simulate'],
    ['e2e', 'E2E'],
  ] as const)('orkestra:%s', (gate, label) => {
    beforeEach(() =>
      workspace.setContent({
        'katalog.yaml': KATALOG,
        'simulate.yaml': SIMULATE,
        'e2e.yaml': E2E,
      }),
    );

    /**
     * Runs the gate with the FAKE ork in `mode` and checks what every failure
     * must give: a clear error naming the gate, never reported as passed, the
     * run recorded as failed, and no request to the registry.
     */
    async function failingRun(
      mode: FakeOrkMode,
      timeoutSeconds: number,
      message: string,
    ) {
      const actions = setup(mode, timeoutSeconds);
      const { ctx, logger } = context();
      const from = front.requests.length;

      const run = actions[gate].handler(ctx);
      await expect(run).rejects.toThrow(message);
      await expect(run).rejects.toMatchObject({ name: 'InputError' });

      expect(ctx.output).toHaveBeenCalledWith('status', 'failed');
      expect(ctx.output).not.toHaveBeenCalledWith('status', 'passed');
      expect(recorded).toEqual([
        {
          status: 201,
          body: expect.objectContaining({
            reference: reference(),
            gate,
            status: 'failed',
            taskId: 'mock-task-id',
            detail: expect.objectContaining({ message }),
          }),
        },
      ]);
      expect(front.requests.slice(from)).toEqual([]);
      return { logger, logExcerpt: String(recorded[0].body.detail.logExcerpt) };
    }

    it('when the gate fails (exit code 1, with output): a clear error naming the gate, never reported passed, recorded as failed with the output, nothing sent to the registry', async () => {
      const { logger, logExcerpt } = await failingRun(
        'fail',
        30,
        `${label} gate failed with exit code 1`,
      );
      const started = `fake-ork ${gate} ${workspace.resolve(`${gate}.yaml`)}`;
      expect(logger.info).toHaveBeenCalledWith(started);
      expect(logger.info).toHaveBeenCalledWith(FAKE_ORK_FAILURE_LINE);
      // stdout and stderr are separate pipes: their lines may come in either order.
      expect(logExcerpt.split('\n').sort()).toEqual(
        ['', started, FAKE_ORK_FAILURE_LINE].sort(),
      );
    });

    it('when the gate times out (orkestra.gates.*.timeout; the FAKE ork never exits): a clear error naming the gate, never reported passed, recorded as failed, nothing sent to the registry', async () => {
      // Only the outcome is checked: on a slow machine the command may be
      // killed before it printed anything.
      await failingRun('hang', 0.5, `${label} gate timed out after 0.5 s`);
    });

    it('passes and records the run as passed with the assertions the command reported', async () => {
      const actions = setup('pass');
      const { ctx } = context();
      await actions[gate].handler(ctx);
      expect(ctx.output).toHaveBeenCalledWith('status', 'passed');
      expect(ctx.output).toHaveBeenCalledWith('assertions', 3);
      expect(ctx.output).toHaveBeenCalledWith('durationMs', 1234);
      expect(recorded).toEqual([
        {
          status: 201,
          body: expect.objectContaining({ gate, status: 'passed' }),
        },
      ]);
    });

    it('runs nothing and records nothing in a dry run', async () => {
      const actions = setup('fail');
      const { ctx } = context();
      await actions[gate].handler({ ...ctx, isDryRun: true });
      expect(ctx.output).toHaveBeenCalledWith('status', 'dry-run');
      expect(ctx.output).toHaveBeenCalledWith('assertions', 0);
      expect(recorded).toEqual([]);
    });

    it('records nothing without a reference, and still fails', async () => {
      const actions = setup('fail');
      const { ctx } = context({});
      await expect(actions[gate].handler(ctx)).rejects.toThrow(
        `${label} gate failed with exit code 1`,
      );
      expect(recorded).toEqual([]);
    });
  });

  it('says the gate does not apply without its file, and records no run', async () => {
    workspace.setContent({ 'katalog.yaml': KATALOG });
    const actions = setup('fail');
    for (const gate of ['simulate', 'e2e'] as const) {
      const { ctx } = context();
      await actions[gate].handler(ctx);
      expect(ctx.output).toHaveBeenCalledWith('status', 'not-applicable');
      expect(ctx.output).not.toHaveBeenCalledWith(
        'durationMs',
        expect.anything(),
      );
    }
    expect(recorded).toEqual([]);
  });

  it('reports no-assertion for a simulate.yaml without spec.expect, without running the command', async () => {
    workspace.setContent({
      'katalog.yaml': KATALOG,
      'simulate.yaml': 'kind: Simulate\nspec: {}\n',
    });
    const { ctx } = context();
    await setup('fail').simulate.handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith('status', 'no-assertion');
    expect(recorded).toEqual([
      {
        status: 201,
        body: expect.objectContaining({ status: 'no-assertion' }),
      },
    ]);
  });

  it('keeps the gate result when the portal refuses the record, and says so in the log', async () => {
    workspace.setContent({
      'katalog.yaml': KATALOG,
      'simulate.yaml': SIMULATE,
    });
    const { simulate, logger } = setup('pass');
    // The portal takes references of at most 512 characters.
    const long = `${front.host}/orkestra/katalogs/${'x'.repeat(520)}:v1.0.0`;
    const { ctx } = context({ reference: long });
    await simulate.handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith('status', 'passed');
    expect(recorded.map(r => r.status)).toEqual([400]);
    expect(logger.warn).toHaveBeenCalledWith(
      `Could not record the simulate gate run of ${long}: HTTP 400`,
    );
  });

  it('refuses a path outside the workspace before anything runs', async () => {
    const { ctx } = context({ path: '../..' });
    await expect(setup('pass').simulate.handler(ctx)).rejects.toThrow(
      /outside/,
    );
    expect(recorded).toEqual([]);
  });
});
