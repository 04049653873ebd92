import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  Cell,
  CellText,
  ColumnConfig,
  Flex,
  Link,
  Table,
  Text,
} from '@backstage/ui';
import {
  PatternDependent,
  PatternImport,
  PatternKind,
} from '@orkspace/backstage-plugin-orkestra-common';
import useAsync from 'react-use/esm/useAsync';
import { orkestraApiRef } from '../../api';
import { usePatternEntityLink } from '../OrkestraPage/entityName';
import { LoadError } from '../signals';
import { FollowUpgrade } from './FollowUpgrade';
import { repositoryOfPatternId } from './patternIds';
import { Section } from './Section';

type ImportRow = PatternImport & { id: string };
type DependentRow = PatternDependent & { id: string };

function importFreshness(item: PatternImport): string {
  if (!item.behindLatest) return item.patternId ? 'Up to date' : '—';
  return item.latestVersion
    ? `Behind latest (${item.latestVersion})`
    : 'Behind latest';
}

type EntityLink = (repository: string) => string | undefined;

/** The imported pattern's name, linked to its entity when the portal knows it. */
const ImportCell = ({ item, link }: { item: ImportRow; link: EntityLink }) => {
  const repository = item.patternId && repositoryOfPatternId(item.patternId);
  const href = repository ? link(repository) : undefined;
  const name = (item.reference ?? item.raw).split('/').pop() ?? item.raw;
  return (
    <Cell>
      <Flex direction="column" gap="1">
        {href ? (
          <Link href={href} variant="body-medium">
            {name}
          </Link>
        ) : (
          <Text as="span" variant="body-medium">
            {name}
          </Text>
        )}
        <Text
          as="span"
          variant="body-small"
          color="secondary"
          style={{ overflowWrap: 'anywhere' }}
        >
          {item.raw}
          {item.allowed ? '' : ' · not allowed by policy'}
        </Text>
      </Flex>
    </Cell>
  );
};

function importColumns(link: EntityLink): ColumnConfig<ImportRow>[] {
  return [
    {
      id: 'reference',
      label: 'Import',
      isRowHeader: true,
      cell: item => <ImportCell item={item} link={link} />,
    },
    {
      id: 'type',
      label: 'Type',
      width: 110,
      cell: item => <CellText title={item.type} />,
    },
    {
      id: 'version',
      label: 'Version',
      width: 130,
      cell: item => <CellText title={item.tag ?? item.digest ?? '—'} />,
    },
    {
      id: 'latest',
      label: 'Latest',
      width: 200,
      cell: item => <CellText title={importFreshness(item)} />,
    },
  ];
}

function dependentColumns(link: EntityLink): ColumnConfig<DependentRow>[] {
  return [
    {
      id: 'name',
      label: 'Pattern',
      isRowHeader: true,
      cell: d => (
        <CellText
          title={d.name}
          description={d.kind}
          href={link(repositoryOfPatternId(d.patternId))}
        />
      ),
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
}

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

/**
 * What the latest version imports (with "Follow upgrade" for a Katalog whose
 * Motif imports are behind), and which pattern versions import this one; each
 * linked to its entity.
 */
export const DependenciesSection = (props: {
  patternId: string;
  kind: PatternKind;
  version: string;
}) => {
  const entityLink = usePatternEntityLink();
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
        {props.kind === 'Katalog' && (
          <FollowUpgrade
            latestVersion={props.version}
            imports={value.imports}
          />
        )}
        {value.imports.length === 0 ? (
          <Text as="p" color="secondary">
            Imports no other pattern.
          </Text>
        ) : (
          <Table
            columnConfig={importColumns(entityLink)}
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
            columnConfig={dependentColumns(entityLink)}
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
