import { EmptyState } from '@backstage/core-components';
import { OrkestraEntityAnnotations } from '@orkspace/backstage-plugin-orkestra-common';

/** Shown for an entity without the pattern id annotation. */
export const MissingPatternId = () => (
  <EmptyState
    missing="field"
    title="No Orkestra pattern id"
    description={
      <>
        This entity has no <code>{OrkestraEntityAnnotations.patternId}</code>{' '}
        annotation, so its pattern cannot be looked up.
      </>
    }
  />
);
