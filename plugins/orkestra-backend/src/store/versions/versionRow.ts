import { PolicyStatus } from '@orkspace/backstage-plugin-orkestra-common';
import { StoredVersion, StoredVersionHeadline } from '../records';

/** A row of `orkestra_versions`. */
export interface VersionRow {
  id: number;
  pattern_id: number;
  digest: string;
  media_type: string;
  manifest_size: number;
  version: string | null;
  created: string | null;
  signals_json: string;
  simulate_state: string;
  e2e_state: string;
  deprecated: boolean | number;
  /** `timeline.to` of a deprecated version, `YYYY-MM-DD`, when valid. */
  end_of_life: string | null;
  maturity: string | null;
  crds_json: string;
  policy_status: string | null;
  policy_json: string | null;
  problems_json: string;
  first_seen_at: string;
}

/** The columns a headline reads. */
export const HEADLINE_COLUMNS = [
  'id',
  'digest',
  'version',
  'created',
  'signals_json',
  'maturity',
  'policy_status',
] as const;

export type VersionHeadlineRow = Pick<
  VersionRow,
  (typeof HEADLINE_COLUMNS)[number]
>;

export function toStoredVersion(row: VersionRow): StoredVersion {
  return {
    id: row.id,
    patternId: row.pattern_id,
    digest: row.digest,
    mediaType: row.media_type,
    manifestSize: row.manifest_size,
    version: row.version,
    created: row.created,
    signals: JSON.parse(row.signals_json),
    deprecated: Boolean(row.deprecated),
    maturity: row.maturity,
    crds: JSON.parse(row.crds_json),
    policy: row.policy_json === null ? null : JSON.parse(row.policy_json),
    problems: JSON.parse(row.problems_json),
    firstSeenAt: row.first_seen_at,
  };
}

/** `policy_status` is the status of `policy_json`: both are written together. */
export function toStoredVersionHeadline(
  row: VersionHeadlineRow,
): StoredVersionHeadline {
  return {
    id: row.id,
    digest: row.digest,
    version: row.version,
    created: row.created,
    signals: JSON.parse(row.signals_json),
    maturity: row.maturity,
    policyStatus: row.policy_status as PolicyStatus | null,
  };
}
