import { StoredPattern } from '../records';

/** A row of `orkestra_patterns`. */
export interface PatternRow {
  id: number;
  source_id: string;
  registry: string;
  repository: string;
  kind: 'Katalog' | 'Motif';
  name: string;
  description: string | null;
  author: string | null;
  owner: string;
  tags_json: string;
  latest_version_id: number | null;
  latest_tag: string | null;
  first_seen_at: string;
  updated_at: string;
  missing_since: string | null;
}

export function toStoredPattern(row: PatternRow): StoredPattern {
  return {
    id: row.id,
    sourceId: row.source_id,
    registry: row.registry,
    repository: row.repository,
    kind: row.kind,
    name: row.name,
    description: row.description,
    author: row.author,
    owner: row.owner,
    tags: JSON.parse(row.tags_json),
    latestVersionId: row.latest_version_id,
    latestTag: row.latest_tag,
    firstSeenAt: row.first_seen_at,
    updatedAt: row.updated_at,
    missingSince: row.missing_since,
  };
}
