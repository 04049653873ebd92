/**
 * The deprecated-imports check of `orkestra:validate` for what the example
 * registry does not hold: a version whose deprecation is announced (starts
 * after today), published by the real `orkestra:publish` to a real
 * docker-registry that a real Orkestra backend synced.
 */
import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { RegistryClient } from '@orkspace/backstage-plugin-orkestra-node';
import { startTestRegistry, TestRegistry } from '@orkspace/orkestra-test-utils';
import { startPortal, TestPortal } from '../__testUtils__/startPortal';
import { createPublishingEnvironment } from '../publishing/PublishingEnvironment';
import { createPublishAction } from './publish';
import { createValidateAction } from './validate';

jest.setTimeout(60_000);

describe('orkestra:validate on imports with an announced deprecation, or outside every source', () => {
  let registry: TestRegistry;
  let portal: TestPortal;
  const workspace = createMockDirectory();

  /** The portal's test clock says 2026-12-01 (TEST_TODAY): this deprecation starts later. */
  const ANNOUNCED = [
    'kind: Katalog',
    'metadata: { name: announced-operator, version: v1.0.0 }',
    'lifecycle:',
    '  deprecation:',
    '    migratedTo: oci://REGISTRY/orkestra/katalogs/announced-operator:v2.0.0',
    '    message: Move to v2 before the summer',
    '    timeline: { from: "2027-06-01", to: "2028-01-31" }',
    '',
  ].join('\n');

  /** Asking the portal `asked` when given; else the portal calls (the resync after a publish) get a FAKE 202. */
  function environment(asked?: TestPortal) {
    return createPublishingEnvironment({
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
            // `elsewhere/` is allowed, but no source covers it.
            allowedRegistries: [
              `${registry.host}/orkestra/`,
              `${registry.host}/elsewhere/`,
            ],
          },
        },
      }),
      permissions: mockServices.permissions(),
      auth: mockServices.auth(),
      discovery: asked?.discovery ?? mockServices.discovery(),
      logger: mockServices.logger.mock(),
      fetch: asked
        ? fetch
        : ((async () => new Response(null, { status: 202 })) as typeof fetch),
      openStore: async source =>
        new RegistryClient({ registry: source.registry, plainHttp: true }),
    });
  }

  beforeAll(async () => {
    registry = await startTestRegistry();
    workspace.setContent({
      'katalog.yaml': ANNOUNCED.replace('REGISTRY', registry.host),
    });
    await createPublishAction(environment()).handler(
      createMockActionContext({
        workspacePath: workspace.path,
        input: {
          target: `${registry.host}/orkestra/katalogs/announced-operator`,
        },
      }),
    );
    portal = await startPortal({
      sources: [
        {
          id: 'local',
          type: 'registry',
          target: `http://${registry.host}/orkestra`,
          discovery: 'catalog',
          schedule: { frequency: { minutes: 30 }, timeout: { minutes: 2 } },
        },
      ],
    });
  }, 60_000);
  afterAll(async () => {
    await portal?.stop();
    await registry?.stop();
  });
  beforeEach(() => workspace.clear());

  it('warns about an announced deprecation with its end of life, replacement and message, and about an import no source covers', async () => {
    const announced = `${registry.host}/orkestra/katalogs/announced-operator:v1.0.0`;
    const uncovered = `${registry.host}/elsewhere/katalogs/other:v1.0.0`;
    workspace.setContent({
      'katalog.yaml':
        'kind: Katalog\nmetadata: { name: team-stack, version: v1.0.0 }\n',
      'komposer.yaml': [
        'kind: Komposer',
        'metadata: { name: team-stack }',
        'imports:',
        '  registry:',
        `    - oci://${announced}`,
        `    - oci://${uncovered}`,
        '',
      ].join('\n'),
    });
    const ctx = createMockActionContext({
      workspacePath: workspace.path,
      input: {},
    });
    await createValidateAction(environment(portal)).handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith('warnings', [
      `imports.registry: ${announced} has an announced deprecation (end of life 2028-01-31; migrate to oci://${registry.host}/orkestra/katalogs/announced-operator:v2.0.0; Move to v2 before the summer)`,
      `imports.registry: ${uncovered} is not in any configured source; whether it is deprecated was not checked`,
    ]);
  });

  it('a publish that imports a deprecated version says so in its policy reasons, and warns', async () => {
    const announced = `${registry.host}/orkestra/katalogs/announced-operator:v1.0.0`;
    workspace.setContent({
      'katalog.yaml':
        'kind: Katalog\nmetadata: { name: follower, version: v1.0.0 }\n',
      'komposer.yaml': [
        'kind: Komposer',
        'metadata: { name: follower }',
        'imports:',
        '  registry:',
        `    - oci://${announced}`,
        '',
      ].join('\n'),
    });
    const ctx = createMockActionContext({
      workspacePath: workspace.path,
      input: { target: `${registry.host}/orkestra/katalogs/follower` },
    });
    await createPublishAction(environment(portal)).handler(ctx);
    // The portal's own deprecated-import rule, evaluated on what was pushed.
    const reason = `Import ${announced} is announced deprecated from 2027-06-01, end of life on 2028-01-31. Migrate to oci://${registry.host}/orkestra/katalogs/announced-operator:v2.0.0.`;
    expect(ctx.output).toHaveBeenCalledWith('policyStatus', 'warn');
    expect(ctx.output).toHaveBeenCalledWith('policyReasons', [reason]);
    expect(ctx.output).toHaveBeenCalledWith(
      'headline',
      'Published with policy warnings',
    );
    expect(ctx.output).toHaveBeenCalledWith(
      'summary',
      `${registry.host}/orkestra/katalogs/follower:v1.0.0 was published. It passes the portal policy with warnings: ${reason}`,
    );
  });
});
