import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';

/** The Pattern tab's sub-tabs, in order; the first is the default. */
export const PATTERN_TABS = [
  { id: 'overview', label: 'Overview' },
  { id: 'versions', label: 'Versions' },
  { id: 'files', label: 'Files' },
  { id: 'upgrade', label: 'Upgrade' },
  { id: 'dependencies', label: 'Dependencies' },
  { id: 'policy', label: 'Policy' },
] as const;

/** The id of a sub-tab, as in `?tab=<id>`. */
export type PatternTabId = (typeof PATTERN_TABS)[number]['id'];

const DEFAULT_TAB: PatternTabId = PATTERN_TABS[0].id;

function isPatternTabId(id: string | null): id is PatternTabId {
  return PATTERN_TABS.some(tab => tab.id === id);
}

/**
 * The open sub-tab from the `tab` query parameter (Overview when absent or
 * unknown), and a function that opens another one as a new history entry,
 * keeping the other query parameters.
 */
export function useSelectedPatternTab(): [PatternTabId, (id: string) => void] {
  const [params, setParams] = useSearchParams();
  const current = params.get('tab');
  const selected = isPatternTabId(current) ? current : DEFAULT_TAB;
  const select = useCallback(
    (id: string) =>
      setParams(previous => {
        const next = new URLSearchParams(previous);
        if (id === DEFAULT_TAB || !isPatternTabId(id)) {
          next.delete('tab');
        } else {
          next.set('tab', id);
        }
        return next;
      }),
    [setParams],
  );
  return [selected, select];
}
