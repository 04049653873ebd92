export * from './yamlDocument';
export * from './types';
export * from './motif';
export * from './katalog';
export * from './komposer';
export * from './simulate';
export * from './e2e';
export * from './crd';
