export * from './policy';
export * from './retryAfter';
export * from './retryingFetch';
export * from './sleep';
