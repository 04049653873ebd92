import {
  GateState,
  PolicyStatus,
} from '@orkspace/backstage-plugin-orkestra-common';
import { Button, Flex, Key, SearchField, Select } from '@backstage/ui';
import {
  GATE_STATES,
  gateLabel,
  POLICY_STATUSES,
  policyLabel,
} from './describePattern';
import { hasFilters, PatternFilters } from './patternFilters';

const ANY = 'any';

interface FilterOption {
  id: string;
  label: string;
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

const KIND_OPTIONS: FilterOption[] = [
  { id: 'Katalog', label: 'Katalog' },
  { id: 'Motif', label: 'Motif' },
];

const GATE_OPTIONS: FilterOption[] = GATE_STATES.map(state => ({
  id: state,
  label: gateLabel(state),
}));

const DEPRECATED_OPTIONS: FilterOption[] = [
  { id: 'yes', label: 'Deprecated' },
  { id: 'no', label: 'Not deprecated' },
];

const POLICY_OPTIONS: FilterOption[] = POLICY_STATUSES.map(status => ({
  id: status,
  label: policyLabel(status),
}));

const IMPORTS_OPTIONS: FilterOption[] = [
  { id: 'yes', label: 'Some behind' },
  { id: 'no', label: 'All current' },
];

function yesNoKey(value: boolean | undefined): string | undefined {
  if (value === undefined) return undefined;
  return value ? 'yes' : 'no';
}

function yesNoValue(key: string | undefined): boolean | undefined {
  if (key === undefined) return undefined;
  return key === 'yes';
}

/** Props of {@link PatternFiltersBar}. */
export interface PatternFiltersBarProps {
  filters: PatternFilters;
  onFiltersChange: (filters: PatternFilters) => void;
  searchText: string;
  onSearchTextChange: (text: string) => void;
}

/** The labelled filters and search of the patterns table. */
export const PatternFiltersBar = (props: PatternFiltersBarProps) => {
  const { filters, onFiltersChange, searchText, onSearchTextChange } = props;
  const set = (change: PatternFilters) =>
    onFiltersChange({ ...filters, ...change });
  return (
    <Flex gap="3" style={{ flexWrap: 'wrap' }} align="end">
      <SearchField
        label="Search patterns"
        placeholder="Name, repository, description or author"
        value={searchText}
        onChange={onSearchTextChange}
      />
      <FilterSelect
        label="Kind"
        value={filters.kind}
        options={KIND_OPTIONS}
        onChange={kind => set({ kind: kind as PatternFilters['kind'] })}
      />
      <FilterSelect
        label="Simulate"
        value={filters.simulate}
        options={GATE_OPTIONS}
        onChange={simulate => set({ simulate: simulate as GateState })}
      />
      <FilterSelect
        label="E2E"
        value={filters.e2e}
        options={GATE_OPTIONS}
        onChange={e2e => set({ e2e: e2e as GateState })}
      />
      <FilterSelect
        label="Deprecation"
        value={yesNoKey(filters.deprecated)}
        options={DEPRECATED_OPTIONS}
        onChange={key => set({ deprecated: yesNoValue(key) })}
      />
      <FilterSelect
        label="Policy"
        value={filters.policy}
        options={POLICY_OPTIONS}
        onChange={policy => set({ policy: policy as PolicyStatus })}
      />
      <FilterSelect
        label="Imports"
        value={yesNoKey(filters.importsBehind)}
        options={IMPORTS_OPTIONS}
        onChange={key => set({ importsBehind: yesNoValue(key) })}
      />
      <Button
        variant="secondary"
        isDisabled={!hasFilters(filters) && !searchText}
        onPress={() => {
          onFiltersChange({});
          onSearchTextChange('');
        }}
      >
        Clear filters
      </Button>
    </Flex>
  );
};
