import { Deprecation } from '@orkspace/backstage-plugin-orkestra-common';
import { z } from 'zod/v4';
import {
  compact,
  goBoolean,
  itemMapping,
  list,
  mapping,
  namedEntries,
  nonEmpty,
  nonEmptyString,
  present,
  requiredMapping,
  requiredString,
  stringList,
  stringMap,
} from './fields';
import type { Maturity } from './types';

/** The keys of `metadata` of a Motif, Katalog or Komposer. @internal */
export const metadataShape = {
  name: requiredString,
  /** `metadata.version`, or `latest` when the file has none (as `ork`'s `LoadPatternMeta`). */
  version: nonEmptyString.transform(version => version ?? 'latest'),
  description: nonEmptyString,
  author: nonEmptyString,
  license: nonEmptyString,
  tags: stringList,
};

/** `metadata` of a Motif, Katalog or Komposer. @internal */
export const metadataSchema = requiredMapping(metadataShape);

/** `lifecycle.deprecation` (spec §9); `undefined` when the block is absent. @internal */
export const deprecationSchema = mapping({
  migratedTo: nonEmptyString,
  message: nonEmptyString,
  timeline: mapping({ from: nonEmptyString, to: nonEmptyString }),
}).transform((d): Deprecation | undefined =>
  d
    ? compact({
        migratedTo: d.migratedTo,
        message: d.message,
        timelineFrom: d.timeline?.from,
        timelineTo: d.timeline?.to,
      })
    : undefined,
);

const lifecycleShape = {
  maturity: nonEmpty<Maturity>(),
  deprecation: deprecationSchema,
  /** Masterminds semver ranges, kept raw. */
  compatibility: mapping({
    kubernetes: nonEmptyString,
    orkestra: nonEmptyString,
  }),
};

/** Top-level `lifecycle` (spec §3.2, §9). @internal */
export const lifecycleSchema = mapping(lifecycleShape);

/** One `lifecycle.accept.patterns[]` item: a deprecated pattern accepted on purpose. @internal */
export const acceptedPatternSchema = itemMapping({
  name: requiredString,
  author: nonEmptyString,
  /** Semver range, raw. */
  version: nonEmptyString,
});

/**
 * `lifecycle` of a primary file as `ork` decodes it (a Go `KatalogLifecycle`):
 * the top-level keys plus `accept.patterns`, which is split off as `accept`.
 *
 * @internal
 */
export const lifecycleWithAcceptSchema = mapping({
  ...lifecycleShape,
  accept: mapping({ patterns: list(acceptedPatternSchema) }),
}).transform(value => {
  if (!value) return { lifecycle: undefined, accept: [] };
  const { accept, ...lifecycle } = value;
  return { lifecycle, accept: accept?.patterns ?? [] };
});

/** `policy.lifecycle.minMaturity`; `undefined` when there is no `policy` block. @internal */
export const policySchema = mapping({
  lifecycle: mapping({ minMaturity: nonEmpty<Maturity>() }),
}).transform(p =>
  p ? compact({ minMaturity: p.lifecycle?.minMaturity }) : undefined,
);

/** One `imports[]` item of a CRD entry or of `spec.imports` (profiles). @internal */
export const motifImportSchema = itemMapping({
  motif: requiredString,
  version: nonEmptyString,
  oci: goBoolean,
  /** Input name → string template. */
  with: stringMap,
});

/** `spec.crds.<name>.apiTypes`; each part as written (may be missing). @internal */
export const apiTypesSchema = mapping({
  group: nonEmptyString,
  version: nonEmptyString,
  kind: nonEmptyString,
  plural: nonEmptyString,
});

// `webapp:` with no body is a CRD entry with every field at its default.
const crdEntryBody = z.preprocess(
  value => value ?? {},
  itemMapping({
    description: nonEmptyString,
    enabled: goBoolean,
    apiTypes: apiTypesSchema,
    crdFile: nonEmptyString,
    imports: list(motifImportSchema),
    conversion: present,
    normalize: present,
  }),
);

/** `spec.crds`, a map keyed by CRD name, read as entries in file order. @internal */
export const crdsSchema = namedEntries(crdEntryBody).transform(crds =>
  Object.entries(crds).map(([name, entry]) =>
    compact({
      /** The map key. */
      name,
      description: entry.description,
      enabled: entry.enabled,
      apiTypes: entry.apiTypes,
      crdFile: entry.crdFile,
      motifImports: entry.imports,
      /** A `conversion` block is present (webhook-based API evolution, spec §7). */
      hasConversion: entry.conversion,
      /** A `normalize` block is present (webhook-less API evolution, spec §7). */
      hasNormalize: entry.normalize,
    }),
  ),
);

/** `publish` (spec §8). @internal */
export const publishSchema = mapping({
  signing: mapping({
    verify: goBoolean.transform(verify => verify ?? false),
    expectedIdentities: stringList,
  }),
  tests: mapping({ e2e: goBoolean, simulate: goBoolean, intent: goBoolean }),
});

/** The keys a Katalog and a Komposer share, besides `kind`. @internal */
export const katalogBaseShape = {
  metadata: metadataSchema,
  spec: mapping({
    crds: crdsSchema,
    /** `spec.imports`: Motif imports for Katalog-wide profiles. */
    imports: list(motifImportSchema),
  }),
  apiVersion: nonEmptyString,
  lifecycle: lifecycleSchema,
  policy: policySchema,
  publish: publishSchema,
};

type KatalogBaseDocument = z.output<z.ZodObject<typeof katalogBaseShape>>;

/** Turns the shared keys into the shared part of the models. @internal */
export function katalogBase({ spec, ...rest }: KatalogBaseDocument) {
  return compact({
    apiVersion: rest.apiVersion,
    metadata: rest.metadata,
    lifecycle: rest.lifecycle,
    policy: rest.policy,
    crds: spec?.crds ?? [],
    profileImports: spec?.imports ?? [],
    publish: rest.publish,
  });
}
