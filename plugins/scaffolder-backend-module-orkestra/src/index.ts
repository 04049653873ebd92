/**
 * Scaffolder backend module: Orkestra publishing gates as template actions.
 *
 * @packageDocumentation
 */
export { scaffolderModuleOrkestra as default } from './module';
export { createValidateAction } from './actions/validate';
