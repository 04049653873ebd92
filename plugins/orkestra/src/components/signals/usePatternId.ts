import { useEntity } from '@backstage/plugin-catalog-react';
import { OrkestraEntityAnnotations } from '@orkspace/backstage-plugin-orkestra-common';

/** The Orkestra pattern id of the current entity, from `orkestra.sh/pattern-id`. */
export function usePatternId(): string | undefined {
  const { entity } = useEntity();
  const id = entity.metadata.annotations?.[OrkestraEntityAnnotations.patternId];
  return id?.trim() ? id.trim() : undefined;
}
