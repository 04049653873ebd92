/**
 * The entry point of one real Orkestra backend process, as a replica would
 * run in production: `createBackend()` from @backstage/backend-defaults with
 * its default (real) services — root config from `--config` files, database
 * service, scheduler, auth, permissions, HTTP server — and this plugin.
 * Nothing is mocked. Started by `startBackendProcess` with
 * `node --require @backstage/cli/config/nodeTransform.cjs`; never imported.
 */
import { createBackend } from '@backstage/backend-defaults';
import { orkestraPlugin } from '../plugin';

// Ends with the test that started it, even when that one dies without
// stopping it: its end of the stdin pipe closes.
process.stdin.resume();
process.stdin.on('end', () => process.exit(1));

const backend = createBackend();
backend.add(orkestraPlugin);
backend.start().catch(error => {
  // eslint-disable-next-line no-console
  console.error(error);
  process.exit(1);
});
