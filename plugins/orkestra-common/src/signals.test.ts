import { decodePatternAnnotations } from './signals';

describe('decodePatternAnnotations', () => {
  it('decodes a katalog with every signal as ork push writes them', () => {
    const signals = decodePatternAnnotations({
      'org.opencontainers.image.created': '2026-06-14T10:00:00Z',
      'org.opencontainers.image.title': 'webapp-operator',
      'org.opencontainers.image.version': 'v1.0.0',
      'org.opencontainers.image.description': 'Runs web apps',
      'io.orkestra.pattern.kind': 'Katalog',
      'io.orkestra.pattern.name': 'webapp-operator',
      'io.orkestra.pattern.version': 'v1.0.0',
      'io.orkestra.pattern.author': 'myorg',
      'io.orkestra.pattern.license': 'Apache-2.0',
      'io.orkestra.pattern.tags': 'web,deployment',
      'io.orkestra.simulate.status': 'passed',
      'io.orkestra.simulate.duration': '14ms',
      'io.orkestra.simulate.tested_at': '2026-06-14T09:59:58Z',
      'io.orkestra.simulate.assertions': '2',
      'io.orkestra.e2e.status': 'passed',
      'io.orkestra.e2e.duration': '48s',
      'io.orkestra.e2e.tested_at': '2026-06-14T10:00:00Z',
      'io.orkestra.e2e.runner': 'github-actions',
      'io.orkestra.e2e.assertions': '5',
      'io.orkestra.katalog.runtime_version': 'v0.7.6',
    });

    expect(signals).toEqual({
      kind: 'Katalog',
      name: 'webapp-operator',
      version: 'v1.0.0',
      description: 'Runs web apps',
      author: 'myorg',
      license: 'Apache-2.0',
      tags: ['web', 'deployment'],
      created: '2026-06-14T10:00:00Z',
      runtimeVersion: 'v0.7.6',
      simulate: {
        state: 'passed',
        raw: 'passed',
        duration: '14ms',
        testedAt: '2026-06-14T09:59:58Z',
        assertions: 2,
      },
      e2e: {
        state: 'passed',
        raw: 'passed',
        duration: '48s',
        testedAt: '2026-06-14T10:00:00Z',
        assertions: 5,
        runner: 'github-actions',
      },
      intent: { state: 'absent', assertions: 0 },
    });
  });

  it('tells a skipped (forced) gate from one that never ran', () => {
    const forced = decodePatternAnnotations({
      'io.orkestra.pattern.kind': 'Katalog',
      'io.orkestra.simulate.status': 'skipped',
      'io.orkestra.simulate.tested_at': '2026-06-14T09:59:58Z',
    });
    expect(forced.simulate.state).toBe('skipped');
    expect(forced.simulate.duration).toBeUndefined();
    expect(forced.e2e.state).toBe('absent');
  });

  it('keeps an unexpected status as unknown instead of guessing', () => {
    const signals = decodePatternAnnotations({
      'io.orkestra.e2e.status': 'PASSED!',
    });
    expect(signals.e2e).toEqual({
      state: 'unknown',
      raw: 'PASSED!',
      assertions: 0,
    });
  });

  it('parses assertions like Go Atoi: garbage and overflow become 0', () => {
    expect(
      decodePatternAnnotations({ 'io.orkestra.simulate.assertions': '3x' })
        .simulate.assertions,
    ).toBe(0);
    expect(
      decodePatternAnnotations({
        'io.orkestra.simulate.assertions': '99999999999999999999',
      }).simulate.assertions,
    ).toBe(0);
  });

  it('decodes deprecation and typed blocks only when their flag is "true"', () => {
    const signals = decodePatternAnnotations({
      'io.orkestra.katalog.deprecated': 'true',
      'io.orkestra.katalog.deprecated.migrated_to':
        'ghcr.io/acme/katalogs/webapp:v2.0.0',
      'io.orkestra.katalog.deprecated.message': 'Use v2',
      'io.orkestra.katalog.deprecated.timeline_from': '2025-01-01',
      'io.orkestra.katalog.deprecated.timeline_to': '2026-06-01',
      'io.orkestra.katalog.typed': 'true',
      'io.orkestra.katalog.has_hooks': 'true',
    });
    expect(signals.deprecation).toEqual({
      migratedTo: 'ghcr.io/acme/katalogs/webapp:v2.0.0',
      message: 'Use v2',
      timelineFrom: '2025-01-01',
      timelineTo: '2026-06-01',
    });
    expect(signals.typed).toEqual({ hasHooks: true, hasConstructor: false });

    const notDeprecated = decodePatternAnnotations({
      'io.orkestra.katalog.deprecated': 'false',
      'io.orkestra.katalog.deprecated.message': 'ignored',
      'io.orkestra.katalog.typed': 'yes',
    });
    expect(notDeprecated.deprecation).toBeUndefined();
    expect(notDeprecated.typed).toBeUndefined();
  });

  it('treats the empty strings ork writes for unset fields as unset', () => {
    const signals = decodePatternAnnotations({
      'io.orkestra.pattern.kind': 'Motif',
      'io.orkestra.pattern.author': '',
      'io.orkestra.pattern.license': '',
      'io.orkestra.pattern.tags': '',
    });
    expect(signals.kind).toBe('Motif');
    expect(signals.author).toBeUndefined();
    expect(signals.license).toBeUndefined();
    expect(signals.tags).toEqual([]);
  });
});
