/**
 * Catalog backend module: Orkestra patterns as catalog entities.
 *
 * @packageDocumentation
 */
export { catalogModuleOrkestra as default } from './module';
export { OrkestraEntityProvider } from './provider/OrkestraEntityProvider';
export { OrkestraEntityFeedClient } from './provider/OrkestraEntityFeedClient';
export { EntityClaims } from './provider/EntityClaims';
export { patternToEntities } from './entities/patternToEntities';
