import {
  createServiceFactory,
  createServiceRef,
  ServiceFactory,
} from '@backstage/backend-plugin-api';

/**
 * What time it is, for everything whose answer depends on the date: a
 * deprecation's phase, a policy's verdict, a sync run's timestamps.
 *
 * @public
 */
export interface OrkestraClockService {
  now(): Date;
}

/**
 * The system clock: `now()` is the current date and time.
 *
 * @public
 */
export const systemClock: OrkestraClockService = { now: () => new Date() };

/**
 * The clock the Orkestra plugins read. Defaults to the system clock; tests
 * replace it with {@link clockServiceFactory}, so no test compares
 * against the day it happens to run on.
 *
 * @public
 */
export const orkestraClockServiceRef = createServiceRef<OrkestraClockService>({
  id: 'orkestra.clock',
  scope: 'root',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: {},
      factory: () => systemClock,
    }),
});

/**
 * A clock that starts at `start` and runs at the system clock's pace, so
 * durations and timeouts still pass while the date is the one the test chose.
 *
 * @public
 */
export function clockStartingAt(start: Date | string): OrkestraClockService {
  const offset = new Date(start).getTime() - Date.now();
  if (Number.isNaN(offset)) throw new Error(`not a date: ${String(start)}`);
  return { now: () => new Date(Date.now() + offset) };
}

/**
 * Replaces the Orkestra clock in a backend with {@link clockStartingAt}, e.g.
 * `startTestBackend({ features: [clockServiceFactory('2026-12-01T12:00:00Z')] })`.
 *
 * @public
 */
export function clockServiceFactory(start: Date | string): ServiceFactory {
  const clock = clockStartingAt(start);
  return createServiceFactory({
    service: orkestraClockServiceRef,
    deps: {},
    factory: () => clock,
  });
}
