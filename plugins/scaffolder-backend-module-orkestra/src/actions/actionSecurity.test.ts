/**
 * Security checks of the Orkestra template actions, as the module registers
 * them in a backend (startTestBackend), against a real docker-registry
 * behind a recording FAKE front (startFaultProxy, no faults injected).
 *
 * - A reference outside the allowed registries causes no outbound request:
 *   not to the registry, not to the host it names, not to the portal.
 * - Every action that writes to a registry is denied without its permission,
 *   before any request, dry run included.
 * - Every other action writes nothing to a registry.
 */
import {
  coreServices,
  createServiceFactory,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  createMockDirectory,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { TemplateAction } from '@backstage/plugin-scaffolder-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { JsonObject } from '@backstage/types';
import { RegistryClient } from '@orkspace/backstage-plugin-orkestra-node';
import {
  FaultProxy,
  startFaultProxy,
  startTestRegistry,
  TestRegistry,
} from '@orkspace/orkestra-test-utils';
import { scaffolderModuleOrkestra } from '../module';

// Real registries on a loaded 2-core CI machine: a fault scenario can take
// longer than Jest's default 5 s. No database is involved (the module keeps
// no state, and the portal is the FAKE canary), so unlike the backend's
// security suite this one has nothing to run on PostgreSQL.
jest.setTimeout(60_000);

const KATALOG = (name: string, version: string, imports = '') =>
  [
    'apiVersion: orkestra.orkspace.io/v1',
    'kind: Katalog',
    'metadata:',
    `  name: ${name}`,
    `  version: ${version}`,
    'lifecycle: { maturity: stable }',
    imports &&
      `spec:\n  crds:\n    app:\n      imports:\n        - motif: oci://${imports}:v1.0.0\n`,
    '',
  ].join('\n');

/** How each registered action must be treated; a new action fails the suite until it is listed here. */
const ACTIONS: Record<
  string,
  { writes: string | false; reference?: (evil: string) => JsonObject }
> = {
  'orkestra:publish': {
    writes: 'orkestra.pattern.publish',
    reference: evil => ({ target: evil }),
  },
  'orkestra:deprecate': {
    writes: 'orkestra.pattern.deprecate',
    reference: evil => ({ reference: `${evil}:v1.0.0`, message: 'gone' }),
  },
  'orkestra:fetch': {
    writes: false,
    reference: evil => ({ reference: `${evil}:v1.0.0`, targetPath: 'out' }),
  },
  'orkestra:inspect': {
    writes: false,
    reference: evil => ({ reference: `${evil}:v1.0.0` }),
  },
  // The rest take a folder; their imports are checked by the allow-list (below).
  'orkestra:validate': { writes: false },
  'orkestra:follow-motifs': { writes: false },
  'orkestra:simulate': { writes: false },
  'orkestra:e2e': { writes: false },
};

describe('security of the Orkestra template actions', () => {
  let registry: TestRegistry;
  /** Recording front of the real registry: the only allowed one. */
  let front: FaultProxy;
  /** A FAKE host outside the allowed registries; it also stands in for the portal. */
  let canary: FaultProxy;
  const actions = new Map<string, TemplateAction<any, any, any>>();
  const denied = new Set<string>();
  const workspace = createMockDirectory();
  const requests = () => front.requests.length + canary.requests.length;

  beforeAll(async () => {
    registry = await startTestRegistry();
    front = await startFaultProxy(registry.host);
    canary = await startFaultProxy('127.0.0.1:9');
    const permissions = {
      authorize: async (list: Array<{ permission: { name: string } }>) =>
        list.map(
          r =>
            ({
              result: denied.has(r.permission.name)
                ? AuthorizeResult.DENY
                : AuthorizeResult.ALLOW,
            } as PolicyDecision),
        ),
      authorizeConditional: async () => [],
    } as unknown as PermissionsService;
    await startTestBackend({
      extensionPoints: [
        [
          scaffolderActionsExtensionPoint,
          {
            addActions: (...added: Array<TemplateAction<any, any, any>>) =>
              added.forEach(a => actions.set(a.id, a)),
          },
        ],
      ],
      features: [
        scaffolderModuleOrkestra,
        createServiceFactory({
          service: coreServices.permissions,
          deps: {},
          factory: () => permissions,
        }),
        createServiceFactory({
          service: coreServices.discovery,
          deps: {},
          factory: () => ({
            getBaseUrl: async (pluginId: string) =>
              `${canary.url}/api/${pluginId}`,
            getExternalBaseUrl: async (pluginId: string) =>
              `${canary.url}/api/${pluginId}`,
          }),
        }),
        mockServices.rootConfig.factory({
          data: {
            orkestra: {
              sources: [
                {
                  id: 'local',
                  type: 'registry',
                  target: `http://${front.host}/orkestra`,
                  discovery: 'catalog',
                },
              ],
              policy: {
                allowedRegistries: [`${front.host}/orkestra/`],
                allowForcedPublish: true,
              },
            },
          },
        }),
      ],
    });
    // One published version for the actions that read or re-push one.
    workspace.setContent({ 'katalog.yaml': KATALOG('guarded', 'v1.0.0') });
    await run('orkestra:publish', {
      target: `${front.host}/orkestra/katalogs/guarded`,
    });
  }, 60_000);
  afterAll(async () => {
    await front?.close();
    await canary?.close();
    await registry?.stop();
  });
  afterEach(() => denied.clear());

  async function run(id: string, input: JsonObject, isDryRun = false) {
    // createMockActionContext drops isDryRun: set it on the context it builds.
    const ctx = {
      ...createMockActionContext({ workspacePath: workspace.path, input }),
      isDryRun,
    };
    await actions.get(id)!.handler(ctx as any);
    return ctx;
  }

  const guardedDigest = () =>
    new RegistryClient({ registry: registry.host, plainHttp: true })
      .resolve('orkestra/katalogs/guarded', 'v1.0.0')
      .then(d => d.digest);

  it('lists every action the module registers', () => {
    expect([...actions.keys()].sort()).toEqual(Object.keys(ACTIONS).sort());
  });

  it.each(
    Object.entries(ACTIONS).filter(([, a]) => a.reference) as Array<
      [string, { reference: (evil: string) => JsonObject }]
    >,
  )(
    '%s refuses a reference outside the allowed registries without any outbound request',
    async (id, { reference }) => {
      workspace.setContent({ 'katalog.yaml': KATALOG('guarded', 'v1.0.0') });
      const evil = [
        'ghcr.io/acme-evil/katalogs/x',
        () => `${canary.host}/orkestra/katalogs/x`,
        () => `oci://${canary.host}/orkestra/katalogs/x`,
        () => `${front.host}/secret-team/x`,
        () => `${front.host}/orkestra-evil/katalogs/x`,
        () => `${front.host}/orkestra/../secret-team/x`,
        () => `${front.host}@${canary.host}/orkestra/katalogs/x`,
      ].map(e => (typeof e === 'function' ? e() : e));
      const before = requests();
      for (const target of evil) {
        const failure = run(id, reference(target));
        await expect(failure).rejects.toThrow();
        const error = await failure.catch(e => e);
        expect({ target, error: error.name }).toEqual({
          target,
          error: expect.stringMatching(/^(NotAllowedError|InputError)$/),
        });
      }
      expect(requests()).toBe(before);
    },
  );

  it('refuses imports from outside the allowed registries in the folder, without asking that host', async () => {
    const before = canary.requests.length;
    workspace.setContent({
      'katalog.yaml': KATALOG(
        'importer',
        'v1.0.0',
        `${canary.host}/orkestra/motifs/evil`,
      ),
    });
    await expect(run('orkestra:validate', {})).rejects.toThrow(
      `${canary.host}/orkestra/motifs/evil is outside the allowed registries`,
    );
    await expect(
      run('orkestra:publish', {
        target: `${front.host}/orkestra/katalogs/importer`,
      }),
    ).rejects.toThrow('is outside the allowed registries');
    const followed = await run('orkestra:follow-motifs', {});
    expect(followed.output).toHaveBeenCalledWith('changed', false);
    expect(canary.requests.length).toBe(before);
  });

  it.each(
    Object.entries(ACTIONS).filter(([, a]) => a.writes) as Array<
      [string, { writes: string }]
    >,
  )(
    '%s is denied without its permission, before any request, dry run included',
    async (id, { writes: permission }) => {
      workspace.setContent({ 'katalog.yaml': KATALOG('guarded', 'v1.1.0') });
      const input =
        id === 'orkestra:publish'
          ? { target: `${front.host}/orkestra/katalogs/guarded` }
          : {
              reference: `${front.host}/orkestra/katalogs/guarded:v1.0.0`,
              message: 'gone',
            };
      const digest = await guardedDigest();
      const before = requests();
      denied.add(permission);
      for (const dryRun of [false, true]) {
        await expect(run(id, input, dryRun)).rejects.toThrow(
          `the permission policy does not allow ${permission}`,
        );
      }
      expect(requests()).toBe(before);
      expect(await guardedDigest()).toBe(digest);

      // Every other permission denied, this one allowed: the action runs (in a dry run).
      denied.clear();
      for (const other of Object.values(ACTIONS))
        if (other.writes && other.writes !== permission)
          denied.add(other.writes);
      const ctx = await run(id, input, true);
      expect(ctx.output).toHaveBeenCalledWith('digest', 'sha256:dry-run');
    },
  );

  it('every action that needs no permission writes nothing to a registry', async () => {
    workspace.setContent({ 'katalog.yaml': KATALOG('guarded', 'v1.0.0') });
    const from = front.requests.length;
    const reference = `${front.host}/orkestra/katalogs/guarded:v1.0.0`;
    const inputs: Record<string, JsonObject> = {
      'orkestra:fetch': { reference, targetPath: 'fetched' },
      'orkestra:inspect': { reference },
      'orkestra:validate': {},
      'orkestra:follow-motifs': {},
      'orkestra:simulate': { reference },
      'orkestra:e2e': { reference },
    };
    expect(Object.keys(inputs).sort()).toEqual(
      Object.entries(ACTIONS)
        .filter(([, a]) => !a.writes)
        .map(([id]) => id)
        .sort(),
    );
    for (const [id, input] of Object.entries(inputs)) await run(id, input);
    const reads = front.requests.slice(from);
    expect(reads.length).toBeGreaterThan(0); // fetch and inspect did read
    expect(reads.filter(r => !['GET', 'HEAD'].includes(r.method))).toEqual([]);
  });
});
