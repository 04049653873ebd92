import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { SourceConfig } from '@orkspace/backstage-plugin-orkestra-node';
import { PatternStore } from '../store/PatternStore';
import { registerSource } from './syncRun';

/** Registers each source in the store and schedules its sync. */
export async function scheduleSyncs(options: {
  store: PatternStore;
  sources: readonly SourceConfig[];
  scheduler: SchedulerService;
  logger: LoggerService;
  sync: (sourceId: string, signal: AbortSignal) => Promise<unknown>;
}): Promise<void> {
  const { sources, scheduler, sync } = options;
  for (const source of sources) {
    await registerSource(options.store, source);
    // Global scope, whatever the configured schedule says (hence after the
    // spread): with several backend replicas, one of them syncs per interval.
    await scheduler.scheduleTask({
      id: `orkestra-sync-${source.id}`,
      ...source.schedule,
      scope: 'global',
      fn: async signal => {
        await sync(source.id, signal);
      },
    });
  }
  options.logger.info(
    `Orkestra syncs ${sources.length} pattern source(s)${
      sources.length
        ? `: ${sources.map(s => `${s.id} (${s.type})`).join(', ')}`
        : ''
    }`,
  );
}
