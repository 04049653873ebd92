import { WarningPanel } from '@backstage/core-components';

/** A failed request: what could not be loaded, and the error's message. */
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
    message={error.message}
    defaultExpanded
  />
);
