import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
} from '@backstage/catalog-model';
import {
  CrdSummary,
  ORKESTRA_ENTITY_TYPES,
  OrkestraEntityAnnotations,
  PatternEntityData,
  PatternVersionHeadline,
} from '@orkspace/backstage-plugin-orkestra-common';
import { toEntityName } from '@orkspace/backstage-plugin-orkestra-common';
import { parseAllDocuments, stringify } from 'yaml';

/** `spec.lifecycle` of the entities of a pattern. */
export type PatternLifecycle = 'production' | 'experimental' | 'deprecated';

const MAX_TAG_LENGTH = 63;

/**
 * Maps the latest version of a pattern to a catalog lifecycle: `deprecated`
 * when it is deprecated (flag, maturity or end of life), `production` for a
 * `stable` maturity, `experimental` otherwise (alpha, beta, unknown, no
 * version).
 */
export function patternLifecycle(
  latest: PatternVersionHeadline | undefined,
): PatternLifecycle {
  if (!latest) return 'experimental';
  const maturity = latest.maturity?.toLocaleLowerCase('en-US');
  if (
    latest.deprecated ||
    maturity === 'deprecated' ||
    latest.deprecationState === 'end-of-life'
  ) {
    return 'deprecated';
  }
  return maturity === 'stable' ? 'production' : 'experimental';
}

/**
 * Sanitizes one tag to Backstage's tag rule (`^[a-z0-9+#]+(-[a-z0-9+#]+)*$`,
 * at most 63 characters): accents dropped, lower-case, every other character
 * run becomes `-`,
 * leading and trailing `-` trimmed. Returns `undefined` when nothing is left.
 */
export function sanitizeTag(tag: string): string | undefined {
  const cleaned = tag
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLocaleLowerCase('en-US')
    .replace(/[^a-z0-9+#]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_TAG_LENGTH)
    .replace(/-+$/, '');
  return cleaned || undefined;
}

/** Sanitizes, dedupes and drops empty tags, keeping their first order. */
export function toEntityTags(tags: readonly string[]): string[] {
  const result: string[] = [];
  for (const tag of tags) {
    const sanitized = sanitizeTag(tag);
    if (sanitized && !result.includes(sanitized)) result.push(sanitized);
  }
  return result;
}

/** Entity ref of the Component another pattern (`registry/repository`) gets. */
function dependencyRef(reference: string): string | undefined {
  const slash = reference.indexOf('/');
  const repository = slash >= 0 ? reference.slice(slash + 1) : '';
  if (!repository) return undefined;
  return `component:default/${toEntityName(repository)}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The CRD's own document from the version's `crd.yaml`, when the sync read
 * it and it holds a CustomResourceDefinition for that group and kind.
 */
function findCrdDocument(
  crdDefinition: string | undefined,
  crd: CrdSummary,
): string | undefined {
  if (!crdDefinition) return undefined;
  try {
    for (const doc of parseAllDocuments(crdDefinition)) {
      if (!('toJS' in doc) || doc.errors.length > 0) continue;
      const value: unknown = doc.toJS();
      if (!isRecord(value) || value.kind !== 'CustomResourceDefinition') {
        continue;
      }
      const spec = value.spec;
      if (
        isRecord(spec) &&
        spec.group === crd.group &&
        isRecord(spec.names) &&
        spec.names.kind === crd.kind
      ) {
        return stringify(value);
      }
    }
  } catch {
    // An unreadable crd.yaml falls back to the summary.
  }
  return undefined;
}

/** A YAML summary of the CRD, for when its definition was not read. */
function crdSummaryDefinition(crd: CrdSummary): string {
  return stringify({
    group: crd.group,
    kind: crd.kind,
    ...(crd.plural ? { plural: crd.plural } : {}),
    versions: crd.versions.map(v => ({
      name: v.name,
      served: v.served,
      storage: v.storage,
      ...(v.schemaFingerprint
        ? { schemaFingerprint: v.schemaFingerprint }
        : {}),
    })),
  });
}

function crdDescription(crd: CrdSummary, patternName: string): string {
  const served = crd.versions.filter(v => v.served).map(v => v.name);
  const versions = served.length
    ? `served versions: ${served.join(', ')}`
    : 'no served version';
  return `Custom resource ${crd.kind} (${crd.group}) provided by ${patternName}; ${versions}.`;
}

/**
 * The catalog entities of one pattern: its Component first, then one API
 * entity (`spec.type: crd`) per CRD it declares. Names are sanitized with
 * {@link @orkspace/backstage-plugin-orkestra-common#toEntityName}; the true reference is kept in annotations.
 *
 * @public
 */
export function patternToEntities(
  data: PatternEntityData,
  options: { locationKey: string; location: string },
): Entity[] {
  const name = toEntityName(data.repository);
  const latest = data.latest;
  const lifecycle = patternLifecycle(latest);
  const reference = latest
    ? `${data.reference}@${latest.digest}`
    : data.reference;
  const locationAnnotations = {
    [ANNOTATION_LOCATION]: options.location,
    [ANNOTATION_ORIGIN_LOCATION]: options.location,
  };

  const apis: Entity[] = [];
  const seenCrds = new Set<string>();
  const apiNames = new Set<string>();
  for (const crd of data.crds) {
    const crdKey = `${crd.group}/${crd.kind}`;
    if (seenCrds.has(crdKey)) continue;
    seenCrds.add(crdKey);
    let apiName = toEntityName(`${data.repository}-${crd.kind}`);
    // Two CRDs of the same kind in different groups.
    if (apiNames.has(apiName) || apiName === name) {
      apiName = toEntityName(`${data.repository}-${crd.kind}-${crd.group}`);
    }
    apiNames.add(apiName);
    apis.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'API',
      metadata: {
        name: apiName,
        namespace: 'default',
        title: `${crd.kind} (${crd.group})`,
        description: crdDescription(crd, data.name),
        annotations: {
          ...locationAnnotations,
          [OrkestraEntityAnnotations.patternId]: data.id,
          [OrkestraEntityAnnotations.reference]: reference,
        },
      },
      spec: {
        type: ORKESTRA_ENTITY_TYPES.crd,
        lifecycle,
        owner: data.owner,
        definition:
          findCrdDocument(data.crdDefinition, crd) ?? crdSummaryDefinition(crd),
      },
    });
  }

  const annotations: Record<string, string> = {
    ...locationAnnotations,
    [OrkestraEntityAnnotations.patternId]: data.id,
    [OrkestraEntityAnnotations.source]: data.source,
    [OrkestraEntityAnnotations.reference]: reference,
    [OrkestraEntityAnnotations.registry]: data.registry,
    [OrkestraEntityAnnotations.repository]: data.repository,
    [OrkestraEntityAnnotations.kind]: data.kind,
  };
  if (data.missingSince)
    annotations[OrkestraEntityAnnotations.missingSince] = data.missingSince;
  if (latest) {
    annotations[OrkestraEntityAnnotations.latestVersion] = latest.version;
    annotations[OrkestraEntityAnnotations.simulate] = latest.simulate;
    annotations[OrkestraEntityAnnotations.e2e] = latest.e2e;
    annotations[OrkestraEntityAnnotations.deprecation] =
      latest.deprecationState;
    annotations[OrkestraEntityAnnotations.policy] = latest.policyStatus;
    if (latest.maturity) {
      annotations[OrkestraEntityAnnotations.maturity] = latest.maturity;
    }
  }

  const ownRef = `component:default/${name}`;
  const dependsOn: string[] = [];
  for (const dependency of data.dependsOn) {
    const ref = dependencyRef(dependency);
    if (ref && ref !== ownRef && !dependsOn.includes(ref)) dependsOn.push(ref);
  }
  const providesApis = apis.map(api => `api:default/${api.metadata.name}`);
  const tags = toEntityTags(data.tags);

  const component: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      title: data.name,
      ...(data.description ? { description: data.description } : {}),
      ...(tags.length ? { tags } : {}),
      annotations,
    },
    spec: {
      type:
        data.kind === 'Motif'
          ? ORKESTRA_ENTITY_TYPES.motif
          : ORKESTRA_ENTITY_TYPES.katalog,
      lifecycle,
      owner: data.owner,
      ...(dependsOn.length ? { dependsOn } : {}),
      ...(providesApis.length ? { providesApis } : {}),
    },
  };

  return [component, ...apis];
}
