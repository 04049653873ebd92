import {
  BackstageCredentials,
  BackstageServicePrincipal,
  BackstageUserPrincipal,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import express from 'express';

/** A signed-in user or another backend plugin. */
export type Caller = BackstageCredentials<
  BackstageUserPrincipal | BackstageServicePrincipal
>;

/** Every route but the public ones needs a user or a service; the caller is kept for later checks. */
export function authenticate(
  httpAuth: HttpAuthService,
): express.RequestHandler {
  return async (req, res, next) => {
    res.locals.caller = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    next();
  };
}

/** The caller that `authenticate` admitted. */
export function callerOf(res: express.Response): Caller {
  return res.locals.caller as Caller;
}

/** The permission middleware of the mutating routes: 403 with `refusal` unless allowed. */
export function createPermissionCheck(permissions: PermissionsService) {
  return (
      permission: BasicPermission,
      refusal: string,
    ): express.RequestHandler =>
    async (_req, res, next) => {
      const [decision] = await permissions.authorize([{ permission }], {
        credentials: callerOf(res),
      });
      if (decision?.result !== AuthorizeResult.ALLOW) {
        throw new NotAllowedError(refusal);
      }
      next();
    };
}

/** Attaches the permission middleware to a route. */
export type PermissionCheck = ReturnType<typeof createPermissionCheck>;
