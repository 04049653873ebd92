import { Progress } from '@backstage/core-components';
import { Card, CardBody, CardHeader, Text } from '@backstage/ui';
import type { ReactNode } from 'react';
import { LoadError } from './LoadError';
import { MissingPatternId } from './MissingPatternId';
import { usePatternId } from './usePatternId';

/**
 * A card on a pattern entity's page: its title, and a body for the entity's
 * pattern id (or the note that the entity has none).
 */
export const PatternEntityCard = (props: {
  title: string;
  children: (patternId: string) => ReactNode;
}) => {
  const patternId = usePatternId();
  return (
    <Card>
      <CardHeader>
        <Text as="h3" variant="title-small">
          {props.title}
        </Text>
      </CardHeader>
      <CardBody>
        {patternId ? props.children(patternId) : <MissingPatternId />}
      </CardBody>
    </Card>
  );
};

/** What a card's request gave: still loading, failed, or its value. */
export interface LoadState<T> {
  loading: boolean;
  error?: Error;
  value?: T;
}

/** A spinner while `state` loads, the error when it failed, else `children(value)`. */
export function Loaded<T>(props: {
  state: LoadState<T>;
  errorTitle: string;
  children: (value: T) => ReactNode;
}) {
  const { loading, error, value } = props.state;
  if (loading) {
    return <Progress />;
  }
  if (error || !value) {
    return (
      <LoadError
        title={props.errorTitle}
        error={error ?? new Error('No answer')}
      />
    );
  }
  return <>{props.children(value)}</>;
}

/** Said by a card about a pattern without any version. */
export const NoVersionYet = () => (
  <Text as="p" variant="body-medium" color="secondary">
    No version published yet.
  </Text>
);
