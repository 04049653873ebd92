import { InputError } from '@backstage/errors';
import {
  OwnerRollup,
  PATTERN_KINDS,
  PatternKind,
} from '@orkspace/backstage-plugin-orkestra-common';
import { ServiceContext } from './context';

/**
 * Per owner of current patterns (optionally of one kind), how many are
 * healthy, forced, deprecated, behind and failing policy: one aggregate
 * query, by owner.
 */
export async function listOwnerRollup(
  { store }: ServiceContext,
  query: { kind?: PatternKind } = {},
): Promise<OwnerRollup[]> {
  if (query.kind !== undefined && !PATTERN_KINDS.includes(query.kind)) {
    throw new InputError(`kind must be one of ${PATTERN_KINDS.join(', ')}`);
  }
  return store.ownerRollup({ kind: query.kind });
}
