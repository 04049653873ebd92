import { Flex, Text } from '@backstage/ui';
import { Component, ReactNode } from 'react';

/** Markdown shown as its text, saying why it was not rendered. */
export const PlainMarkdown = (props: { text: string; reason: string }) => (
  <Flex direction="column" gap="2">
    <Text as="p" variant="body-small" color="warning">
      Shown as plain text: {props.reason}, too much to render safely.
    </Text>
    <pre
      style={{
        margin: 0,
        padding: '0.75em',
        whiteSpace: 'pre-wrap',
        overflowWrap: 'anywhere',
        fontFamily: 'var(--bui-font-monospace, monospace)',
        background: 'var(--bui-bg-neutral-2, rgba(127, 127, 127, 0.15))',
        borderRadius: 'var(--bui-radius-2, 4px)',
      }}
    >
      {props.text}
    </pre>
  </Flex>
);

/** Renders `children`; if rendering them throws (a parser's stack overflow), the plain text instead. */
export class MarkdownBoundary extends Component<
  { text: string; children: ReactNode },
  { failed: boolean }
> {
  static getDerivedStateFromError() {
    return { failed: true };
  }

  state = { failed: false };

  render() {
    return this.state.failed ? (
      <PlainMarkdown
        text={this.props.text}
        reason="the markdown renderer failed on it"
      />
    ) : (
      this.props.children
    );
  }
}
