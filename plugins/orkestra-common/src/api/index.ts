export * from './types';
export * from './OrkestraClient';
