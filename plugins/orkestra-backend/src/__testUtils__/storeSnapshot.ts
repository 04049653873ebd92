import { Knex } from 'knex';

/**
 * What the store knows, keyed by what identifies each row rather than by
 * generated ids or times, so two stores (or one store before and after a
 * sync) can be compared row by row.
 */
export interface StoreSnapshot {
  /** `source repository` → pattern fields. */
  patterns: Map<string, Record<string, unknown>>;
  /** `repository@digest` → version fields. */
  versions: Map<string, Record<string, unknown>>;
  /** `repository:tag` → digest and whether it is missing. */
  tags: Map<string, Record<string, unknown>>;
  /** `repository@digest/name` → file fields. */
  files: Map<string, Record<string, unknown>>;
  /** `repository@digest raw` of every import, in a sorted list (duplicates stay visible). */
  imports: string[];
  /** Digests of the stored YAML blobs. */
  blobs: string[];
  /** Row count of every table, to catch duplicates a keyed map would hide. */
  rowCounts: Record<string, number>;
}

const TABLES = [
  'orkestra_patterns',
  'orkestra_versions',
  'orkestra_tags',
  'orkestra_files',
  'orkestra_imports',
  'orkestra_blobs',
];

/** Reads everything the sync writes (sync runs excepted). */
export async function snapshotStore(knex: Knex): Promise<StoreSnapshot> {
  const patterns = await knex('orkestra_patterns').select();
  const versions = await knex('orkestra_versions').select();
  const tags = await knex('orkestra_tags').select();
  const files = await knex('orkestra_files').select();
  const imports = await knex('orkestra_imports').select();
  const blobs = await knex('orkestra_blobs').select('digest');

  const repositoryOf = new Map(patterns.map(p => [p.id, p.repository]));
  const versionKey = new Map(
    versions.map(v => [v.id, `${repositoryOf.get(v.pattern_id)}@${v.digest}`]),
  );
  const rowCounts: Record<string, number> = {};
  for (const table of TABLES) {
    const [row] = await knex(table).count({ count: '*' });
    rowCounts[table] = Number(row.count);
  }
  return {
    patterns: new Map(
      patterns.map(p => [
        `${p.source_id} ${p.repository}`,
        {
          kind: p.kind,
          name: p.name,
          owner: p.owner,
          latest: p.latest_version_id
            ? versionKey.get(p.latest_version_id)
            : null,
          latest_tag: p.latest_tag,
          missing: p.missing_since !== null,
        },
      ]),
    ),
    versions: new Map(
      versions.map(v => [
        versionKey.get(v.id)!,
        {
          version: v.version,
          simulate_state: v.simulate_state,
          e2e_state: v.e2e_state,
          deprecated: Boolean(v.deprecated),
          maturity: v.maturity,
          crds_json: v.crds_json,
          problems_json: v.problems_json,
          policy_status: v.policy_status,
        },
      ]),
    ),
    tags: new Map(
      tags.map(t => [
        `${repositoryOf.get(t.pattern_id)}:${t.tag}`,
        {
          version: versionKey.get(t.version_id),
          missing: t.missing_since !== null,
        },
      ]),
    ),
    files: new Map(
      files.map(f => [
        `${versionKey.get(f.version_id)}/${f.name}`,
        { digest: f.digest, size: Number(f.size), media_type: f.media_type },
      ]),
    ),
    imports: imports
      .map(
        i =>
          `${versionKey.get(i.version_id)} ${i.type} ${i.raw} -> ${
            i.target_pattern_id ? repositoryOf.get(i.target_pattern_id) : '-'
          }`,
      )
      .sort(),
    blobs: blobs.map(b => b.digest).sort(),
    rowCounts,
  };
}

function missingOrChanged(
  before: Map<string, Record<string, unknown>>,
  after: Map<string, Record<string, unknown>>,
  what: string,
): string[] {
  const problems: string[] = [];
  for (const [key, row] of before) {
    const now = after.get(key);
    if (!now) problems.push(`${what} ${key} is gone`);
    else if (JSON.stringify(now) !== JSON.stringify(row))
      problems.push(
        `${what} ${key} changed from ${JSON.stringify(row)} to ${JSON.stringify(
          now,
        )}`,
      );
  }
  return problems;
}

/**
 * Every pattern, version, tag, file, import and blob of `before` is still in
 * `after` and not marked missing; versions, tags, files and imports are
 * unchanged (a pattern's latest may move on). `after` may hold more. Returns
 * the differences, so a failing expectation lists them all.
 */
export function lostSince(
  before: StoreSnapshot,
  after: StoreSnapshot,
): string[] {
  const problems: string[] = [];
  // A pattern's latest version may move on when a sync brings a newer one; it must stay known and present.
  for (const [key, row] of before.patterns) {
    const now = after.patterns.get(key);
    if (!now) problems.push(`pattern ${key} is gone`);
    else if (now.missing && !row.missing)
      problems.push(`pattern ${key} is marked missing`);
    else if (now.kind !== row.kind)
      problems.push(`pattern ${key} changed kind`);
  }
  problems.push(
    ...missingOrChanged(before.versions, after.versions, 'version'),
    ...missingOrChanged(before.tags, after.tags, 'tag'),
    ...missingOrChanged(before.files, after.files, 'file'),
  );
  const imports = new Set(after.imports);
  for (const entry of before.imports)
    if (!imports.has(entry)) problems.push(`import ${entry} is gone`);
  const blobs = new Set(after.blobs);
  for (const digest of before.blobs)
    if (!blobs.has(digest)) problems.push(`blob ${digest} is gone`);
  return problems;
}

/** The snapshot as plain data, for `toEqual` against another store's. */
export function comparable(snapshot: StoreSnapshot) {
  const sorted = (map: Map<string, Record<string, unknown>>) =>
    Object.fromEntries([...map].sort(([a], [b]) => a.localeCompare(b)));
  return {
    patterns: sorted(snapshot.patterns),
    versions: sorted(snapshot.versions),
    tags: sorted(snapshot.tags),
    files: sorted(snapshot.files),
    imports: snapshot.imports,
    blobs: snapshot.blobs,
    rowCounts: snapshot.rowCounts,
  };
}
