import { WarningPanel } from '@backstage/core-components';
import { describeResponseError } from '@orkspace/backstage-plugin-orkestra-common';

/** A failed request: what could not be loaded, and what the server said. */
export const LoadError = ({
  title,
  error,
}: {
  title: string;
  error: Error;
}) => (
  <WarningPanel
    severity="error"
    title={title}
    message={describeResponseError(error)}
    defaultExpanded
  />
);
