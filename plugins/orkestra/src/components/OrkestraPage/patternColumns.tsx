import type { ReactNode } from 'react';
import {
  formatAge,
  PatternSummary,
} from '@orkspace/backstage-plugin-orkestra-common';
import { Cell, CellText, Flex, Link, Text } from '@backstage/ui';
import { GateBadge, gateFromState } from '../signals/GateBadge';
import { PolicyStatusChip } from '../signals/PolicyStatusChip';
import { formatDay } from '../signals/format';
import {
  DeprecatedImportsChip,
  DeprecationChip,
  SyncProblemMark,
} from './chips';
import { ownerLabel } from './describePattern';
import { LabelledColumn } from './LabelledTable';

const NONE = '—';

const wrap = { overflowWrap: 'anywhere' } as const;

/** The full name, wrapped (never cut), linked to the entity page, with a sync problem marked before it. */
const NameCell = (props: {
  pattern: PatternSummary;
  href: string | undefined;
}) => {
  const { pattern, href } = props;
  return (
    <Cell>
      <Flex gap="2" align="start">
        {pattern.syncProblem && (
          <SyncProblemMark problem={pattern.syncProblem} />
        )}
        <Flex direction="column" gap="0" style={{ minWidth: 0 }}>
          {href ? (
            <Link
              href={href}
              variant="body-medium"
              title={pattern.name}
              style={wrap}
            >
              {pattern.name}
            </Link>
          ) : (
            <Text
              as="span"
              variant="body-medium"
              title={pattern.name}
              style={wrap}
            >
              {pattern.name}
            </Text>
          )}
          <Text
            as="span"
            variant="body-small"
            color="secondary"
            title={pattern.repository}
            style={wrap}
          >
            {pattern.kind} · {pattern.repository}
          </Text>
        </Flex>
      </Flex>
    </Cell>
  );
};

const ChipCell = ({ children }: { children: ReactNode }) => (
  <Cell>
    <Flex gap="1" direction="column" align="start">
      {children}
    </Flex>
  </Cell>
);

/** Motifs are resource primitives without simulate or e2e gates. */
function gateCell(gate: 'Simulate' | 'E2E', key: 'simulate' | 'e2e') {
  return (pattern: PatternSummary) =>
    pattern.latest ? (
      <ChipCell>
        <GateBadge
          gate={gate}
          signal={gateFromState(pattern.latest[key])}
          compact
          hideGateName
          notApplicable={pattern.kind === 'Motif'}
        />
      </ChipCell>
    ) : (
      <CellText title={NONE} />
    );
}

/** When the latest version was pushed (the manifest's `org.opencontainers.image.created`). */
function lastPushed(pattern: PatternSummary): { title: string; day?: string } {
  const created = pattern.latest?.created;
  if (!created) return { title: NONE };
  const age = formatAge(created);
  return age ? { title: age, day: formatDay(created) } : { title: created };
}

/**
 * The patterns table's columns; `entityLink` links a pattern to its catalog
 * entity page. Sortable columns have the API's sort keys as ids.
 */
export function patternColumns(
  entityLink: (repository: string) => string | undefined,
): LabelledColumn<PatternSummary>[] {
  return [
    {
      id: 'name',
      label: 'Name',
      isRowHeader: true,
      isSortable: true,
      // The kind goes under the name: one column less keeps every header whole at 1440 px.
      cssWidth: '20%',
      cell: pattern => (
        <NameCell pattern={pattern} href={entityLink(pattern.repository)} />
      ),
    },
    {
      id: 'latest',
      label: 'Latest',
      isSortable: true,
      cssWidth: '8%',
      cell: pattern => <CellText title={pattern.latest?.version ?? NONE} />,
    },
    {
      id: 'simulate',
      label: 'Simulate',
      cssWidth: '9%',
      cell: gateCell('Simulate', 'simulate'),
    },
    {
      id: 'e2e',
      label: 'E2E',
      cssWidth: '9%',
      cell: gateCell('E2E', 'e2e'),
    },
    {
      id: 'deprecation',
      // Shorter than "Deprecation", whole in its column at 1440 px.
      label: 'Lifecycle',
      cssWidth: '10%',
      cell: pattern =>
        pattern.latest ? (
          <ChipCell>
            <DeprecationChip state={pattern.latest.deprecationState} />
          </ChipCell>
        ) : (
          <CellText title={NONE} />
        ),
    },
    {
      id: 'policy',
      label: 'Policy',
      cssWidth: '12%',
      cell: pattern =>
        pattern.latest ? (
          <ChipCell>
            <PolicyStatusChip status={pattern.latest.policyStatus} hideName />
            {pattern.deprecatedImports?.length ? (
              <DeprecatedImportsChip imports={pattern.deprecatedImports} />
            ) : null}
          </ChipCell>
        ) : (
          <CellText title={NONE} />
        ),
    },
    {
      id: 'owner',
      label: 'Owner',
      isSortable: true,
      cssWidth: '9%',
      cell: pattern => (
        <Cell>
          <Text as="span" variant="body-medium" style={wrap}>
            {ownerLabel(pattern.owner)}
          </Text>
        </Cell>
      ),
    },
    {
      id: 'versions',
      label: 'Versions',
      isSortable: true,
      cssWidth: '10%',
      cell: pattern => <CellText title={String(pattern.versionCount)} />,
    },
    {
      id: 'lastPushed',
      label: 'Last pushed',
      isSortable: true,
      cssWidth: '13%',
      cell: pattern => {
        const pushed = lastPushed(pattern);
        return <CellText title={pushed.title} description={pushed.day} />;
      },
    },
  ];
}
