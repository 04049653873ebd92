export * from './yamlDocument';
export * from './types';
export * from './motif';
export * from './katalog';
export { parseKomposer } from './komposer';
export type {
  AcceptedPatternModel,
  HelmImportModel,
  KomposerModel,
  RegistryAuthModel,
  RegistryImportModel,
} from './komposer';
export * from './simulate';
export * from './e2e';
export * from './crd';
export * from './patternMeta';
