/**
 * `orkestra:follow-motifs` on every form a Motif import takes, and every
 * reason one is not followed, asking a real Orkestra backend that synced
 * the example registry (web-service v1.0.0 → v1.1.0; legacy-queue-operator
 * v1.1.0 deprecated).
 */
import { createMockDirectory } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { JsonObject } from '@backstage/types';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  demoEnvironment,
  startPortal,
  TestPortal,
} from '../__testUtils__/startPortal';
import { createFollowMotifsAction } from './followMotifs';

const REGISTRY = 'oci.orkestra.example/orkestra';
const WEB_SERVICE = `${REGISTRY}/motifs/web-service`;
const DIGEST = `sha256:${'a'.repeat(64)}`;

const KATALOG = [
  'kind: Katalog',
  'metadata: { name: follower, version: v1.0.0 }',
  'spec:',
  '  imports:',
  `    - motif: oci://${WEB_SERVICE}@v1.0.0 # the @ form`,
  '  crds:',
  '    app:',
  '      imports:',
  `        - motif: oci://${WEB_SERVICE}`,
  '          version: v1.0.0',
  `        - motif: oci://${WEB_SERVICE}@${DIGEST}`,
  '        - motif: ./motifs/local',
  '        - motif: oci://ghcr.io/other/motifs/x:v1.0.0',
  `        - motif: oci://${WEB_SERVICE}:v9.9.9`,
  `        - motif: oci://${REGISTRY}/katalogs/legacy-queue-operator:v1.0.0`,
  "        - motif: 'bad ref'",
  `        - motif: oci://${WEB_SERVICE}:v1.1.0`,
  `        - motif: oci://${REGISTRY}/motifs/postgres-statefulset:v1.0.0`,
  '',
].join('\n');

describe('orkestra:follow-motifs on every import form, asking a real Orkestra backend', () => {
  const workspace = createMockDirectory();
  let portal: TestPortal;

  beforeAll(async () => {
    portal = await startPortal();
  }, 60_000);
  afterAll(() => portal?.stop());
  beforeEach(() => workspace.setContent({ 'katalog.yaml': KATALOG }));

  const file = () => readFile(join(workspace.path, 'katalog.yaml'), 'utf8');

  async function follow(input: JsonObject = {}, env = demoEnvironment(portal)) {
    const ctx = createMockActionContext({
      workspacePath: workspace.path,
      input,
    });
    await createFollowMotifsAction(env).handler(ctx);
    const output = (name: string) =>
      (ctx.output as jest.Mock).mock.calls.find(([n]) => n === name)?.[1];
    return { ctx, output };
  }

  it('moves the version key and the @ form, and says why every other import stays', async () => {
    const { output } = await follow();
    expect(output('changed')).toBe(true);
    expect(
      output('upgrades').map((u: JsonObject) => [u.what, u.from, u.to]),
    ).toEqual([
      ['spec.crds.app.imports[0]', 'v1.0.0', 'v1.1.0'],
      ['spec.imports[0]', 'v1.0.0', 'v1.1.0'],
    ]);
    expect(await file()).toBe(
      KATALOG.replace(`${WEB_SERVICE}@v1.0.0`, `${WEB_SERVICE}@v1.1.0`).replace(
        '          version: v1.0.0',
        '          version: v1.1.0',
      ),
    );
    const summary: string = output('summary');
    for (const line of [
      `- ${WEB_SERVICE} (\`spec.crds.app.imports[1]\`): pinned by digest`,
      '- ./motifs/local (`spec.crds.app.imports[2]`): a file import is not followed',
      '- ghcr.io/other/motifs/x (`spec.crds.app.imports[3]`): not in any configured source',
      `- ${WEB_SERVICE} (\`spec.crds.app.imports[4]\`): v9.9.9 is not known to the portal`,
      `- ${REGISTRY}/katalogs/legacy-queue-operator (\`spec.crds.app.imports[5]\`): every newer version is deprecated`,
      '- bad ref (`spec.crds.app.imports[6]`): Invalid reference "bad ref": import must not contain whitespace',
    ])
      expect(summary.split('\n')).toContain(line);
    // Imports at their newest version are neither moved nor listed.
    expect(summary).not.toContain('imports[7]');
    expect(summary).not.toContain('postgres-statefulset');
  });

  it('follows only the Motifs it is given', async () => {
    const { output } = await follow({
      motifs: [`${REGISTRY}/motifs/postgres-statefulset`],
    });
    expect(output('changed')).toBe(false);
    expect(output('upgrades')).toEqual([]);
    expect(await file()).toBe(KATALOG);
  });

  it('fails, changing nothing, when the portal cannot be asked', async () => {
    const unreachable = demoEnvironment({
      discovery: {
        getBaseUrl: async () => 'http://127.0.0.1:9/api/orkestra',
        getExternalBaseUrl: async () => 'http://127.0.0.1:9/api/orkestra',
      },
    });
    await expect(follow({}, unreachable)).rejects.toThrow(
      `spec.crds.app.imports[0]: the portal could not be asked for the versions of ${WEB_SERVICE} after v1.0.0: fetch failed`,
    );
    expect(await file()).toBe(KATALOG);
  });

  it('refuses a katalog.yaml that is not valid YAML', async () => {
    workspace.setContent({ 'katalog.yaml': 'spec: [oops\n' });
    await expect(follow()).rejects.toThrow(
      /^katalog\.yaml is not valid YAML: /,
    );
  });
});
