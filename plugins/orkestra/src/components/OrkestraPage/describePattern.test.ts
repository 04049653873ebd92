import { ownerLabel } from './describePattern';

describe('ownerLabel', () => {
  it('shortens a group in the default namespace as the catalog does', () => {
    expect(ownerLabel('group:default/platform-team')).toBe('platform-team');
  });

  it('keeps the kind and namespace that are not the defaults', () => {
    expect(ownerLabel('user:default/alice')).toBe('user:alice');
    expect(ownerLabel('group:data/analysts')).toBe('data/analysts');
  });

  it('reads a bare name like spec.owner: the default owner "unknown" renders', () => {
    expect(ownerLabel('unknown')).toBe('unknown');
  });

  it('shows a value that is no entity reference unchanged instead of throwing', () => {
    expect(ownerLabel('a:b/c/d')).toBe('a:b/c/d');
  });
});
