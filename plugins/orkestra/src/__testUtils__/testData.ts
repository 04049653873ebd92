import { Entity } from '@backstage/catalog-model';
import {
  PatternDependent,
  PatternFile,
  PatternImport,
  PatternSummary,
  PatternVersion,
  PolicyResult,
  UpgradePath,
} from '@orkspace/backstage-plugin-orkestra-common';
import type { FileText, PatternFixture } from './orkestraServer';

/** Test data: a deprecated Postgres Katalog with three versions. */

/** An RFC 3339 time `days` days (and a minute) before now. */
export function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000 - 60_000).toISOString();
}

export const PATTERN_ID = 'acme:katalogs/postgres';

export const katalogEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'katalog-postgres',
    annotations: { 'orkestra.sh/pattern-id': PATTERN_ID },
  },
  spec: { type: 'orkestra-katalog', lifecycle: 'production', owner: 'team-db' },
};

export const deprecationPolicy: PolicyResult = {
  status: 'warn',
  reasons: [
    {
      rule: 'deprecation',
      status: 'warn',
      message:
        'Deprecated: end of life on 2099-06-30. Migrate to ghcr.io/acme/katalogs/postgres-v2.',
    },
  ],
};

const passPolicy: PolicyResult = { status: 'pass', reasons: [] };

export const pattern: PatternSummary = {
  id: PATTERN_ID,
  source: 'acme',
  registry: 'ghcr.io',
  repository: 'acme/katalogs/postgres',
  reference: 'ghcr.io/acme/katalogs/postgres',
  kind: 'Katalog',
  name: 'postgres',
  description: 'A managed Postgres cluster',
  owner: 'group:default/team-db',
  tags: ['database'],
  latest: {
    version: 'v1.2.0',
    digest: 'sha256:c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3',
    created: '2026-02-01T10:00:00Z',
    simulate: 'passed',
    e2e: 'skipped',
    deprecated: true,
    deprecationState: 'deprecated',
    policyStatus: 'warn',
  },
  versionCount: 3,
  updatedAt: '2026-02-01T10:05:00Z',
};

function version(
  v: string,
  digest: string,
  extra: Partial<PatternVersion> = {},
): PatternVersion {
  return {
    digest,
    version: v,
    tags: [v],
    floatingOnly: false,
    untagged: false,
    created: '2025-10-01T10:00:00Z',
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    size: 1024,
    signals: {
      tags: [],
      simulate: { state: 'passed', assertions: 3, duration: '20ms' },
      e2e: { state: 'passed', assertions: 2, duration: '41s' },
      intent: { state: 'absent', assertions: 0 },
    },
    deprecationState: 'none',
    policy: passPolicy,
    crds: [],
    problems: [],
    firstSeenAt: '2025-10-01T10:01:00Z',
    ...extra,
  };
}

/** Oldest first, as the API may send them in any order. */
export const versions: PatternVersion[] = [
  version('v1.0.0', 'sha256:a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1', {
    signals: {
      tags: [],
      simulate: { state: 'failed', assertions: 0 },
      e2e: { state: 'absent', assertions: 0 },
      intent: { state: 'absent', assertions: 0 },
    },
    policy: { status: 'fail', reasons: [] },
  }),
  version('v1.2.0', 'sha256:c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3', {
    tags: ['v1.2.0', 'latest'],
    created: '2026-02-01T10:00:00Z',
    signals: {
      tags: [],
      simulate: {
        state: 'passed',
        raw: 'passed',
        assertions: 5,
        duration: '48s',
        testedAt: daysAgo(2),
      },
      e2e: {
        state: 'skipped',
        raw: 'skipped',
        assertions: 0,
        testedAt: daysAgo(3),
      },
      intent: { state: 'absent', assertions: 0 },
      deprecation: {
        migratedTo: 'ghcr.io/acme/katalogs/postgres-v2',
        message: 'Use the v2 operator-based Katalog.',
        timelineFrom: '2026-01-15',
        timelineTo: '2099-06-30',
      },
    },
    deprecationState: 'deprecated',
    policy: deprecationPolicy,
  }),
  version('v1.1.0', 'sha256:b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2', {
    created: '2025-12-01T10:00:00Z',
    signals: {
      tags: [],
      simulate: { state: 'no-assertion', assertions: 0 },
      e2e: { state: 'passed', assertions: 2, duration: '41s' },
      intent: { state: 'absent', assertions: 0 },
    },
  }),
];

export const files: PatternFile[] = [
  {
    name: 'README.md',
    mediaType: 'text/markdown',
    size: 2048,
    digest: 'sha256:0123456789abcdef0123456789abcdef',
  },
  {
    name: 'katalog.yaml',
    mediaType: 'application/yaml',
    size: 512,
    digest: 'sha256:fedcba9876543210fedcba9876543210',
  },
];

export const upgradePath: UpgradePath = {
  from: {
    version: 'v1.0.0',
    digest: 'sha256:a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1',
  },
  latest: 'v1.2.0',
  steps: [
    {
      version: 'v1.1.0',
      digest: 'sha256:b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2',
      created: '2025-12-01T10:00:00Z',
      headline: {
        version: 'v1.1.0',
        digest: 'sha256:b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2',
        simulate: 'no-assertion',
        e2e: 'passed',
        deprecated: false,
        deprecationState: 'none',
        policyStatus: 'pass',
      },
      crdChanges: [
        {
          crd: 'postgresclusters.db.acme.io',
          change: 'version-added',
          apiVersion: 'v1beta2',
        },
      ],
    },
    {
      version: 'v1.2.0',
      digest: 'sha256:c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3',
      created: '2026-02-01T10:00:00Z',
      headline: pattern.latest!,
      crdChanges: [
        {
          crd: 'postgresclusters.db.acme.io',
          change: 'version-removed',
          apiVersion: 'v1beta1',
        },
        { crd: 'postgresbackups.db.acme.io', change: 'added' },
      ],
    },
  ],
};

/** From the deprecated latest version: nothing newer, but a migration target. */
export const latestUpgradePath: UpgradePath = {
  from: {
    version: 'v1.2.0',
    digest: 'sha256:c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3',
  },
  latest: 'v1.2.0',
  steps: [],
  migratedTo: 'ghcr.io/acme/katalogs/postgres-v2',
};

/** What the latest version imports: one Motif behind its latest version. */
export const dependencies: PatternImport[] = [
  {
    type: 'motif',
    raw: 'oci://ghcr.io/acme/motifs/backup:v0.3.0',
    reference: 'ghcr.io/acme/motifs/backup',
    tag: 'v0.3.0',
    patternId: 'acme:motifs/backup',
    behindLatest: true,
    latestVersion: 'v0.5.0',
    allowed: true,
  },
];

/** Two Katalogs importing this one, one of them an older version. */
export const dependents: PatternDependent[] = [
  {
    patternId: 'acme:katalogs/platform',
    name: 'platform',
    kind: 'Katalog',
    version: 'v3.0.0',
    importedVersion: 'v1.0.0',
    behindLatest: true,
  },
  {
    patternId: 'acme:katalogs/shop',
    name: 'shop',
    kind: 'Katalog',
    version: 'v2.4.0',
    importedVersion: 'v1.2.0',
    behindLatest: false,
  },
];

/** The content of the files, as the backend serves them. */
export const fileTexts: Record<string, FileText> = {
  'README.md': {
    text: '# Postgres Katalog\n\nProvisions a **managed** cluster.',
    mediaType: 'text/markdown',
  },
  'katalog.yaml': {
    text: 'apiVersion: orkestra.sh/v1\nkind: Katalog',
    mediaType: 'application/yaml',
    truncated: true,
  },
};

/** The deprecated Postgres Katalog as the fake backend serves it. */
export const postgres: PatternFixture = {
  pattern,
  versions,
  files,
  fileTexts,
  dependencies,
  dependents,
  upgradePaths: { 'v1.0.0': upgradePath, 'v1.2.0': latestUpgradePath },
};

/**
 * The Postgres Katalog with its latest version (v1.2.0) changed, in the
 * version list and in the pattern's headline.
 */
export function withLatest(
  change: Partial<PatternVersion>,
  fixture: PatternFixture = postgres,
): PatternFixture {
  const latestVersion = fixture.pattern.latest!.version;
  const changed = fixture.versions.map(v =>
    v.version === latestVersion ? { ...v, ...change } : v,
  );
  const latest = changed.find(v => v.version === latestVersion)!;
  return {
    ...fixture,
    pattern: {
      ...fixture.pattern,
      latest: {
        ...fixture.pattern.latest!,
        simulate: latest.signals.simulate.state,
        e2e: latest.signals.e2e.state,
        deprecated: latest.deprecationState !== 'none',
        deprecationState: latest.deprecationState,
        policyStatus: latest.policy.status,
      },
    },
    versions: changed,
  };
}

/** Signals of the latest version with another deprecation. */
function deprecatedAs(deprecation: PatternVersion['signals']['deprecation']) {
  return {
    ...versions.find(v => v.version === 'v1.2.0')!.signals,
    deprecation,
  };
}

/** The latest version, deprecated from 2099: announced. */
export const announcedLatest: Partial<PatternVersion> = {
  deprecationState: 'announced',
  signals: deprecatedAs({
    migratedTo: 'ghcr.io/acme/katalogs/postgres-v2',
    message: 'Plan the move to the v2 operator-based Katalog.',
    timelineFrom: '2099-01-01',
    timelineTo: '2099-06-30',
  }),
};

/** The latest version, past its end of life in 2025. */
export const endOfLifeLatest: Partial<PatternVersion> = {
  deprecationState: 'end-of-life',
  signals: deprecatedAs({
    migratedTo: 'ghcr.io/acme/katalogs/postgres-v3',
    message: 'No longer supported.',
    timelineFrom: '2025-01-15',
    timelineTo: '2025-06-30',
  }),
};

/** A failing policy: a required gate was skipped, and the version is deprecated. */
export const failingPolicy: PolicyResult = {
  status: 'fail',
  reasons: [
    {
      rule: 'required-gates',
      status: 'fail',
      message: 'Required gate e2e was skipped (forced publish)',
    },
    {
      rule: 'min-maturity',
      status: 'fail',
      message: 'Maturity alpha is below the minimum beta',
    },
  ],
};
