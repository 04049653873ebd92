import { Flex, Tab, TabList, TabPanel, Tabs, Text } from '@backstage/ui';
import {
  PatternSummary,
  PatternVersion,
} from '@orkspace/backstage-plugin-orkestra-common';
import type { ReactNode } from 'react';
import { DependenciesSection } from './DependenciesSection';
import { FilesSection } from './FilesSection';
import { LatestMotifUpgrades } from './FollowUpgrade';
import { ImportSnippet } from './ImportSnippet';
import { PatternHeader } from './PatternHeader';
import { PolicySection } from './PolicySection';
import {
  PATTERN_TABS,
  PatternTabId,
  useSelectedPatternTab,
} from './patternTabs';
import { UpgradePathSection } from './UpgradePathSection';
import { findLatest } from './versionOrder';
import { VersionsTable } from './VersionsTable';

const NoVersion = () => (
  <Text as="p" variant="body-medium" color="secondary">
    No version published yet.
  </Text>
);

/** The parts of the Pattern tab, each behind its own sub-tab. */
function panels(
  pattern: PatternSummary,
  versions: PatternVersion[],
): Record<PatternTabId, ReactNode> {
  const latest = findLatest(pattern, versions);
  const version = latest?.version ?? pattern.latest?.version;
  const isKatalog = pattern.kind === 'Katalog';
  return {
    overview: (
      <>
        <PatternHeader pattern={pattern} latest={latest} />
        {version && isKatalog && (
          <LatestMotifUpgrades patternId={pattern.id} latestVersion={version} />
        )}
        {version && <ImportSnippet pattern={pattern} version={version} />}
      </>
    ),
    versions: <VersionsTable versions={versions} />,
    files: version ? (
      <FilesSection patternId={pattern.id} version={version} />
    ) : (
      <NoVersion />
    ),
    upgrade:
      versions.length > 0 && version ? (
        <>
          {isKatalog && (
            <LatestMotifUpgrades
              patternId={pattern.id}
              latestVersion={version}
            />
          )}
          <UpgradePathSection patternId={pattern.id} versions={versions} />
        </>
      ) : (
        <NoVersion />
      ),
    dependencies: version ? (
      <DependenciesSection
        patternId={pattern.id}
        kind={pattern.kind}
        version={version}
      />
    ) : (
      <NoVersion />
    ),
    policy: version ? (
      <PolicySection patternId={pattern.id} version={version} />
    ) : (
      <NoVersion />
    ),
  };
}

/**
 * The Pattern tab's sub-tabs: Overview, Versions, Files, Upgrade,
 * Dependencies and Policy. The open one is in the URL (`?tab=versions`), so it
 * can be shared and the back button returns to the previous one.
 */
export const PatternTabs = (props: {
  pattern: PatternSummary;
  versions: PatternVersion[];
}) => {
  const [selected, select] = useSelectedPatternTab();
  const content = panels(props.pattern, props.versions);
  return (
    <Tabs selectedKey={selected} onSelectionChange={key => select(String(key))}>
      <TabList aria-label="Pattern sections">
        {PATTERN_TABS.map(tab => (
          <Tab key={tab.id} id={tab.id}>
            {tab.label}
          </Tab>
        ))}
      </TabList>
      {PATTERN_TABS.map(tab => (
        <TabPanel key={tab.id} id={tab.id}>
          <Flex direction="column" gap="5" pt="4">
            {content[tab.id]}
          </Flex>
        </TabPanel>
      ))}
    </Tabs>
  );
};
