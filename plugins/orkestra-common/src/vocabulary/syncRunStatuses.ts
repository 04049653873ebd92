/**
 * Outcomes of one sync run of a source: `partial` when some repositories
 * failed and the rest were synced.
 *
 * @public
 */
export const SYNC_RUN_STATUSES = [
  'running',
  'succeeded',
  'partial',
  'failed',
] as const;

/**
 * Outcome of one sync run (see {@link SYNC_RUN_STATUSES}).
 *
 * @public
 */
export type SyncRunStatus = (typeof SYNC_RUN_STATUSES)[number];

/**
 * The one word the portal shows for each sync run status.
 *
 * @public
 */
export const SYNC_RUN_STATUS_LABELS: Readonly<Record<SyncRunStatus, string>> = {
  running: 'Running',
  succeeded: 'Succeeded',
  partial: 'Partial',
  failed: 'Failed',
};
