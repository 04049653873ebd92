import {
  LoggerService,
  SchedulerServiceTaskRunner,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  PatternChangedEvent,
  PatternEntityData,
} from '@orkspace/backstage-plugin-orkestra-common';
import {
  DeferredEntity,
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import { patternToEntities } from '../entities/patternToEntities';
import { EntityClaims } from './EntityClaims';
import { OrkestraEntityFeedClient } from './OrkestraEntityFeedClient';

/**
 * One catalog entity per Orkestra pattern of one source (plus an API entity
 * per CRD a Katalog declares). A full mutation on schedule, a delta when the
 * backend reports a changed pattern. When the feed cannot be read, nothing is
 * applied, so entities survive a backend or registry outage.
 *
 * @public
 */
export class OrkestraEntityProvider implements EntityProvider {
  readonly #source: string;
  readonly #logger: LoggerService;
  readonly #feed: OrkestraEntityFeedClient;
  readonly #taskRunner?: SchedulerServiceTaskRunner;
  readonly #claims: EntityClaims;
  /** Entity refs emitted per repository, to remove what a delta no longer produces. */
  readonly #emitted = new Map<string, string[]>();
  #connection?: EntityProviderConnection;
  /** A change event arrived before the catalog connected: refresh fully on connect. */
  #missedChanges = false;

  constructor(options: {
    source: string;
    logger: LoggerService;
    feed: OrkestraEntityFeedClient;
    taskRunner?: SchedulerServiceTaskRunner;
    claims?: EntityClaims;
  }) {
    this.#source = options.source;
    this.#logger = options.logger.child({
      provider: `orkestra:${options.source}`,
    });
    this.#feed = options.feed;
    this.#taskRunner = options.taskRunner;
    this.#claims = options.claims ?? new EntityClaims();
  }

  get source(): string {
    return this.#source;
  }

  /** Stable forever: the catalog keys the entities it owns on it. */
  getProviderName(): string {
    return `orkestra:${this.#source}`;
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.#connection = connection;
    await this.#taskRunner?.run({
      id: `${this.getProviderName()}:refresh`,
      fn: async () => {
        await this.refresh();
      },
    });
    if (this.#missedChanges) {
      this.#missedChanges = false;
      await this.refresh();
    }
  }

  /** Full mutation from the whole feed; on any failure nothing is applied. */
  async refresh(): Promise<void> {
    const connection = this.#requireConnection();
    let patterns: PatternEntityData[];
    try {
      patterns = await this.#feed.readSource(this.#source);
    } catch (error) {
      this.#logger.error(
        `Keeping the current Orkestra entities: could not read the feed: ${
          (error as Error).message
        }`,
      );
      return;
    }
    const held = this.#claims.heldBy(this.getProviderName());
    this.#emitted.clear();
    const entities: DeferredEntity[] = [];
    for (const pattern of patterns) entities.push(...this.#entitiesOf(pattern));
    await connection.applyMutation({ type: 'full', entities });
    this.#claims.release(
      this.getProviderName(),
      held,
      new Set(entities.map(d => stringifyEntityRef(d.entity))),
    );
    this.#logger.info(
      `Applied ${entities.length} entities for ${patterns.length} Orkestra patterns`,
    );
  }

  /** Delta mutation for one changed pattern. */
  async onPatternChanged(event: PatternChangedEvent): Promise<void> {
    if (event.source !== this.#source) return;
    const connection = this.#connection;
    if (!connection) {
      this.#missedChanges = true;
      return;
    }
    let pattern: PatternEntityData | undefined;
    try {
      pattern = await this.#feed.readPattern(this.#source, event.repository);
    } catch (error) {
      this.#logger.warn(
        `Could not read ${event.repository} from the Orkestra feed: ${
          (error as Error).message
        }`,
      );
      return;
    }
    const before = this.#emitted.get(event.repository) ?? [];
    this.#emitted.delete(event.repository);
    const added = pattern ? this.#entitiesOf(pattern) : [];
    const now = new Set(added.map(d => stringifyEntityRef(d.entity)));
    const removed = before
      .filter(ref => !now.has(ref))
      .map(entityRef => ({ entityRef }));
    await connection.applyMutation({ type: 'delta', added, removed });
    this.#claims.release(this.getProviderName(), before, now);
  }

  /** Another source let go of an entity this one was refused: emit ours now. */
  #onReleased(pattern: PatternEntityData): void {
    this.onPatternChanged({
      source: this.#source,
      repository: pattern.repository,
      reference: pattern.reference,
      change: 'updated',
    }).catch(error =>
      this.#logger.error(
        `Could not emit ${pattern.reference} after a name collision ended: ${
          (error as Error).message
        }`,
      ),
    );
  }

  #entitiesOf(pattern: PatternEntityData): DeferredEntity[] {
    const location = `orkestra:${this.#source}`;
    const entities = patternToEntities(pattern, {
      locationKey: this.getProviderName(),
      location,
    });
    const kept: Entity[] = [];
    for (const entity of entities) {
      const ref = stringifyEntityRef(entity);
      if (
        !this.#claims.claim(ref, this.getProviderName(), () =>
          this.#onReleased(pattern),
        )
      ) {
        this.#logger.error(
          `Entity name collision: ${ref} from ${
            pattern.reference
          } is already emitted by ${this.#claims.ownerOf(ref)}; skipped. ` +
            'Rename one of the repositories or configure only one of the sources for it.',
        );
        continue;
      }
      kept.push(entity);
    }
    this.#emitted.set(
      pattern.repository,
      kept.map(e => stringifyEntityRef(e)),
    );
    return kept.map(entity => ({
      entity,
      locationKey: this.getProviderName(),
    }));
  }

  #requireConnection(): EntityProviderConnection {
    if (!this.#connection)
      throw new Error(
        `${this.getProviderName()} is not connected to the catalog yet`,
      );
    return this.#connection;
  }
}
