import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Re-read a pattern's repository from its registry now.
 *
 * @public
 */
export const orkestraPatternResyncPermission = createPermission({
  name: 'orkestra.pattern.resync',
  attributes: { action: 'update' },
});

/**
 * Publish a pattern version (scaffolder actions).
 *
 * @public
 */
export const orkestraPatternPublishPermission = createPermission({
  name: 'orkestra.pattern.publish',
  attributes: { action: 'create' },
});

/**
 * Mark a published version deprecated (scaffolder actions).
 *
 * @public
 */
export const orkestraPatternDeprecatePermission = createPermission({
  name: 'orkestra.pattern.deprecate',
  attributes: { action: 'update' },
});

/**
 * Every permission the Orkestra plugins define.
 *
 * @public
 */
export const orkestraPermissions = [
  orkestraPatternResyncPermission,
  orkestraPatternPublishPermission,
  orkestraPatternDeprecatePermission,
];
