/**
 * The inputs of `orkestra:publish` and `orkestra:deprecate` that are refused
 * before anything happens: no gate runs and no request reaches the registry
 * (a real docker-registry behind a recording proxy).
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
  RegistryClient,
} from '@orkspace/backstage-plugin-orkestra-node';
import {
  FaultProxy,
  startFaultProxy,
  startTestRegistry,
  TestRegistry,
} from '@orkspace/orkestra-test-utils';
import { createPublishingEnvironment } from '../publishing/PublishingEnvironment';
import { createDeprecateAction } from './deprecate';
import { createPublishAction } from './publish';

jest.setTimeout(60_000);

const KATALOG = (version: string) =>
  [
    'apiVersion: orkestra.orkspace.io/v1',
    'kind: Katalog',
    'metadata:',
    '  name: checked',
    `  version: ${JSON.stringify(version)}`,
    '  author: platform-team',
    'lifecycle: { maturity: stable }',
    '',
  ].join('\n');
const SIMULATE = 'kind: Simulate\nspec:\n  expect:\n    noErrors: true\n';

describe('input checks of the publishing actions, before any gate or request', () => {
  let registry: TestRegistry;
  let proxy: FaultProxy;
  const workspace = createMockDirectory();

  beforeAll(async () => {
    registry = await startTestRegistry();
    proxy = await startFaultProxy(registry.host);
  }, 60_000);
  afterAll(async () => {
    await proxy?.close();
    await registry?.stop();
  });
  beforeEach(() => workspace.clear());

  function setup() {
    // Gates that would pass if they ran (`true` exits 0).
    const gates = new GateRunner({
      simulate: { command: ['true'], timeoutMs: 10_000 },
      e2e: { command: ['true'], timeoutMs: 10_000 },
    });
    const simulate = jest.spyOn(gates, 'runSimulate');
    const e2e = jest.spyOn(gates, 'runE2e');
    const env = createPublishingEnvironment({
      config: new ConfigReader({
        orkestra: {
          sources: [
            {
              id: 'local',
              type: 'registry',
              target: `http://${proxy.host}/orkestra`,
              discovery: 'catalog',
            },
          ],
          policy: {
            allowedRegistries: [`${proxy.host}/orkestra/`],
            allowForcedPublish: true,
          },
        },
      }),
      permissions: mockServices.permissions(),
      auth: mockServices.auth(),
      discovery: mockServices.discovery(),
      logger: mockServices.logger.mock(),
      gates,
      fetch: (async () => new Response(null, { status: 202 })) as typeof fetch,
      openStore: async source =>
        new RegistryClient({ registry: source.registry, plainHttp: true }),
    });
    return {
      publish: createPublishAction(env),
      deprecate: createDeprecateAction(env),
      gatesRun: () => simulate.mock.calls.length + e2e.mock.calls.length,
    };
  }

  const target = (name = 'checked') =>
    `${proxy.host}/orkestra/katalogs/${name}`;

  describe('orkestra:publish', () => {
    it.each([
      ['a tag with a space', 'bad tag', {}, /"bad tag" is not a valid OCI tag/],
      ['a tag starting with "-"', '-v1.0.0', {}, /not a valid OCI tag/],
      ['a tag of 129 characters', `v${'1'.repeat(128)}`, {}, /valid OCI tag/],
      [
        'semver build metadata ("+" is no tag character)',
        '1.2.3+build.5',
        {},
        /"1\.2\.3\+build\.5" is not a valid OCI tag/,
      ],
      [
        'a floating tag as the version',
        'latest',
        {},
        /"latest" is not a version/,
      ],
      [
        'four version numbers',
        'v1.0.0.0',
        {},
        /"v1\.0\.0\.0" is not a version/,
      ],
      [
        'a forced non-version tag',
        'v1.0.0',
        { tag: 'stable', force: true },
        /tag "stable" is not a version/,
      ],
      [
        'a forced tag over a non-version metadata.version',
        'main',
        { tag: 'v1.0.0', force: true },
        /metadata\.version "main" is not a version/,
      ],
    ])(
      'refuses %s with an InputError, running no gate and sending no request',
      async (_name, version, input, message) => {
        workspace.setContent({
          'katalog.yaml': KATALOG(version),
          'simulate.yaml': SIMULATE,
        });
        const { publish, gatesRun } = setup();
        const from = proxy.requests.length;
        const run = publish.handler(
          createMockActionContext({
            workspacePath: workspace.path,
            input: {
              target: target(),
              ...(input as { tag?: string; force?: boolean }),
            },
          }),
        );
        await expect(run).rejects.toThrow(message);
        await expect(run).rejects.toMatchObject({ name: 'InputError' });
        expect(gatesRun()).toBe(0);
        expect(proxy.requests.slice(from)).toEqual([]);
      },
    );

    it.each([
      ['v1.2.3', 'release'],
      ['1.2.3-rc.1', 'prerelease'],
      ['1.0', 'short'],
    ])(
      'still publishes version %s through its gates',
      async (version, name) => {
        workspace.setContent({
          'katalog.yaml': KATALOG(version).replace(
            'name: checked',
            `name: ${name}`,
          ),
          'simulate.yaml': SIMULATE,
        });
        const { publish, gatesRun } = setup();
        const ctx = createMockActionContext({
          workspacePath: workspace.path,
          input: { target: target(name) },
        });
        await publish.handler(ctx);
        expect(gatesRun()).toBe(2);
        expect(ctx.output).toHaveBeenCalledWith(
          'reference',
          `${target(name)}:${version}`,
        );
      },
    );
  });

  describe('orkestra:deprecate', () => {
    /** How the action refused `input`, and how many requests it sent first. */
    async function refusal(input: JsonObject) {
      const { deprecate } = setup();
      const from = proxy.requests.length;
      const error = await deprecate
        .handler(
          createMockActionContext({
            workspacePath: workspace.path,
            input: { reference: `${target()}:v1.0.0`, ...input },
          }),
        )
        .then(
          () => undefined,
          (e: Error) => e,
        );
      return {
        message: error?.message,
        requestsSent: proxy.requests.length - from,
      };
    }
    const refused = (message: RegExp) => ({
      message: expect.stringMatching(message),
      requestsSent: 0,
    });

    it.each([
      ['not a reference', 'use v2 please', /migratedTo.*whitespace/],
      ['an "@" tag', `REGISTRY/orkestra/katalogs/x@v2.0.0`, /is not a digest/],
      ['an http:// URL', 'https://REGISTRY/orkestra/katalogs/x:v2', /scheme/],
    ])(
      'refuses a migratedTo that is %s before any request',
      async (_name, migratedTo, message) => {
        expect(
          await refusal({
            migratedTo: migratedTo.replace('REGISTRY', proxy.host),
          }),
        ).toEqual(refused(message));
      },
    );

    it('refuses a migratedTo outside the allowed registries before any request', async () => {
      expect(
        await refusal({ migratedTo: 'ghcr.io/acme-evil/katalogs/x:v2.0.0' }),
      ).toEqual(
        refused(
          /migratedTo ghcr\.io\/acme-evil\/katalogs\/x:v2\.0\.0 is outside the allowed registries/,
        ),
      );
    });

    it('refuses a message longer than 4 KiB before any request', async () => {
      // 2049 two-byte characters: 4098 bytes.
      expect(await refusal({ message: 'é'.repeat(2049) })).toEqual(
        refused(/message is 4098 bytes; at most 4096/),
      );
    });

    it.each([
      ['from', '2026-02-30'],
      ['to', '2026-13-01'],
      ['from', '2026-00-10'],
      ['to', '2027-02-29'],
      ['from', '2026-1-01'],
    ])(
      'refuses %s %s, not a calendar date, before any request',
      async (field, date) => {
        expect(await refusal({ [field]: date })).toEqual(
          refused(
            new RegExp(
              `${field} "${date}" is not a calendar date \\(YYYY-MM-DD\\)`,
            ),
          ),
        );
      },
    );

    it('takes empty inputs (blank template parameters) as absent', async () => {
      expect(
        await refusal({ migratedTo: '', message: '', from: '', to: '' }),
      ).toEqual({
        message: expect.stringMatching(/not found|NotFound|404/i),
        requestsSent: expect.any(Number),
      });
    });

    it('accepts a leap day, an allowed migratedTo and a 4 KiB message up to the registry', async () => {
      const { deprecate } = setup();
      const from = proxy.requests.length;
      const run = deprecate.handler(
        createMockActionContext({
          workspacePath: workspace.path,
          input: {
            reference: target('never-published').concat(':v1.0.0'),
            migratedTo: `oci://${target('never-published')}:v2.0.0`,
            message: 'é'.repeat(2048),
            from: '2028-02-29',
            to: '2028-12-31',
          },
        }),
      );
      // Past the input checks: the version is looked up, and is not there.
      await expect(run).rejects.toThrow(/not found|NotFound|404/i);
      expect(proxy.requests.length).toBeGreaterThan(from);
    });
  });
});
