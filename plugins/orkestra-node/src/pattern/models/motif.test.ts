import { PatternValidationError } from '../patternDirectory';
import { parseMotif } from './motif';

const WEB_SERVICE = `
apiVersion: orkestra.orkspace.io/v1
kind: Motif
metadata:
  name: web-service
  version: v1.1.0
  description: Deployment + ClusterIP Service + optional Ingress
  author: myorg
  license: Apache-2.0
  tags: [web, deployment, stateless]
inputs:
  - name: image
    required: true
  - name: port
    default: "8080"
  - name: host
    default: ""
resources:
  deployments:
    - name: "{{ .metadata.name }}"
      image: "{{ .inputs.image }}"
      port: "{{ .inputs.port }}"
      reconcile: true
  ingresses:
    - name: "{{ .metadata.name }}-ingress"
      host: "{{ .inputs.host }}"
      when:
        - field: "{{ .inputs.host }}"
          exists: true
admission:
  validation:
    rules:
      - field: spec.image
        prefix: "ghcr.io/myorg/"
        action: deny
`;

describe('parseMotif', () => {
  it('reads the web-service motif from the spec', () => {
    expect(parseMotif(WEB_SERVICE)).toEqual({
      apiVersion: 'orkestra.orkspace.io/v1',
      kind: 'Motif',
      metadata: {
        name: 'web-service',
        version: 'v1.1.0',
        description: 'Deployment + ClusterIP Service + optional Ingress',
        author: 'myorg',
        license: 'Apache-2.0',
        tags: ['web', 'deployment', 'stateless'],
      },
      inputs: [
        { name: 'image', required: true },
        { name: 'port', required: false, default: '8080' },
        { name: 'host', required: false, default: '' },
      ],
      resourceKinds: ['deployments', 'ingresses'],
      hasAdmission: true,
    });
  });

  it('reads input descriptions and types, onCreate kinds and lifecycle', () => {
    const motif = parseMotif(
      [
        'kind: Motif',
        'metadata: { name: pg }',
        'inputs:',
        '  - { name: size, description: Disk size, type: string, default: 10 }',
        'resources:',
        '  services: []',
        '  onCreate:',
        '    secrets: []',
        '    services: []',
        'lifecycle:',
        '  maturity: deprecated',
        '  deprecation: { migratedTo: ghcr.io/x/motifs/pg2:v2.0.0, timeline: { to: "2026-06-01" } }',
      ].join('\n'),
    );
    expect(motif).toEqual({
      kind: 'Motif',
      metadata: { name: 'pg', version: 'latest', tags: [] },
      inputs: [
        {
          name: 'size',
          description: 'Disk size',
          type: 'string',
          required: false,
          default: '10',
        },
      ],
      resourceKinds: ['services', 'secrets'],
      hasAdmission: false,
      lifecycle: {
        maturity: 'deprecated',
        deprecation: {
          migratedTo: 'ghcr.io/x/motifs/pg2:v2.0.0',
          timelineTo: '2026-06-01',
        },
      },
    });
  });

  it('tolerates unknown keys everywhere', () => {
    const motif = parseMotif(
      [
        'kind: Motif',
        'futureTopLevel: { a: 1 }',
        'metadata: { name: m, createdBy: me, projects: [p] }',
        'inputs: [{ name: a, validate: { regex: "^x" } }]',
        'status: { fields: [] }',
        'profiles: { dev: {} }',
      ].join('\n'),
    );
    expect(motif.metadata).toEqual({ name: 'm', version: 'latest', tags: [] });
    expect(motif.inputs).toEqual([{ name: 'a', required: false }]);
  });

  it('rejects another kind', () => {
    expect(() => parseMotif('kind: Katalog\nmetadata: { name: x }\n')).toThrow(
      new PatternValidationError(
        'motif.yaml: kind must be Motif (found "Katalog")',
      ),
    );
    expect(() => parseMotif('metadata: { name: x }\n')).toThrow(
      'motif.yaml: kind must be Motif (found none)',
    );
  });

  it('requires metadata.name and input names', () => {
    expect(() => parseMotif('kind: Motif\n')).toThrow(
      'motif.yaml: metadata is required',
    );
    expect(() =>
      parseMotif('kind: Motif\nmetadata: { version: v1 }\n'),
    ).toThrow('motif.yaml: metadata.name is required');
    expect(() =>
      parseMotif(
        'kind: Motif\nmetadata: { name: m }\ninputs: [{ required: true }]\n',
      ),
    ).toThrow('motif.yaml: inputs[0].name is required');
  });

  it('names the key path on a wrong type', () => {
    const base = 'kind: Motif\nmetadata: { name: m }\n';
    expect(() =>
      parseMotif(`${base}inputs: [{ name: a, required: "yes" }]\n`),
    ).toThrow(
      new PatternValidationError(
        'motif.yaml: inputs[0].required must be a boolean',
      ),
    );
    expect(() => parseMotif(`${base}inputs: { name: a }\n`)).toThrow(
      'motif.yaml: inputs must be a list',
    );
    expect(() =>
      parseMotif('kind: Motif\nmetadata: { name: m, tags: [a, [b]] }\n'),
    ).toThrow('motif.yaml: metadata.tags[1] must be a string');
    expect(() => parseMotif(`${base}resources: [deployments]\n`)).toThrow(
      'motif.yaml: resources must be a mapping',
    );
  });

  it('rejects a document that is not a mapping, and uses the given file name', () => {
    expect(() => parseMotif('- a\n- b\n', 'lib/motif.yaml')).toThrow(
      'lib/motif.yaml must be a YAML mapping',
    );
  });
});
