export * from './clockService';
