import { PatternStore } from '../../store/PatternStore';
import { StoredPattern } from '../patternsOf';
import { markMissing } from './markMissing';

const pattern = (repository: string) => ({ repository } as StoredPattern);

describe('markMissing', () => {
  it('marks what is neither listed nor kept, and tells each one missing or removed', async () => {
    const store = {
      markMissingPatterns: jest.fn(async () => ({
        markedMissing: 1,
        dropped: 1,
      })),
      // After the run: acme/old was dropped, acme/gone is still there (missing).
      listPatterns: jest.fn(async () => ({
        rows: [pattern('acme/a'), pattern('acme/gone'), pattern('acme/kept')],
      })),
    };
    const result = await markMissing(store as unknown as PatternStore, {
      sourceId: 'local',
      before: [
        pattern('acme/a'),
        pattern('acme/gone'),
        pattern('acme/old'),
        pattern('acme/kept'),
      ],
      listed: new Set(['acme/a']),
      unlisted: new Set(['acme/kept']),
      now: 'now',
      dropBefore: 'before',
    });
    expect(store.markMissingPatterns).toHaveBeenCalledWith(
      'local',
      ['acme/a', 'acme/kept'],
      'now',
      'before',
    );
    expect(result).toEqual({
      markedMissing: 1,
      dropped: 1,
      changes: new Map([
        ['acme/gone', 'missing'],
        ['acme/old', 'removed'],
      ]),
    });
  });
});
