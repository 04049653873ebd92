import { mockServices } from '@backstage/backend-test-utils';
import { templateEntityV1beta3Validator } from '@backstage/plugin-scaffolder-common';
import { EXAMPLE_TEMPLATES_DIR } from '@orkspace/orkestra-test-utils';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { demoEnvironment } from './__testUtils__/startPortal';
import { createDeprecateAction } from './actions/deprecate';
import { createFetchAction } from './actions/fetch';
import { createFollowMotifsAction } from './actions/followMotifs';
import { createE2eAction, createSimulateAction } from './actions/gates';
import { createInspectAction } from './actions/inspect';
import { createPublishAction } from './actions/publish';
import { createValidateAction } from './actions/validate';

/** Actions of other modules installed in packages/backend. */
const OTHER_ACTIONS = [
  'catalog:fetch',
  'fetch:template',
  'fetch:plain',
  'publish:github',
];

const env = demoEnvironment({ discovery: mockServices.discovery() });
const orkestraActions = new Map(
  [
    createValidateAction(env),
    createSimulateAction(env),
    createE2eAction(env),
    createPublishAction(env),
    createDeprecateAction(env),
    createInspectAction(env),
    createFetchAction(env),
    createFollowMotifsAction(env),
  ].map(action => [action.id, action]),
);

const templates = readdirSync(EXAMPLE_TEMPLATES_DIR).map(dir => ({
  dir,
  entity: parse(
    readFileSync(join(EXAMPLE_TEMPLATES_DIR, dir, 'template.yaml'), 'utf8'),
  ),
}));

function inputProperties(id: string): string[] {
  const schema = orkestraActions.get(id)!.schema?.input as
    | { properties?: Record<string, unknown> }
    | undefined;
  return Object.keys(schema?.properties ?? {});
}

describe('the demo Software Templates', () => {
  it('are the four the issue asks for', () => {
    expect(templates.map(t => t.entity.metadata.title).sort()).toEqual([
      'Deprecate a version',
      'Follow a motif upgrade',
      'New Katalog from Motifs',
      'Publish a new version',
    ]);
  });

  it.each(templates)('$dir is a valid Template', async ({ entity }) => {
    await expect(templateEntityV1beta3Validator.check(entity)).resolves.toBe(
      true,
    );
  });

  it.each(templates)(
    '$dir uses only installed actions, with inputs they declare',
    ({ entity }) => {
      const steps: Array<{ action: string; input?: object }> =
        entity.spec.steps;
      const ours = steps.filter(step => step.action.startsWith('orkestra:'));
      expect(
        steps
          .map(step => step.action)
          .filter(
            action =>
              !orkestraActions.has(action) && !OTHER_ACTIONS.includes(action),
          ),
      ).toEqual([]);
      const undeclaredInputs = ours.flatMap(step =>
        Object.keys(step.input ?? {})
          .filter(key => !inputProperties(step.action).includes(key))
          .map(key => `${step.action} ${key}`),
      );
      expect(undeclaredInputs).toEqual([]);
    },
  );

  it.each(templates)('$dir is registered in the demo app', ({ dir }) => {
    const appConfig = readFileSync(
      join(EXAMPLE_TEMPLATES_DIR, '../../app-config.yaml'),
      'utf8',
    );
    expect(appConfig).toContain(
      `target: ../../examples/templates/${dir}/template.yaml`,
    );
  });

  it.each(templates)('$dir links to the pattern it changed', ({ entity }) => {
    expect(entity.spec.output.links).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ entityRef: expect.any(String) }),
      ]),
    );
  });
});
