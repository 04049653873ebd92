import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';

// Standalone backend for developing this plugin: `yarn start` in this folder,
// then e.g. `curl http://localhost:7007/api/orkestra/sources`.
// Auth is mocked so the API can be called without a token.
const backend = createBackend();
backend.add(mockServices.auth.factory());
backend.add(mockServices.httpAuth.factory());
backend.add(import('../src'));
backend.start();
