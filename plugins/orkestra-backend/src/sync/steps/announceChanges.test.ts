import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { ORKESTRA_PATTERN_CHANGED_TOPIC } from '@orkspace/backstage-plugin-orkestra-common';
import { readSourceConfigs } from '@orkspace/backstage-plugin-orkestra-node';
import { announceChanges } from './announceChanges';

const [source] = readSourceConfigs(
  new ConfigReader({
    orkestra: {
      sources: [{ id: 'local', type: 'registry', target: 'ghcr.io/acme' }],
    },
  }),
);

describe('announceChanges', () => {
  it('publishes one event per changed pattern; a failed publish is only logged', async () => {
    const events = mockServices.events.mock();
    events.publish.mockRejectedValueOnce(new Error('bus down'));
    const logger = mockServices.logger.mock();
    await announceChanges(events, logger, {
      source,
      changed: new Map([
        ['acme/a', 'added'],
        ['acme/b', 'missing'],
      ]),
    });
    expect(events.publish).toHaveBeenCalledTimes(2);
    expect(events.publish).toHaveBeenLastCalledWith({
      topic: ORKESTRA_PATTERN_CHANGED_TOPIC,
      eventPayload: {
        source: 'local',
        repository: 'acme/b',
        reference: 'ghcr.io/acme/b',
        change: 'missing',
      },
    });
    expect(logger.warn).toHaveBeenCalledWith(
      `Could not publish ${ORKESTRA_PATTERN_CHANGED_TOPIC}: bus down`,
    );
  });
});
