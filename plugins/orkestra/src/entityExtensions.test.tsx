import { Entity } from '@backstage/catalog-model';
import { coreExtensionData } from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { screen } from '@testing-library/react';
import { orkestraApiRef } from './api';
import {
  katalogEntity,
  postgresApi,
} from './components/PatternContent/testData';
import {
  orkestraPatternContent,
  orkestraPolicyCard,
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
    await renderInTestApp(
      <EntityProvider entity={katalogEntity}>
        {tester.get(coreExtensionData.reactElement)}
      </EntityProvider>,
      { apis: [[orkestraApiRef, postgresApi()]] },
    );

    expect(
      await screen.findByRole('heading', { name: 'Katalog postgres' }),
    ).toBeInTheDocument();
  });
});

describe.each([
  [
    'orkestraQualityCard',
    () => createExtensionTester(orkestraQualityCard),
    'Pattern quality',
  ],
  [
    'orkestraPolicyCard',
    () => createExtensionTester(orkestraPolicyCard),
    'Pattern policy',
  ],
])('%s', (_name, createTester, title) => {
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
    await renderInTestApp(
      <EntityProvider entity={katalogEntity}>
        {tester.get(coreExtensionData.reactElement)}
      </EntityProvider>,
      { apis: [[orkestraApiRef, postgresApi()]] },
    );

    expect(await screen.findByText(title)).toBeInTheDocument();
    expect(await screen.findByText('v1.2.0')).toBeInTheDocument();
  });
});
