import {
  AuthService,
  DiscoveryService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { PolicyConfig } from '@orkspace/backstage-plugin-orkestra-common';
import {
  GateRunner,
  OciStore,
  openSourceStore,
  readGateRunnerConfig,
  readPolicyConfig,
  readSourceConfigs,
  SourceConfig,
} from '@orkspace/backstage-plugin-orkestra-node';

/**
 * Everything the publishing actions need, read once from backend config.
 *
 * @public
 */
export interface PublishingEnvironment {
  sources: SourceConfig[];
  policy: PolicyConfig;
  /** `orkestra.policy.allowForcedPublish`: may a template force or skip gates? */
  allowForcedPublish: boolean;
  gates: GateRunner;
  permissions: PermissionsService;
  auth: AuthService;
  discovery: DiscoveryService;
  logger: LoggerService;
  openStore(source: SourceConfig): Promise<OciStore>;
  /** Asks the backend to sync a repository now; failures are logged, not thrown. */
  fetch: typeof fetch;
}

/**
 * Reads the {@link PublishingEnvironment} from backend config and services; `openStore`, `gates` and `fetch` can be replaced (tests do).
 *
 * @public
 */
export function createPublishingEnvironment(options: {
  config: Config;
  permissions: PermissionsService;
  auth: AuthService;
  discovery: DiscoveryService;
  logger: LoggerService;
  openStore?: (source: SourceConfig) => Promise<OciStore>;
  gates?: GateRunner;
  fetch?: typeof fetch;
}): PublishingEnvironment {
  const { policy, allowForcedPublish } = readPolicyConfig(options.config);
  return {
    sources: readSourceConfigs(options.config),
    policy,
    allowForcedPublish,
    gates:
      options.gates ?? new GateRunner(readGateRunnerConfig(options.config)),
    permissions: options.permissions,
    auth: options.auth,
    discovery: options.discovery,
    logger: options.logger,
    openStore:
      options.openStore ??
      (source => openSourceStore(source, { createLayout: true })),
    fetch: options.fetch ?? fetch,
  };
}
