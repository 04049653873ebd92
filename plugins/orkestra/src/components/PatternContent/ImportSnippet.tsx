import { CodeSnippet } from '@backstage/core-components';
import { Text } from '@backstage/ui';
import { PatternSummary } from '@orkspace/backstage-plugin-orkestra-common';
import { importSnippet } from './importSnippet';
import { Section } from './Section';

/** The copyable YAML that imports the given version. */
export const ImportSnippet = (props: {
  pattern: PatternSummary;
  version: string;
}) => {
  const snippet = importSnippet(props.pattern, props.version);
  return (
    <Section title="Import">
      <Text as="p" variant="body-medium">
        {snippet.where}
      </Text>
      <CodeSnippet text={snippet.text} language="yaml" showCopyCodeButton />
    </Section>
  );
};
