/**
 * Scaffolder backend module: Orkestra publishing gates as template actions.
 *
 * @packageDocumentation
 */
export { scaffolderModuleOrkestra as default } from './module';
export { createValidateAction } from './actions/validate';
export { createPublishAction } from './actions/publish';
export type { PublishActionOptions } from './actions/publish';
export { createInspectAction } from './actions/inspect';
export { createDeprecateAction } from './actions/deprecate';
export { createFetchAction } from './actions/fetch';
export { createFollowMotifsAction } from './actions/followMotifs';
export { createE2eAction, createSimulateAction } from './actions/gates';
export { createPublishingEnvironment } from './publishing/PublishingEnvironment';
export type { PublishingEnvironment } from './publishing/PublishingEnvironment';
