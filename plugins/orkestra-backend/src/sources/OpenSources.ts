import {
  OciStore,
  openSourceStore,
  SourceConfig,
} from '@orkspace/backstage-plugin-orkestra-node';

/** Opens the store of a source: a RegistryClient, or an OciLayoutStore on its folder. */
export type StoreFactory = (source: SourceConfig) => Promise<OciStore>;

/** A configured source with its opened store. */
export interface OpenedSource {
  config: SourceConfig;
  store: OciStore;
}

/**
 * The configured sources, each opened once and shared: the sync reads through
 * them, and so does the service when it reads a file's content on demand. A
 * source whose opening failed is opened again on the next request.
 */
export class OpenSources {
  readonly #configs: readonly SourceConfig[];
  readonly #factory: StoreFactory;
  readonly #opened = new Map<string, Promise<OpenedSource>>();

  constructor(options: {
    sources: readonly SourceConfig[];
    storeFactory?: StoreFactory;
  }) {
    this.#configs = options.sources;
    this.#factory = options.storeFactory ?? (source => openSourceStore(source));
  }

  /** Every configured source. */
  get configs(): SourceConfig[] {
    return [...this.#configs];
  }

  /** The configuration of a source; throws for an unknown id. */
  config(sourceId: string): SourceConfig {
    const source = this.#configs.find(s => s.id === sourceId);
    if (!source) throw new Error(`unknown source ${sourceId}`);
    return source;
  }

  /** The source opened, once for all callers. */
  open(sourceId: string): Promise<OpenedSource> {
    let opened = this.#opened.get(sourceId);
    if (!opened) {
      const config = this.config(sourceId);
      opened = this.#factory(config).then(store => ({ config, store }));
      this.#opened.set(sourceId, opened);
      opened.catch(() => this.#opened.delete(sourceId));
    }
    return opened;
  }

  /** The opened store of a source, to read content on demand. */
  async storeFor(sourceId: string): Promise<OciStore> {
    return (await this.open(sourceId)).store;
  }
}
