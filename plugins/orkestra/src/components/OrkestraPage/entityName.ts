import { toEntityName } from '@orkspace/backstage-plugin-orkestra-common';

/** Path of the pattern's catalog entity page (the catalog module names entities with `toEntityName`). */
export function patternEntityPath(repository: string): string {
  return `/catalog/default/component/${toEntityName(repository)}`;
}
