import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { readSourceConfigs } from '@orkspace/backstage-plugin-orkestra-node';
import { PatternStore } from '../store/PatternStore';
import { scheduleSyncs } from './scheduleSyncs';

describe('scheduleSyncs', () => {
  it('registers each source, then schedules its sync with global scope', async () => {
    const sources = readSourceConfigs(
      new ConfigReader({
        orkestra: {
          sources: [
            {
              id: 'local',
              type: 'registry',
              target: 'ghcr.io/acme',
              schedule: {
                frequency: { minutes: 5 },
                timeout: { minutes: 1 },
                scope: 'local',
              },
            },
          ],
        },
      }),
    );
    const store = { upsertSource: jest.fn(async () => {}) };
    const scheduler = mockServices.scheduler.mock();
    const sync = jest.fn(async () => {});
    await scheduleSyncs({
      store: store as unknown as PatternStore,
      sources,
      scheduler,
      logger: mockServices.logger.mock(),
      sync,
    });
    expect(store.upsertSource).toHaveBeenCalledWith({
      id: 'local',
      type: 'registry',
      target: 'ghcr.io/acme',
      registry: 'ghcr.io',
    });
    expect(scheduler.scheduleTask).toHaveBeenCalledWith(
      expect.objectContaining({
        id: 'orkestra-sync-local',
        scope: 'global',
        frequency: { minutes: 5 },
      }),
    );
    const task = scheduler.scheduleTask.mock.calls[0][0];
    const signal = new AbortController().signal;
    await task.fn(signal);
    expect(sync).toHaveBeenCalledWith('local', signal);
  });
});
