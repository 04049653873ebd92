import { CodeSnippet, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { Flex, Text } from '@backstage/ui';
import useAsync from 'react-use/esm/useAsync';
import { orkestraApiRef } from '../../api';
import { LoadError } from '../signals';
import { MarkdownBoundary, PlainMarkdown } from './markdown/PlainMarkdown';
import { markdownTooComplex } from './markdown/markdownGuard';
import { SafeMarkdown } from './markdown/SafeMarkdown';

const MARKDOWN = /\.(md|markdown)$/i;
const YAML = /\.ya?ml$/i;

const FileText = (props: { name: string; text: string }) => {
  const risky = MARKDOWN.test(props.name)
    ? markdownTooComplex(props.text)
    : undefined;
  if (MARKDOWN.test(props.name) && !risky) {
    // Registry content: rendered without loading anything (see SafeMarkdown).
    return (
      <MarkdownBoundary text={props.text}>
        <SafeMarkdown content={props.text} />
      </MarkdownBoundary>
    );
  }
  if (risky) return <PlainMarkdown text={props.text} reason={risky} />;
  return (
    <CodeSnippet
      text={props.text}
      language={YAML.test(props.name) ? 'yaml' : 'text'}
      showLineNumbers
      showCopyCodeButton
    />
  );
};

/** The text of one file of a version: markdown rendered, YAML highlighted. */
export const FileViewer = (props: {
  patternId: string;
  version: string;
  name: string;
}) => {
  const orkestraApi = useApi(orkestraApiRef);
  const { patternId, version, name } = props;
  const { loading, error, value } = useAsync(
    () => orkestraApi.getFileText(patternId, version, name),
    [orkestraApi, patternId, version, name],
  );
  if (loading) {
    return <Progress />;
  }
  if (error) {
    return <LoadError title={`Could not load ${name}`} error={error} />;
  }
  return (
    <Flex direction="column" gap="2" aria-label={`Content of ${name}`}>
      <Text as="h4" variant="title-x-small">
        {name}
      </Text>
      {value?.truncated && (
        <Text as="p" variant="body-small" color="warning">
          The file is too large to show in full; this is its start.
        </Text>
      )}
      {value?.text ? (
        <FileText name={name} text={value.text} />
      ) : (
        <Text as="p" variant="body-medium" color="secondary">
          The file is empty.
        </Text>
      )}
    </Flex>
  );
};
