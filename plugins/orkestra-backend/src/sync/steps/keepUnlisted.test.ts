import { OciNotFoundError } from '@orkspace/backstage-plugin-orkestra-node';
import { keepUnlisted } from './keepUnlisted';

describe('keepUnlisted', () => {
  const known = ['acme/katalogs/a', 'acme/katalogs/b', 'acme/motifs/c'];

  it('keeps the known repositories under a scope that could not be listed, with one error', () => {
    const result = keepUnlisted(known, [
      {
        scope: 'acme/katalogs',
        absent: false,
        what: 'the pattern index acme/katalogs/index:latest cannot be read',
        error: new Error('broken'),
      },
    ]);
    expect(result.kept).toEqual(['acme/katalogs/a', 'acme/katalogs/b']);
    expect(result.errors).toEqual([
      {
        repository: 'acme/katalogs',
        message:
          'the pattern index acme/katalogs/index:latest cannot be read: broken; 2 known repositories under acme/katalogs are kept as they are',
      },
    ]);
  });

  it('says nothing of an absent index where nothing is known (a namespace never pushed to)', () => {
    const result = keepUnlisted(known, [
      {
        scope: 'acme/empty',
        absent: true,
        error: new OciNotFoundError('none'),
      },
    ]);
    expect(result).toEqual({ kept: [], errors: [] });
  });

  it('keeps an absent index with known repositories, and says so with its code', () => {
    const result = keepUnlisted(known, [
      {
        scope: 'acme/motifs',
        absent: true,
        error: new OciNotFoundError('gone'),
      },
    ]);
    expect(result.kept).toEqual(['acme/motifs/c']);
    expect(result.errors).toEqual([
      expect.objectContaining({ repository: 'acme/motifs', code: 'NOT_FOUND' }),
    ]);
  });
});
