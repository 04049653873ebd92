import { Entity } from '@backstage/catalog-model';
import {
  renderInTestApp,
  TestAppOptions,
} from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { RequestHandler } from 'msw';
import { SetupServer } from 'msw/node';
import { ReactElement } from 'react';
import { orkestraApiRef } from '../api';
import {
  createOrkestraClient,
  patternHandlers,
  PatternFixture,
} from './orkestraServer';
import { katalogEntity, postgres } from './testData';

/** `/patterns/<encoded id>` of the Postgres Katalog the fixtures serve. */
export const POSTGRES_PATH = '/patterns/acme%3Akatalogs%2Fpostgres';

/**
 * Renders an entity component for `entity` (the Postgres Katalog by default)
 * with the real client, against the fake backend serving `fixture`;
 * `handlers` go first, to change or delay some answers; `initialRouteEntries`
 * and `mountedRoutes` go to the test app.
 */
export function renderForEntity(
  server: SetupServer,
  element: ReactElement,
  options: {
    fixture?: PatternFixture;
    entity?: Entity;
    handlers?: RequestHandler[];
  } & Pick<TestAppOptions, 'initialRouteEntries' | 'mountedRoutes'> = {},
) {
  const {
    fixture = postgres,
    entity = katalogEntity,
    handlers = [],
    ...appOptions
  } = options;
  server.use(...handlers, ...patternHandlers(fixture));
  return renderInTestApp(
    <EntityProvider entity={entity}>{element}</EntityProvider>,
    { apis: [[orkestraApiRef, createOrkestraClient()]], ...appOptions },
  );
}
