import { AuthRequest } from '../auth/AuthClient';

/** A request to the registry, named for the errors it may end in. */
export interface RegistryRequest extends AuthRequest {
  method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'DELETE';
  /** What is asked for, e.g. `manifest acme/app:v1`, as errors name it. */
  what: string;
  /** Statuses that are an answer; any other becomes a typed error. Default `[200]`. */
  expect?: number[];
}

/** Sends a request, resolving only with an expected status. */
export type SendRegistryRequest = (
  request: RegistryRequest,
) => Promise<Response>;
