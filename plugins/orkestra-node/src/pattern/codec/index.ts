export * from './fileMediaTypes';
export * from './goEncoding';
export * from './packPattern';
export * from './patternIndex';
export * from './publishPattern';
export * from './unpackPattern';
