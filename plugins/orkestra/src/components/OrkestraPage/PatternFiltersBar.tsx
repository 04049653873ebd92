import {
  DEPRECATION_PHASE_LABELS,
  GATE_STATE_LABELS,
  GATE_STATES,
  GateState,
  PATTERN_KINDS,
  PatternKind,
  POLICY_STATUS_LABELS,
  POLICY_STATUSES,
  PolicyStatus,
} from '@orkspace/backstage-plugin-orkestra-common';
import { Button, Flex, Key, SearchField, Select } from '@backstage/ui';
import { ownerLabel } from './describePattern';
import { BooleanFilterKey, hasFilters, PatternFilters } from './patternFilters';

const ANY = 'any';

/** One option of a select. */
export interface FilterOption {
  id: string;
  label: string;
}

/** One select of the bar: its options, and how it reads and sets the filters. */
interface FilterDefinition {
  label: string;
  options: FilterOption[];
  read: (filters: PatternFilters) => string | undefined;
  write: (key: string | undefined) => PatternFilters;
}

const FilterSelect = (props: {
  label: string;
  value: string | undefined;
  options: FilterOption[];
  onChange: (value: string | undefined) => void;
}) => (
  <Select
    label={props.label}
    selectionMode="single"
    options={[{ id: ANY, label: 'Any' }, ...props.options]}
    value={props.value ?? ANY}
    onChange={(key: Key | null) =>
      props.onChange(key === null || key === ANY ? undefined : String(key))
    }
  />
);

function optionsOf<T extends string>(
  values: readonly T[],
  labels: Readonly<Record<T, string>>,
): FilterOption[] {
  return values.map(value => ({ id: value, label: labels[value] }));
}

const GATE_OPTIONS = optionsOf(GATE_STATES, GATE_STATE_LABELS);

function gateFilter(label: string, key: 'simulate' | 'e2e'): FilterDefinition {
  return {
    label,
    options: GATE_OPTIONS,
    read: filters => filters[key],
    write: value => ({ [key]: value as GateState | undefined }),
  };
}

/** A yes/no filter on a boolean query parameter. */
function yesNoFilter(
  label: string,
  key: BooleanFilterKey,
  yes: string,
  no: string,
): FilterDefinition {
  return {
    label,
    options: [
      { id: 'yes', label: yes },
      { id: 'no', label: no },
    ],
    read: filters => {
      const value = filters[key];
      if (value === undefined) return undefined;
      return value ? 'yes' : 'no';
    },
    write: value => ({
      [key]: value === undefined ? undefined : value === 'yes',
    }),
  };
}

function textFilter(
  label: string,
  key: 'owner' | 'source',
  options: FilterOption[],
): FilterDefinition {
  return {
    label,
    options,
    read: filters => filters[key],
    write: value => ({ [key]: value }),
  };
}

function filterDefinitions(
  owners: string[],
  sources: string[],
): FilterDefinition[] {
  return [
    {
      label: 'Kind',
      options: PATTERN_KINDS.map(kind => ({ id: kind, label: kind })),
      read: filters => filters.kind,
      write: value => ({ kind: value as PatternKind | undefined }),
    },
    textFilter(
      'Owner',
      'owner',
      owners.map(owner => ({ id: owner, label: ownerLabel(owner) })),
    ),
    textFilter(
      'Source',
      'source',
      sources.map(source => ({ id: source, label: source })),
    ),
    gateFilter('Simulate', 'simulate'),
    gateFilter('E2E', 'e2e'),
    yesNoFilter('Forced', 'forced', 'Forced', 'Not forced'),
    yesNoFilter(
      'Deprecation',
      'deprecated',
      DEPRECATION_PHASE_LABELS.deprecated,
      DEPRECATION_PHASE_LABELS.none,
    ),
    yesNoFilter(
      'End of life',
      'endOfLife',
      DEPRECATION_PHASE_LABELS['end-of-life'],
      'Not at end of life',
    ),
    {
      label: 'Policy',
      options: optionsOf(POLICY_STATUSES, POLICY_STATUS_LABELS),
      read: filters => filters.policy,
      write: value => ({ policy: value as PolicyStatus | undefined }),
    },
    yesNoFilter('Imports', 'importsBehind', 'Some behind', 'All current'),
    yesNoFilter(
      'Imports deprecated',
      'importsDeprecated',
      'Imports a deprecated version',
      'No deprecated import',
    ),
    yesNoFilter('Sync', 'syncFailing', 'Failing sync', 'Synced'),
  ];
}

/** Props of {@link PatternFiltersBar}. */
export interface PatternFiltersBarProps {
  filters: PatternFilters;
  onFiltersChange: (filters: PatternFilters) => void;
  searchText: string;
  onSearchTextChange: (text: string) => void;
  /** Owner entity refs to choose from (`GET /owners`). */
  owners: string[];
  /** Source ids to choose from (`GET /sources`). */
  sources: string[];
  /** Clears the filters and the search at once. */
  onClear: () => void;
}

/** The labelled filters and search of the patterns table. */
export const PatternFiltersBar = (props: PatternFiltersBarProps) => {
  const { filters, onFiltersChange, searchText, onSearchTextChange } = props;
  // A filter set in the URL keeps its option, even if the list no longer has it.
  const owners = [
    ...new Set([...props.owners, ...(filters.owner ? [filters.owner] : [])]),
  ];
  const sources = [
    ...new Set([...props.sources, ...(filters.source ? [filters.source] : [])]),
  ];
  return (
    <Flex gap="3" style={{ flexWrap: 'wrap' }} align="end">
      {/* A row of its own: wide enough for its placeholder, the selects below it. */}
      <div style={{ flexBasis: '100%', maxWidth: '32rem' }}>
        <SearchField
          label="Search patterns"
          placeholder="Name, repository, description or author"
          value={searchText}
          onChange={onSearchTextChange}
        />
      </div>
      {filterDefinitions(owners, sources).map(filter => (
        <FilterSelect
          key={filter.label}
          label={filter.label}
          value={filter.read(filters)}
          options={filter.options}
          onChange={value =>
            onFiltersChange({ ...filters, ...filter.write(value) })
          }
        />
      ))}
      <Button
        variant="secondary"
        isDisabled={!hasFilters(filters) && !searchText}
        onPress={props.onClear}
      >
        Clear filters
      </Button>
    </Flex>
  );
};
