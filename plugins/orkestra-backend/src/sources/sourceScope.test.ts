import { ConfigReader } from '@backstage/config';
import { readSourceConfigs } from '@orkspace/backstage-plugin-orkestra-node';
import { inScope, sourceCovers } from './sourceScope';

function sourceOf(config: Record<string, unknown>) {
  return readSourceConfigs(
    new ConfigReader({ orkestra: { sources: [{ id: 'local', ...config }] } }),
  )[0];
}

describe('sourceCovers', () => {
  it('covers the target prefix, the index namespaces and the listed repositories only', () => {
    const index = sourceOf({
      type: 'registry',
      target: 'ghcr.io/acme/patterns',
      namespaces: ['acme/patterns/katalogs', 'acme/shared/motifs/'],
    });
    expect(sourceCovers(index, 'acme/patterns/katalogs/x')).toBe(true);
    expect(sourceCovers(index, 'acme/shared/motifs/y')).toBe(true);
    expect(sourceCovers(index, 'acme/shared/other')).toBe(false);
    expect(sourceCovers(index, 'acme/patternsx/z')).toBe(false);
    expect(sourceCovers(index, 'other-team/patterns/katalogs/x')).toBe(false);

    const list = sourceOf({
      type: 'registry',
      target: 'ghcr.io',
      discovery: 'list',
      repositories: ['acme/one', 'acme/group/'],
    });
    expect(sourceCovers(list, 'acme/one')).toBe(true);
    expect(sourceCovers(list, 'acme/one/sub')).toBe(false);
    expect(sourceCovers(list, 'acme/group/two')).toBe(true);
    expect(sourceCovers(list, 'acme/groupie')).toBe(false);

    const catalog = sourceOf({
      type: 'registry',
      target: 'ghcr.io/acme',
      discovery: 'catalog',
    });
    expect(sourceCovers(catalog, 'acme/anything/below')).toBe(true);
    expect(sourceCovers(catalog, 'acmeo/x')).toBe(false);
  });
});

describe('inScope', () => {
  it('is the scope itself or anything under it', () => {
    expect(inScope('acme/x', 'acme')).toBe(true);
    expect(inScope('acme', 'acme')).toBe(true);
    expect(inScope('acmeo/x', 'acme')).toBe(false);
    expect(inScope('anything', '')).toBe(true);
  });
});
