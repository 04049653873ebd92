import { FieldReader, YamlMapping, assign } from './fields';
import {
  ApiTypesModel,
  CrdEntryModel,
  KatalogBaseModel,
  LifecycleModel,
  MetadataModel,
  MotifImportModel,
  PolicyModel,
  PublishModel,
} from './types';

/** @internal */
export function readMetadata(r: FieldReader, doc: YamlMapping): MetadataModel {
  const m = r.mapping(doc.metadata, 'metadata');
  if (!m) return r.fail('metadata', 'is required');
  const metadata: MetadataModel = {
    name: r.requiredString(m.name, 'metadata.name'),
    version: r.nonEmptyString(m.version, 'metadata.version') ?? 'latest',
    tags: r.stringList(m.tags, 'metadata.tags'),
  };
  assign(
    metadata,
    'description',
    r.nonEmptyString(m.description, 'metadata.description'),
  );
  assign(metadata, 'author', r.nonEmptyString(m.author, 'metadata.author'));
  assign(metadata, 'license', r.nonEmptyString(m.license, 'metadata.license'));
  return metadata;
}

/** @internal */
export function readLifecycle(
  r: FieldReader,
  doc: YamlMapping,
): LifecycleModel | undefined {
  const l = r.mapping(doc.lifecycle, 'lifecycle');
  if (!l) return undefined;
  const lifecycle: LifecycleModel = {};
  assign(
    lifecycle,
    'maturity',
    r.nonEmptyString(l.maturity, 'lifecycle.maturity'),
  );
  assign(
    lifecycle,
    'deprecation',
    r.deprecation(l.deprecation, 'lifecycle.deprecation'),
  );
  const c = r.mapping(l.compatibility, 'lifecycle.compatibility');
  if (c) {
    const compatibility: NonNullable<LifecycleModel['compatibility']> = {};
    assign(
      compatibility,
      'kubernetes',
      r.nonEmptyString(c.kubernetes, 'lifecycle.compatibility.kubernetes'),
    );
    assign(
      compatibility,
      'orkestra',
      r.nonEmptyString(c.orkestra, 'lifecycle.compatibility.orkestra'),
    );
    lifecycle.compatibility = compatibility;
  }
  return lifecycle;
}

/** `policy.lifecycle.minMaturity`; `undefined` when there is no `policy` block. @internal */
export function readPolicy(
  r: FieldReader,
  doc: YamlMapping,
): PolicyModel | undefined {
  const p = r.mapping(doc.policy, 'policy');
  if (!p) return undefined;
  const l = r.mapping(p.lifecycle, 'policy.lifecycle');
  const policy: PolicyModel = {};
  if (l) {
    assign(
      policy,
      'minMaturity',
      r.nonEmptyString(l.minMaturity, 'policy.lifecycle.minMaturity'),
    );
  }
  return policy;
}

/** @internal */
export function readMotifImports(
  r: FieldReader,
  value: unknown,
  path: string,
): MotifImportModel[] {
  return r.list(value, path).map((item, i) => {
    const itemPath = `${path}[${i}]`;
    const m = r.mapping(item, itemPath);
    if (!m) return r.fail(itemPath, 'must be a mapping');
    const motifImport: MotifImportModel = {
      motif: r.requiredString(m.motif, `${itemPath}.motif`),
      with: r.stringMap(m.with, `${itemPath}.with`),
    };
    assign(
      motifImport,
      'version',
      r.nonEmptyString(m.version, `${itemPath}.version`),
    );
    assign(motifImport, 'oci', r.boolean(m.oci, `${itemPath}.oci`));
    return motifImport;
  });
}

function readApiTypes(
  r: FieldReader,
  value: unknown,
  path: string,
): ApiTypesModel | undefined {
  const a = r.mapping(value, path);
  if (!a) return undefined;
  const apiTypes: ApiTypesModel = {};
  for (const key of ['group', 'version', 'kind', 'plural'] as const) {
    assign(apiTypes, key, r.nonEmptyString(a[key], `${path}.${key}`));
  }
  return apiTypes;
}

/** `spec.crds`, a map keyed by CRD name, in file order. @internal */
export function readCrds(
  r: FieldReader,
  spec: YamlMapping | undefined,
): CrdEntryModel[] {
  const crds = r.mapping(spec?.crds, 'spec.crds') ?? {};
  return Object.entries(crds).map(([name, value]) => {
    const path = `spec.crds.${name}`;
    // `webapp:` with no body is a CRD entry with every field at its default.
    const e = r.mapping(value, path) ?? {};
    const entry: CrdEntryModel = {
      name,
      motifImports: readMotifImports(r, e.imports, `${path}.imports`),
      hasConversion: e.conversion !== undefined && e.conversion !== null,
      hasNormalize: e.normalize !== undefined && e.normalize !== null,
    };
    assign(
      entry,
      'description',
      r.nonEmptyString(e.description, `${path}.description`),
    );
    assign(entry, 'enabled', r.boolean(e.enabled, `${path}.enabled`));
    assign(entry, 'apiTypes', readApiTypes(r, e.apiTypes, `${path}.apiTypes`));
    assign(entry, 'crdFile', r.nonEmptyString(e.crdFile, `${path}.crdFile`));
    return entry;
  });
}

function readPublish(
  r: FieldReader,
  doc: YamlMapping,
): PublishModel | undefined {
  const p = r.mapping(doc.publish, 'publish');
  if (!p) return undefined;
  const publish: PublishModel = {};
  const s = r.mapping(p.signing, 'publish.signing');
  if (s) {
    publish.signing = {
      verify: r.boolean(s.verify, 'publish.signing.verify') ?? false,
      expectedIdentities: r.stringList(
        s.expectedIdentities,
        'publish.signing.expectedIdentities',
      ),
    };
  }
  const t = r.mapping(p.tests, 'publish.tests');
  if (t) {
    const tests: NonNullable<PublishModel['tests']> = {};
    for (const key of ['e2e', 'simulate', 'intent'] as const) {
      assign(tests, key, r.boolean(t[key], `publish.tests.${key}`));
    }
    publish.tests = tests;
  }
  return publish;
}

/** Everything a Katalog and a Komposer share. @internal */
export function readKatalogBase(
  r: FieldReader,
  doc: YamlMapping,
): KatalogBaseModel {
  const spec = r.mapping(doc.spec, 'spec');
  const base: KatalogBaseModel = {
    metadata: readMetadata(r, doc),
    crds: readCrds(r, spec),
    profileImports: readMotifImports(r, spec?.imports, 'spec.imports'),
  };
  assign(base, 'apiVersion', r.nonEmptyString(doc.apiVersion, 'apiVersion'));
  assign(base, 'lifecycle', readLifecycle(r, doc));
  assign(base, 'policy', readPolicy(r, doc));
  assign(base, 'publish', readPublish(r, doc));
  return base;
}
