import { PatternSignals } from '@orkspace/backstage-plugin-orkestra-common';
import { SourceConfig } from '@orkspace/backstage-plugin-orkestra-node';
import { OwnershipConfig, ownerFor } from '../../config/orkestraConfig';
import { PatternIdentity } from '../../store/PatternStore';

/** A pattern's identity as a version's signals tell it; `name` when they have none. */
export function patternIdentity(options: {
  source: SourceConfig;
  repository: string;
  kind: PatternIdentity['kind'];
  name: string;
  signals: PatternSignals;
  ownership: OwnershipConfig;
}): PatternIdentity {
  const { source, signals } = options;
  return {
    sourceId: source.id,
    registry: source.registry,
    repository: options.repository,
    kind: options.kind,
    name: signals.name ?? options.name,
    description: signals.description,
    author: signals.author,
    owner: ownerFor(options.ownership, signals.author),
    tags: signals.tags,
  };
}
