import { OrkestraConfig } from '../config/orkestraConfig';
import { PatternStore } from '../store/PatternStore';
import { OpenSources } from '../sources/OpenSources';
import { SyncEngine } from '../sync/SyncEngine';

/** What every part of the pattern service reads from. */
export interface ServiceContext {
  store: PatternStore;
  engine: SyncEngine;
  /** The opened sources, shared with the sync: blobs are read through them. */
  sources: OpenSources;
  config: OrkestraConfig;
  now: () => Date;
}
