import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setupOrkestraServer } from '../../__testUtils__/orkestraServer';
import {
  cellTexts,
  currentQuery,
  findRow,
  ownerRollup,
  renderHealthPage,
  tableQueries,
} from '../../__testUtils__/healthPage';

// The whole page renders, with a dozen selects: slow on a shared machine.
jest.setTimeout(30_000);

const { server, requests } = setupOrkestraServer();

const owners = [
  ownerRollup('group:default/team-db', {
    total: 9,
    healthy: 4,
    forced: 2,
    deprecated: 1,
    behind: 3,
    policyFailing: 2,
  }),
  ownerRollup('unknown', { total: 1, healthy: 1 }),
];

describe('OrkestraPage team rollup', () => {
  it('counts per owner, each count a link to the table filtered to it', async () => {
    await renderHealthPage(server, { backend: { owners } });

    const table = await screen.findByRole('grid', {
      name: 'Patterns by owner',
    });
    expect(cellTexts(await findRow('team-db', table))).toEqual([
      'team-db',
      '9',
      '4',
      '2',
      '1',
      '3',
      '2',
    ]);
    expect(cellTexts(await findRow('unknown', table))).toEqual([
      'unknown',
      '1',
      '1',
      '0',
      '0',
      '0',
      '0',
    ]);
    expect(
      within(table).getByRole('link', { name: 'team-db: Forced 2' }),
    ).toHaveAttribute('href', '/?owner=group%3Adefault%2Fteam-db&forced=true');

    await userEvent.click(
      within(table).getByRole('link', { name: 'team-db: Healthy 4' }),
    );
    await waitFor(() =>
      expect(currentQuery()).toEqual({
        deprecated: 'false',
        policy: 'pass',
        importsBehind: 'false',
        owner: 'group:default/team-db',
        forced: 'false',
        importsDeprecated: 'false',
      }),
    );
    await waitFor(() =>
      expect(tableQueries(requests()).at(-1)).toEqual({
        deprecated: 'false',
        policy: 'pass',
        importsBehind: 'false',
        owner: 'group:default/team-db',
        forced: 'false',
        importsDeprecated: 'false',
        limit: '25',
      }),
    );

    await userEvent.click(
      within(table).getByRole('link', { name: 'team-db: Policy failing 2' }),
    );
    await waitFor(() =>
      expect(currentQuery()).toEqual({
        policy: 'fail',
        owner: 'group:default/team-db',
      }),
    );
    // The owner select follows the URL.
    expect(
      screen.getByRole('button', { name: /team-db Owner/ }),
    ).toBeInTheDocument();
  });

  it('says when there are no owners yet', async () => {
    await renderHealthPage(server);

    expect(await screen.findByText('No owners yet.')).toBeInTheDocument();
  });
});
