import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { HealthView, readView, writeView } from './healthView';

/** Options of a view change. */
export interface ViewChangeOptions {
  /** Replace the current history entry instead of adding one (e.g. while typing a search). */
  replace?: boolean;
}

/**
 * The health page's view, read from and written to the URL's query string
 * through react-router, so every change is a history entry.
 */
export function useHealthView(): [
  HealthView,
  (change: Partial<HealthView>, options?: ViewChangeOptions) => void,
] {
  const [params, setParams] = useSearchParams();
  const search = params.toString();
  const view = useMemo(() => readView(new URLSearchParams(search)), [search]);
  const change = useCallback(
    (update: Partial<HealthView>, options: ViewChangeOptions = {}) => {
      const next = writeView({ ...view, ...update });
      if (next.toString() === search) return;
      setParams(next, { replace: options.replace });
    },
    [view, search, setParams],
  );
  return [view, change];
}
