import { Progress, WarningPanel } from '@backstage/core-components';
import { Cell, CellText, Text } from '@backstage/ui';
import {
  describeResponseError,
  OwnerRollup,
} from '@orkspace/backstage-plugin-orkestra-common';
import { Link as RouterLink } from 'react-router-dom';
import { ownerLabel } from './describePattern';
import { filtersSearch } from './healthView';
import { LabelledColumn, LabelledTable } from './LabelledTable';
import { PatternFilters } from './patternFilters';

type RollupRow = OwnerRollup & { id: string };

/** What a count of the rollup filters the table to, with the owner. */
const COUNT_FILTERS: Array<{
  key: keyof Omit<OwnerRollup, 'owner'>;
  label: string;
  filters: PatternFilters;
}> = [
  { key: 'total', label: 'Total', filters: {} },
  {
    key: 'healthy',
    label: 'Healthy',
    // The API's "healthy": policy pass, not forced, not deprecated, nothing behind or deprecated imported.
    filters: {
      policy: 'pass',
      forced: false,
      deprecated: false,
      importsBehind: false,
      importsDeprecated: false,
    },
  },
  { key: 'forced', label: 'Forced', filters: { forced: true } },
  { key: 'deprecated', label: 'Deprecated', filters: { deprecated: true } },
  // "Behind" also counts deprecated imports, which no single filter selects; the link shows those behind.
  { key: 'behind', label: 'Behind', filters: { importsBehind: true } },
  {
    key: 'policyFailing',
    label: 'Policy failing',
    filters: { policy: 'fail' },
  },
];

const linkStyle = {
  color: 'var(--bui-fg-primary)',
  textDecoration: 'underline',
};

const columns: LabelledColumn<RollupRow>[] = [
  {
    id: 'owner',
    label: 'Owner',
    isRowHeader: true,
    cell: row => <CellText title={ownerLabel(row.owner)} />,
  },
  ...COUNT_FILTERS.map(
    (count): LabelledColumn<RollupRow> => ({
      id: count.key,
      label: count.label,
      cell: row => (
        <Cell>
          <RouterLink
            to={{
              search: filtersSearch({ owner: row.owner, ...count.filters }),
            }}
            aria-label={`${ownerLabel(row.owner)}: ${count.label} ${
              row[count.key]
            }`}
            style={linkStyle}
          >
            {row[count.key]}
          </RouterLink>
        </Cell>
      ),
    }),
  ),
];

/** Props of {@link TeamRollup}. */
export interface TeamRollupProps {
  loading: boolean;
  error?: Error;
  owners?: OwnerRollup[];
}

/**
 * Per owner, how many patterns are healthy, forced, deprecated, behind and
 * failing policy; every count links to the table filtered to it.
 */
export const TeamRollup = ({ loading, error, owners }: TeamRollupProps) => {
  if (loading) return <Progress />;
  if (error || !owners) {
    return (
      <WarningPanel
        severity="error"
        title="Could not load the owners"
        message={error && describeResponseError(error)}
      />
    );
  }
  if (!owners.length) {
    return (
      <Text as="p" variant="body-medium">
        No owners yet.
      </Text>
    );
  }
  return (
    <LabelledTable
      label="Patterns by owner"
      columns={columns}
      data={owners.map(owner => ({ ...owner, id: owner.owner }))}
    />
  );
};
