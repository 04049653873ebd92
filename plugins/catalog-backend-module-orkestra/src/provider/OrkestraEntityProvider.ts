import { LoggerService } from '@backstage/backend-plugin-api';
import {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';

/**
 * Emits one catalog entity per Orkestra pattern. It never talks to registries:
 * the Orkestra backend plugin owns registry state, and this provider adapts
 * its entity feed. It never applies an empty full mutation because a read
 * failed, so entities survive a registry or backend outage.
 */
export class OrkestraEntityProvider implements EntityProvider {
  readonly #logger: LoggerService;
  #connection?: EntityProviderConnection;

  constructor(options: { logger: LoggerService }) {
    this.#logger = options.logger;
  }

  /** Stable forever: the catalog keys ownership of entities on it. */
  getProviderName(): string {
    return 'orkestra';
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.#connection = connection;
    this.#logger.info('Orkestra entity provider connected');
  }

  get connected(): boolean {
    return this.#connection !== undefined;
  }
}
