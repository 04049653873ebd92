import {
  ORKESTRA_ENTITY_TYPES,
  OrkestraEntityAnnotations,
  isOrkestraPatternEntity,
} from './entityAnnotations';

// Same rule as Backstage's KubernetesValidatorFunctions.isValidAnnotationKey.
const ANNOTATION_KEY =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/[A-Za-z0-9]([-._A-Za-z0-9]{0,61}[A-Za-z0-9])?$/;

describe('OrkestraEntityAnnotations', () => {
  it('uses valid, distinct keys under orkestra.sh/', () => {
    const keys = Object.values(OrkestraEntityAnnotations);
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of keys) {
      expect(key).toMatch(/^orkestra\.sh\//);
      expect(key).toMatch(ANNOTATION_KEY);
    }
  });

  it('names the expected keys', () => {
    expect(OrkestraEntityAnnotations).toEqual({
      patternId: 'orkestra.sh/pattern-id',
      source: 'orkestra.sh/source',
      reference: 'orkestra.sh/reference',
      registry: 'orkestra.sh/registry',
      repository: 'orkestra.sh/repository',
      kind: 'orkestra.sh/kind',
      latestVersion: 'orkestra.sh/latest-version',
      simulate: 'orkestra.sh/simulate',
      e2e: 'orkestra.sh/e2e',
      deprecation: 'orkestra.sh/deprecation',
      policy: 'orkestra.sh/policy',
      maturity: 'orkestra.sh/maturity',
      missingSince: 'orkestra.sh/missing-since',
    });
  });
});

describe('isOrkestraPatternEntity', () => {
  it.each([
    [{ kind: 'Component', spec: { type: 'orkestra-katalog' } }, true],
    [{ kind: 'Component', spec: { type: 'orkestra-motif' } }, true],
    [{ kind: 'component', spec: { type: 'orkestra-motif' } }, true],
    [{ kind: 'Component', spec: { type: 'service' } }, false],
    [{ kind: 'Component', spec: {} }, false],
    [{ kind: 'Component' }, false],
    [{ kind: 'API', spec: { type: ORKESTRA_ENTITY_TYPES.crd } }, false],
    [{ kind: 'Resource', spec: { type: 'orkestra-katalog' } }, false],
  ])('%j -> %s', (entity, expected) => {
    expect(isOrkestraPatternEntity(entity)).toBe(expected);
  });
});
