import { clockServiceFactory } from '@orkspace/backstage-plugin-orkestra-node';

/**
 * The day the tests are set on: the examples' deprecation timelines are in
 * the phases the tests describe (webapp-operator v1.0.0 deprecated,
 * legacy-queue-operator past its end of life), whatever day the suite runs.
 */
export const TEST_TODAY = '2026-12-01T12:00:00Z';

/** The Orkestra clock set to {@link TEST_TODAY}, for `startTestBackend`. */
export function testClockServiceFactory() {
  return clockServiceFactory(TEST_TODAY);
}
