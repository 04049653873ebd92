import { Entity } from '@backstage/catalog-model';
import {
  ApiBlueprint,
  coreExtensionData,
} from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  mockApis,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { OrkestraClient } from '@orkspace/backstage-plugin-orkestra-common';
import { screen, within } from '@testing-library/react';
import { orkestraApi, orkestraApiRef } from './api';
import { katalogEntity, postgres } from './__testUtils__/testData';
import {
  BACKEND_URL,
  get,
  patternHandlers,
  setupOrkestraServer,
} from './__testUtils__/orkestraServer';
import {
  orkestraPatternContent,
  orkestraPolicyCard,
  orkestraQualityAndPolicyCards,
  orkestraQualityCard,
} from './entityExtensions';

const motif: Entity = {
  ...katalogEntity,
  spec: { ...katalogEntity.spec, type: 'orkestra-motif' },
};
const service: Entity = {
  ...katalogEntity,
  spec: { ...katalogEntity.spec, type: 'service' },
};
const api: Entity = { ...katalogEntity, kind: 'API' };

const PATTERN_PATH = '/patterns/acme%3Akatalogs%2Fpostgres';

const { requests } = setupOrkestraServer(...patternHandlers(postgres));

/**
 * The client the plugin's API extension builds: its factory, given the app's
 * discovery (`backend.baseUrl` http://localhost:7007) and fetch APIs, talks to
 * msw.
 */
function clientFromApiExtension() {
  const { factory } = createExtensionTester(orkestraApi).get(
    ApiBlueprint.dataRefs.factory,
  );
  const client = factory({
    discoveryApi: mockApis.discovery({ baseUrl: BACKEND_URL }),
    fetchApi: mockApis.fetch(),
  });
  expect(client).toBeInstanceOf(OrkestraClient);
  return client as OrkestraClient;
}

/** Renders an extension's element for the Katalog in a test app with that client. */
function renderForEntity(element: JSX.Element | undefined) {
  return renderInTestApp(
    <EntityProvider entity={katalogEntity}>{element}</EntityProvider>,
    { apis: [[orkestraApiRef, clientFromApiExtension()]] },
  );
}

describe('orkestraPatternContent', () => {
  it('is the Pattern tab at /orkestra of Orkestra pattern entities', () => {
    const tester = createExtensionTester(orkestraPatternContent);

    expect(tester.get(coreExtensionData.routePath)).toBe('/orkestra');
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe('Pattern');
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction)!;
    expect([katalogEntity, motif, service, api].map(filter)).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });

  it('renders the pattern of the entity', async () => {
    const tester = createExtensionTester(orkestraPatternContent);
    await renderForEntity(tester.get(coreExtensionData.reactElement));

    expect(
      await screen.findByRole('heading', { name: 'Katalog postgres' }),
    ).toBeInTheDocument();
    expect(screen.getByText('Latest version v1.2.0')).toBeInTheDocument();
    expect(requests()).toEqual(
      expect.arrayContaining([
        get(PATTERN_PATH),
        get(`${PATTERN_PATH}/versions`),
      ]),
    );
  });
});

describe.each([
  [
    'orkestraQualityCard',
    () => createExtensionTester(orkestraQualityCard),
    'Pattern quality',
    'Simulate: Verified, 5 assertions, 48s, tested 2 days ago',
    `${PATTERN_PATH}/versions/v1.2.0`,
  ],
  [
    'orkestraPolicyCard',
    () => createExtensionTester(orkestraPolicyCard),
    'Pattern policy',
    'Policy: Warn',
    `${PATTERN_PATH}/versions/v1.2.0/policy`,
  ],
])('%s', (_name, createTester, title, status, path) => {
  it('is shown on Orkestra pattern entities only', () => {
    const tester = createTester();

    const filter = tester.get(EntityCardBlueprint.dataRefs.filterFunction)!;
    expect([katalogEntity, motif, service, api].map(filter)).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });

  it('renders the card', async () => {
    const tester = createTester();
    await renderForEntity(tester.get(coreExtensionData.reactElement));

    expect(await screen.findByText(title)).toBeInTheDocument();
    expect(await screen.findByText('v1.2.0')).toBeInTheDocument();
    expect(
      screen.getAllByRole('status', { name: status })[0],
    ).toBeInTheDocument();
    expect(requests()).toEqual([get(PATTERN_PATH), get(path)]);
  });
});

describe('orkestraQualityAndPolicyCards', () => {
  it('is disabled until an app enables it, and then shown on pattern entities only', () => {
    expect(
      (orkestraQualityAndPolicyCards as unknown as { disabled: boolean })
        .disabled,
    ).toBe(true);
    const tester = createExtensionTester(orkestraQualityAndPolicyCards);

    expect(tester.get(EntityCardBlueprint.dataRefs.type)).toBe('content');
    const filter = tester.get(EntityCardBlueprint.dataRefs.filterFunction)!;
    expect([katalogEntity, motif, service, api].map(filter)).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });

  it('renders the Quality and Policy cards side by side', async () => {
    const tester = createExtensionTester(orkestraQualityAndPolicyCards);
    await renderForEntity(tester.get(coreExtensionData.reactElement));

    const pair = await screen.findByRole('group', {
      name: 'Pattern quality and policy',
    });
    expect(
      await within(pair).findByText('Pattern quality'),
    ).toBeInTheDocument();
    expect(within(pair).getByText('Pattern policy')).toBeInTheDocument();
    expect(
      (await within(pair).findAllByRole('status', { name: 'Policy: Warn' }))[0],
    ).toBeInTheDocument();
    expect(getComputedStyle(pair).display).toBe('grid');
  });
});
