/**
 * The entry point of one real Orkestra backend process, as a replica would
 * run in production: `createBackend()` from @backstage/backend-defaults with
 * its default (real) services — root config from `--config` files, database
 * service, scheduler, auth, permissions, HTTP server — and this plugin.
 * Nothing is mocked. Started by `startBackendProcess` with
 * `node --require @backstage/cli/config/nodeTransform.cjs`; never imported.
 */
import { createBackend } from '@backstage/backend-defaults';
import { WinstonLogger } from '@backstage/backend-defaults/rootLogger';
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { format, transports } from 'winston';
import { orkestraPlugin } from '../plugin';

// Ends with the test that started it, even when that one dies without
// stopping it: its end of the stdin pipe closes.
process.stdin.resume();
process.stdin.on('end', () => process.exit(1));

// The default production logger writes JSON without a time; the tests order
// log lines against sync runs, so each line carries its timestamp.
const timestampedRootLogger = createServiceFactory({
  service: coreServices.rootLogger,
  deps: {},
  factory: () =>
    WinstonLogger.create({
      meta: { service: 'backstage' },
      level: process.env.LOG_LEVEL ?? 'info',
      format: format.combine(format.timestamp(), format.json()),
      transports: [new transports.Console()],
    }),
});

const backend = createBackend();
backend.add(timestampedRootLogger);
backend.add(orkestraPlugin);
backend.start().catch(error => {
  // eslint-disable-next-line no-console
  console.error(error);
  process.exit(1);
});
