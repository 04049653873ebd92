import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { CellText, ColumnConfig, Table, Text } from '@backstage/ui';
import {
  PatternDependent,
  PatternImport,
} from '@orkspace/backstage-plugin-orkestra-common';
import useAsync from 'react-use/esm/useAsync';
import { orkestraApiRef } from '../../api';
import { LoadError } from '../signals';
import { Section } from './Section';

type ImportRow = PatternImport & { id: string };
type DependentRow = PatternDependent & { id: string };

function importFreshness(item: PatternImport): string {
  if (!item.behindLatest) return item.patternId ? 'Up to date' : '—';
  return item.latestVersion
    ? `Behind latest (${item.latestVersion})`
    : 'Behind latest';
}

const importColumns: ColumnConfig<ImportRow>[] = [
  {
    id: 'reference',
    label: 'Import',
    isRowHeader: true,
    cell: item => (
      <CellText
        title={item.raw}
        description={item.allowed ? undefined : 'Not allowed by policy'}
        color={item.allowed ? undefined : 'secondary'}
      />
    ),
  },
  { id: 'type', label: 'Type', cell: item => <CellText title={item.type} /> },
  {
    id: 'version',
    label: 'Version',
    cell: item => <CellText title={item.tag ?? item.digest ?? '—'} />,
  },
  {
    id: 'latest',
    label: 'Latest',
    cell: item => <CellText title={importFreshness(item)} />,
  },
];

const dependentColumns: ColumnConfig<DependentRow>[] = [
  {
    id: 'name',
    label: 'Pattern',
    isRowHeader: true,
    cell: d => <CellText title={d.name} description={d.kind} />,
  },
  {
    id: 'version',
    label: 'Its version',
    cell: d => <CellText title={d.version} />,
  },
  {
    id: 'imported',
    label: 'Imports',
    cell: d => <CellText title={d.importedVersion ?? '—'} />,
  },
  {
    id: 'latest',
    label: 'Latest',
    cell: d => (
      <CellText title={d.behindLatest ? 'Behind latest' : 'Up to date'} />
    ),
  },
];

function useImportsAndDependents(patternId: string, version: string) {
  const orkestraApi = useApi(orkestraApiRef);
  return useAsync(async () => {
    const [imports, dependents] = await Promise.all([
      orkestraApi.listDependencies(patternId, version),
      orkestraApi.listDependents(patternId),
    ]);
    return { imports: imports.items, dependents: dependents.items };
  }, [orkestraApi, patternId, version]);
}

/** What the latest version imports, and which pattern versions import this one. */
export const DependenciesSection = (props: {
  patternId: string;
  version: string;
}) => {
  const { loading, error, value } = useImportsAndDependents(
    props.patternId,
    props.version,
  );
  if (loading) {
    return (
      <Section title="Dependencies">
        <Progress />
      </Section>
    );
  }
  if (error || !value) {
    return (
      <Section title="Dependencies">
        <LoadError
          title="Could not load the dependencies"
          error={error ?? new Error('No answer')}
        />
      </Section>
    );
  }
  const behind = value.dependents.filter(d => d.behindLatest).length;
  return (
    <>
      <Section title={`Imports of ${props.version}`}>
        {value.imports.length === 0 ? (
          <Text as="p" color="secondary">
            Imports no other pattern.
          </Text>
        ) : (
          <Table
            columnConfig={importColumns}
            data={value.imports.map((item, i) => ({
              ...item,
              id: `${i}:${item.raw}`,
            }))}
            pagination={{ type: 'none' }}
          />
        )}
      </Section>
      <Section title="Dependents">
        {behind > 0 && (
          <Text as="p" variant="body-medium" color="warning">
            {behind} of {value.dependents.length} dependents import an older
            version than the latest.
          </Text>
        )}
        {value.dependents.length === 0 ? (
          <Text as="p" color="secondary">
            No known pattern imports this one.
          </Text>
        ) : (
          <Table
            columnConfig={dependentColumns}
            data={value.dependents.map(d => ({
              ...d,
              id: `${d.patternId}@${d.version}`,
            }))}
            pagination={{ type: 'none' }}
          />
        )}
      </Section>
    </>
  );
};
