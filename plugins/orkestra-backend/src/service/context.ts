import { OrkestraConfig } from '../config/orkestraConfig';
import { PatternStore } from '../store/PatternStore';
import { SyncEngine } from '../sync/SyncEngine';

/** What every part of the pattern service reads from. */
export interface ServiceContext {
  store: PatternStore;
  engine: SyncEngine;
  config: OrkestraConfig;
  now: () => Date;
}
