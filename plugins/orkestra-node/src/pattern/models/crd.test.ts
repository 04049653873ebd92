import { PatternValidationError } from '../patternDirectory';
import { canonicalJson, fingerprintSchema, parseCrd } from './crd';

const V1_SCHEMA = `
          type: object
          properties:
            spec:
              type: object
              properties:
                image: { type: string }
                port: { type: integer }`;

const WEBAPP_CRD = `
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: webapps.rkguide.demo
spec:
  group: rkguide.demo
  scope: Namespaced
  names: { kind: WebApp, plural: webapps, singular: webapp }
  versions:
    - name: v1
      served: true
      storage: false
      schema:
        openAPIV3Schema:${V1_SCHEMA}
    - name: v2
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              properties:
                image: { type: string }
                port: { type: integer }
                healthPath: { type: string }
`;

describe('parseCrd', () => {
  it('reads a two-version CRD; different schemas give different fingerprints', () => {
    const crd = parseCrd(WEBAPP_CRD);
    expect(crd.group).toBe('rkguide.demo');
    expect(crd.kind).toBe('WebApp');
    expect(crd.plural).toBe('webapps');
    expect(crd.versions.map(({ schemaFingerprint, ...v }) => v)).toEqual([
      { name: 'v1', served: true, storage: false },
      { name: 'v2', served: true, storage: true },
    ]);
    const [v1, v2] = crd.versions.map(v => v.schemaFingerprint);
    expect(v1).toMatch(/^sha256:[a-f0-9]{64}$/);
    expect(v2).toMatch(/^sha256:[a-f0-9]{64}$/);
    expect(v1).not.toBe(v2);
    expect(v1).toBe(
      fingerprintSchema({
        type: 'object',
        properties: {
          spec: {
            type: 'object',
            properties: {
              image: { type: 'string' },
              port: { type: 'integer' },
            },
          },
        },
      }),
    );
  });

  it('gives the same fingerprint regardless of key order and YAML style', () => {
    const reordered = parseCrd(
      [
        'kind: CustomResourceDefinition',
        'spec:',
        '  names: { kind: WebApp }',
        '  group: rkguide.demo',
        '  versions:',
        '    - name: v1',
        '      schema:',
        '        openAPIV3Schema: {"properties": {"spec": {"properties": {"port": {"type": "integer"}, "image": {"type": "string"}}, "type": "object"}}, "type": "object"}',
      ].join('\n'),
    );
    expect(reordered.versions[0].schemaFingerprint).toBe(
      parseCrd(WEBAPP_CRD).versions[0].schemaFingerprint,
    );
    expect(reordered.versions[0]).toMatchObject({
      served: false,
      storage: false,
    });
    expect(reordered.plural).toBeUndefined();
  });

  it('computes the canonical JSON with sorted keys and kept array order', () => {
    expect(canonicalJson({ b: [2, 1, { d: null, c: 'x' }], a: true })).toBe(
      '{"a":true,"b":[2,1,{"c":"x","d":null}]}',
    );
    expect(fingerprintSchema({ type: 'object' })).toBe(
      // sha256 of '{"type":"object"}'
      'sha256:a2c799262a3ce3c19ef5cdd983bf3d12b43ab3c426227091b909dcb7054738c0',
    );
  });

  it('reads a v1beta1 CRD with a single version and a shared schema', () => {
    const crd = parseCrd(
      [
        'apiVersion: apiextensions.k8s.io/v1beta1',
        'kind: CustomResourceDefinition',
        'spec:',
        '  group: rkguide.demo',
        '  version: v1alpha1',
        '  names: { kind: WebApp, plural: webapps }',
        '  validation:',
        '    openAPIV3Schema: { type: object }',
      ].join('\n'),
    );
    expect(crd).toEqual({
      group: 'rkguide.demo',
      kind: 'WebApp',
      plural: 'webapps',
      versions: [
        {
          name: 'v1alpha1',
          served: true,
          storage: true,
          schemaFingerprint: fingerprintSchema({ type: 'object' }),
        },
      ],
    });
  });

  it('leaves the fingerprint out when a version has no schema', () => {
    const crd = parseCrd(
      'kind: CustomResourceDefinition\nspec: { group: g, names: { kind: K }, versions: [{ name: v1, served: true, storage: true }] }\n',
    );
    expect(crd.versions).toEqual([{ name: 'v1', served: true, storage: true }]);
  });

  it('makes the checks ork push makes', () => {
    expect(() =>
      parseCrd('kind: WebApp\nspec: { group: g, names: { kind: K } }\n'),
    ).toThrow(
      new PatternValidationError(
        'crd.yaml: kind must be CustomResourceDefinition (found "WebApp")',
      ),
    );
    expect(() => parseCrd('kind: CustomResourceDefinition\n')).toThrow(
      new PatternValidationError('crd.yaml: spec is required'),
    );
    expect(() =>
      parseCrd(
        'kind: CustomResourceDefinition\nspec: { names: { kind: K } }\n',
      ),
    ).toThrow(new PatternValidationError('crd.yaml: spec.group is required'));
    expect(() =>
      parseCrd(
        'kind: CustomResourceDefinition\nspec: { group: g, names: { plural: ks } }\n',
      ),
    ).toThrow(
      new PatternValidationError('crd.yaml: spec.names.kind is required'),
    );
  });

  it('names the key path on a wrong type', () => {
    const base =
      'kind: CustomResourceDefinition\nspec:\n  group: g\n  names: { kind: K }\n';
    expect(() =>
      parseCrd(`${base}  versions: [{ name: v1, served: "true" }]\n`),
    ).toThrow(
      new PatternValidationError(
        'crd.yaml: spec.versions[0].served must be a boolean',
      ),
    );
    expect(() =>
      parseCrd(
        `${base}  versions: [{ name: v1, schema: { openAPIV3Schema: [] } }]\n`,
      ),
    ).toThrow(
      new PatternValidationError(
        'crd.yaml: spec.versions[0].schema.openAPIV3Schema must be a mapping',
      ),
    );
  });
});
