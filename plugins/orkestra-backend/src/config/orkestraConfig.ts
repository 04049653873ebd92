import { Config } from '@backstage/config';
import { PolicyConfig } from '@orkspace/backstage-plugin-orkestra-common';
import {
  OwnershipConfig,
  readOwnershipConfig,
  readPolicyConfig,
  readSourceConfigs,
  readSyncConfig,
  SourceConfig,
  SyncConfig,
} from '@orkspace/backstage-plugin-orkestra-node';

// The readers live in orkestra-node's config/ folder; these names stay for the backend's modules.
export { ownerFor } from '@orkspace/backstage-plugin-orkestra-node';
export type {
  OwnershipConfig,
  SyncConfig,
} from '@orkspace/backstage-plugin-orkestra-node';

/** Everything under `orkestra` the backend uses, validated. */
export interface OrkestraConfig {
  sources: SourceConfig[];
  policy: PolicyConfig;
  ownership: OwnershipConfig;
  sync: SyncConfig;
}

/** Reads and validates the `orkestra` section. Throws an InputError naming the bad key. */
export function readOrkestraConfig(root: Config): OrkestraConfig {
  return {
    sources: readSourceConfigs(root),
    policy: readPolicyConfig(root).policy,
    ownership: readOwnershipConfig(root),
    sync: readSyncConfig(root),
  };
}
