import { screen, waitFor } from '@testing-library/react';
import { setupOrkestraServer } from '../../__testUtils__/orkestraServer';
import { okSource, renderHealthPage } from '../../__testUtils__/healthPage';

// The whole page renders, with a dozen selects: slow on a shared machine.
jest.setTimeout(30_000);

// A file of its own: usePermission caches decisions for the whole test file,
// so a test that allowed the permission before would answer this one.
const { server, requests } = setupOrkestraServer();

describe('OrkestraPage Sync now without the resync permission', () => {
  it('is hidden, at the top and in the sources table', async () => {
    await renderHealthPage(server, {
      backend: {
        sources: [
          okSource({
            id: 'acme-registry',
            health: 'failing',
            failingRepositoryCount: 0,
          }),
          okSource(),
        ],
      },
      canResync: false,
    });

    await screen.findByRole('region', { name: 'Source acme-registry' });
    await screen.findByRole('grid', { name: 'Pattern sources' });
    await waitFor(() =>
      expect(requests().some(r => r.path === '/owners')).toBe(true),
    );
    expect(screen.queryByRole('button', { name: /Sync now/ })).toBeNull();
  });
});
