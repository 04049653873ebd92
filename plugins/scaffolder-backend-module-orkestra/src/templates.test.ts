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
import { requireVersionTag } from './publishing/versionTag';

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

type Schema = Record<string, any>;

/** Every property of the template's parameter pages, with those only a dependency adds. */
function parameterProperties(entity: Schema): Array<[string, Schema]> {
  const found: Array<[string, Schema]> = [];
  const walk = (schema: Schema | undefined) => {
    if (!schema || typeof schema !== 'object') return;
    for (const [key, value] of Object.entries(schema.properties ?? {}))
      found.push([key, value as Schema]);
    for (const dependency of Object.values(schema.dependencies ?? {}))
      for (const branch of (dependency as Schema).oneOf ?? []) walk(branch);
  };
  for (const page of [entity.spec.parameters].flat()) walk(page);
  return found;
}

/** Every key anywhere in a value, however deep. */
function keysOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keysOf);
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([key, v]) => [key, ...keysOf(v)]);
  return [];
}

/** What the forms accept as a version: the server must accept it too. */
const VERSION_PATTERN =
  '^v?(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)(-[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?$';

/** The templates that publish a version. */
const publishing = templates.filter(({ entity }) =>
  entity.spec.steps.some(
    (step: { action: string }) => step.action === 'orkestra:publish',
  ),
);

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

  it.each(templates)(
    '$dir validates every version field as a version tag and says the format',
    ({ entity }) => {
      const versions = parameterProperties(entity).filter(([key]) =>
        /version$/i.test(key),
      );
      expect(versions.length).toBeGreaterThan(0);
      for (const [, schema] of versions) {
        expect(schema).toMatchObject({
          type: 'string',
          pattern: VERSION_PATTERN,
          maxLength: 128,
          'ui:help': expect.stringContaining('v1.2.0 or 1.2.0-rc.1'),
        });
      }
    },
  );

  it('the version pattern accepts only what the publish action accepts as a tag', () => {
    const pattern = new RegExp(VERSION_PATTERN, 'u');
    const accepted = ['v0.1.0', '1.2.3', 'v1.2.3-rc.1', 'v2.0.0-beta-2.1'];
    const refused = [
      'latest',
      'v1.2',
      '1.2.3+build',
      'v1.2.3 ',
      'v01.2.3',
      '1.2.3-',
      '1.2.3-rc..1',
      'version 1',
    ];
    expect(accepted.filter(v => !pattern.test(v))).toEqual([]);
    expect(refused.filter(v => pattern.test(v))).toEqual([]);
    for (const version of accepted)
      expect(() => requireVersionTag('tag', version)).not.toThrow();
  });

  it.each(templates)('$dir uses no deprecated enumNames', ({ entity }) => {
    expect(keysOf(entity)).not.toContain('enumNames');
  });

  it.each(publishing)(
    '$dir never forces the gates unless the user chooses to',
    ({ entity }) => {
      const force = parameterProperties(entity).filter(
        ([key]) => key === 'force',
      );
      expect(force).toEqual([
        ['force', expect.objectContaining({ type: 'boolean', default: false })],
      ]);
    },
  );

  it.each(publishing)(
    '$dir titles its result with what was published and its policy, never "Published" alone',
    ({ entity }) => {
      const texts: Schema[] = entity.spec.output.text;
      expect(texts.map(text => text.title)).not.toContain('Published');
      const published = texts.find(text =>
        String(text.content).includes('steps.publish.output'),
      );
      expect(published).toMatchObject({
        title: '${{ steps.publish.output.headline }}',
        content: expect.stringContaining('${{ steps.publish.output.summary }}'),
      });
    },
  );

  it.each(templates)(
    '$dir shows only outputs its Orkestra steps declare',
    ({ entity }) => {
      const actionOf = new Map<string, string>(
        entity.spec.steps.map((step: Schema) => [step.id, step.action]),
      );
      const used = [
        ...JSON.stringify(entity.spec.output).matchAll(
          /steps\.([\w-]+)\.output\.(\w+)/g,
        ),
      ];
      const undeclared = used
        .filter(([, step]) => actionOf.get(step)?.startsWith('orkestra:'))
        .filter(([, step, name]) => {
          const output = orkestraActions.get(actionOf.get(step)!)!.schema
            ?.output as { properties?: Record<string, unknown> } | undefined;
          return !Object.keys(output?.properties ?? {}).includes(name);
        })
        .map(([match]) => match);
      expect(undeclared).toEqual([]);
    },
  );
});
