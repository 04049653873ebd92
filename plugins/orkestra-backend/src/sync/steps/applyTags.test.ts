import { PatternStore } from '../../store/PatternStore';
import { applyTags, tagsChanged } from './applyTags';

const descriptor = (digest: string) => ({
  mediaType: 'application/vnd.oci.image.manifest.v1+json',
  digest,
  size: 1,
});

describe('applyTags', () => {
  it('applies the tags with a stored version, keeping the unresolved and unstored ones as they were', async () => {
    const changes = { added: 1, moved: 0, markedMissing: 0, dropped: 0 };
    const store = { applyTags: jest.fn(async () => changes) };
    const result = await applyTags(store as unknown as PatternStore, {
      patternId: 7,
      resolved: [
        { tag: 'v1', descriptor: descriptor('sha256:1') },
        { tag: 'v2', descriptor: descriptor('sha256:2') },
        { tag: 'image', descriptor: descriptor('sha256:img') },
      ],
      versionIds: new Map([['sha256:1', 11]]),
      notPatterns: new Set(['sha256:img']),
      unresolved: ['broken'],
      now: 'now',
      dropBefore: 'before',
    });
    expect(result).toBe(changes);
    expect(store.applyTags).toHaveBeenCalledWith(
      7,
      new Map([['v1', 11]]),
      'now',
      'before',
      new Set(['broken', 'v2']),
    );
    expect(tagsChanged(changes)).toBe(true);
    expect(
      tagsChanged({ added: 0, moved: 0, markedMissing: 0, dropped: 0 }),
    ).toBe(false);
  });
});
