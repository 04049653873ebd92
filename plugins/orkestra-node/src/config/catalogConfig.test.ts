import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import { DEFAULT_CATALOG_SCHEDULE, readCatalogConfig } from './catalogConfig';

const read = (catalog?: JsonObject) =>
  readCatalogConfig(new ConfigReader(catalog ? { orkestra: { catalog } } : {}));

describe('readCatalogConfig', () => {
  it('defaults the schedule and the page size', () => {
    expect(read()).toEqual({
      schedule: DEFAULT_CATALOG_SCHEDULE,
      pageSize: 500,
    });
  });

  it('reads a schedule and a page size', () => {
    expect(
      read({
        schedule: { frequency: { minutes: 1 }, timeout: { seconds: 30 } },
        pageSize: 20,
      }),
    ).toEqual({
      schedule: { frequency: { minutes: 1 }, timeout: { seconds: 30 } },
      pageSize: 20,
    });
  });

  it.each([0, 501, 2.5])('refuses a page size of %p', pageSize => {
    expect(() => read({ pageSize })).toThrow(
      /orkestra\.catalog\.pageSize must be a whole number from 1 to 500/,
    );
  });
});
