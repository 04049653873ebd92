import { useCallback, useEffect, useRef, useState } from 'react';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  SourceStatus,
  SyncRun,
} from '@orkspace/backstage-plugin-orkestra-common';
import { orkestraApiRef } from '../../api';

/** How often the sources are read again while a "Sync now" run goes. */
export const SYNC_POLL_MS = 2000;
/** How many times at most; a run taking longer is shown when the page is read again. */
export const SYNC_POLL_ATTEMPTS = 60;

/** The sources as loaded; the last ones stay shown while they are read again. */
export interface SourcesState {
  loading: boolean;
  error?: Error;
  sources?: SourceStatus[];
}

function finished(sources: SourceStatus[] | undefined, run: SyncRun): boolean {
  const last = sources?.find(source => source.id === run.source)?.lastSync;
  if (!last) return true;
  return last.id > run.id || (last.id === run.id && last.status !== 'running');
}

/**
 * The configured sources, and `followRun`, which reads them again until a
 * sync run that was just accepted has finished, then calls `onSynced`.
 */
export function useSources(onSynced: () => void) {
  const orkestraApi = useApi(orkestraApiRef);
  const [state, setState] = useState<SourcesState>({ loading: true });
  const mounted = useRef(true);
  useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );

  const load = useCallback(async (): Promise<SourceStatus[] | undefined> => {
    try {
      const sources = (await orkestraApi.listSources()).items;
      if (mounted.current) setState({ loading: false, sources });
      return sources;
    } catch (e) {
      if (mounted.current) {
        setState(previous => ({
          ...previous,
          loading: false,
          error: e as Error,
        }));
      }
      return undefined;
    }
  }, [orkestraApi]);

  useEffect(() => {
    load();
  }, [load]);

  const followRun = useCallback(
    async (run: SyncRun) => {
      for (let attempt = 0; attempt < SYNC_POLL_ATTEMPTS; attempt++) {
        if (attempt > 0) {
          await new Promise(resolve => setTimeout(resolve, SYNC_POLL_MS));
        }
        if (!mounted.current) return;
        if (finished(await load(), run)) break;
      }
      if (mounted.current) onSynced();
    },
    [load, onSynced],
  );

  return { ...state, followRun };
}
