import {
  Descriptor,
  FetchedManifest,
  OciInvalidContentError,
  OciNotFoundError,
  OciStore,
  OciUnavailableError,
} from '@orkspace/backstage-plugin-orkestra-node';
import { PartialFailure } from '../syncCounts';
import { resolveTags } from './resolveTags';

const descriptor = (digest: string): Descriptor => ({
  mediaType: 'application/vnd.oci.image.manifest.v1+json',
  digest,
  size: 1,
});

/** A store whose tags answer `answers[tag]`: a digest, or an error to throw. */
function storeOf(answers: Record<string, string | Error>) {
  const answer = (tag: string) => {
    const a = answers[tag];
    if (a instanceof Error) throw a;
    return descriptor(a);
  };
  return {
    resolve: jest.fn(async (_repository: string, tag: string) => answer(tag)),
    fetchManifest: jest.fn(
      async (_repository: string, tag: string) =>
        ({ descriptor: answer(tag) } as FetchedManifest),
    ),
  };
}

describe('resolveTags', () => {
  it('HEADs the tags of a repository seen before', async () => {
    const store = storeOf({ v1: 'sha256:1', v2: 'sha256:2' });
    const result = await resolveTags({
      store: store as unknown as OciStore,
      repository: 'acme/x',
      tags: ['v1', 'v2'],
      seenBefore: true,
    });
    expect(result.resolved.map(r => [r.tag, r.descriptor.digest])).toEqual([
      ['v1', 'sha256:1'],
      ['v2', 'sha256:2'],
    ]);
    expect(store.fetchManifest).not.toHaveBeenCalled();
    expect(result.counts).toEqual({ manifestsFetched: 0 });
    expect(result.prefetched.size).toBe(0);
  });

  it('GETs every manifest of a new repository, once per tag, keeping them by digest', async () => {
    const store = storeOf({ v1: 'sha256:1', latest: 'sha256:1' });
    const result = await resolveTags({
      store: store as unknown as OciStore,
      repository: 'acme/x',
      tags: ['v1', 'latest'],
      seenBefore: false,
    });
    expect(store.resolve).not.toHaveBeenCalled();
    expect(result.counts).toEqual({ manifestsFetched: 2 });
    expect([...result.prefetched.keys()]).toEqual(['sha256:1']);
  });

  it('a tag deleted since the listing is gone; an unreadable one is unresolved with an error', async () => {
    const store = storeOf({
      v1: 'sha256:1',
      gone: new OciNotFoundError('deleted'),
      broken: new OciInvalidContentError('not JSON'),
    });
    const result = await resolveTags({
      store: store as unknown as OciStore,
      repository: 'acme/x',
      tags: ['v1', 'gone', 'broken'],
      seenBefore: true,
    });
    expect(result.resolved.map(r => r.tag)).toEqual(['v1']);
    expect(result.unresolved).toEqual(['broken']);
    expect(result.errors).toEqual([
      { repository: 'acme/x', code: 'INVALID', message: 'not JSON' },
    ]);
  });

  it('an unreachable registry fails the repository, with what was fetched counted', async () => {
    const store = storeOf({
      v1: 'sha256:1',
      v2: new OciUnavailableError('connection refused'),
    });
    const failure = await resolveTags({
      store: store as unknown as OciStore,
      repository: 'acme/x',
      tags: ['v1', 'v2'],
      seenBefore: false,
    }).catch(error => error);
    expect(failure).toBeInstanceOf(PartialFailure);
    expect(failure.cause).toBeInstanceOf(OciUnavailableError);
    expect(failure.tally.counts).toEqual({ manifestsFetched: 1 });
  });
});
