export * from './sourceConfig';
export * from './openSourceStore';
export * from './policyConfig';
export * from './ownershipConfig';
export * from './syncConfig';
export * from './catalogConfig';
export * from './publishConfig';
export * from './gateRunnerConfig';
