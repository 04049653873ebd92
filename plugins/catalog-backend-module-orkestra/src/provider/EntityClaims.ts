/**
 * Which provider emits which entity ref, shared by the module's providers:
 * two sources that would emit the same entity are reported, not silently
 * overwritten, and when the provider that holds a ref lets it go, the one
 * that was refused it is told, so its entity appears without waiting for its
 * next scheduled refresh.
 *
 * @public
 */
export class EntityClaims {
  readonly #owners = new Map<string, string>();
  readonly #waiting = new Map<string, Map<string, () => void>>();

  /** The provider that emits `ref`, if any. */
  ownerOf(ref: string): string | undefined {
    return this.#owners.get(ref);
  }

  /**
   * Claims `ref` for `provider`: true when it was free or already its own.
   * When another provider holds it, `onReleased` is called once that
   * provider lets it go (the latest call per provider and ref counts).
   */
  claim(ref: string, provider: string, onReleased: () => void): boolean {
    const owner = this.#owners.get(ref);
    if (owner === undefined || owner === provider) {
      this.#owners.set(ref, provider);
      this.#waiting.get(ref)?.delete(provider);
      return true;
    }
    const waiting = this.#waiting.get(ref) ?? new Map<string, () => void>();
    waiting.set(provider, onReleased);
    this.#waiting.set(ref, waiting);
    return false;
  }

  /** Every ref `provider` holds. */
  heldBy(provider: string): string[] {
    return [...this.#owners].flatMap(([ref, owner]) =>
      owner === provider ? [ref] : [],
    );
  }

  /**
   * Lets go of the refs of `provider` among `refs` that are not in `kept`,
   * and tells the providers that were refused them.
   */
  release(
    provider: string,
    refs: Iterable<string>,
    kept: ReadonlySet<string> = new Set(),
  ): void {
    const notify: Array<() => void> = [];
    for (const ref of refs) {
      if (kept.has(ref) || this.#owners.get(ref) !== provider) continue;
      this.#owners.delete(ref);
      const waiting = this.#waiting.get(ref);
      this.#waiting.delete(ref);
      if (waiting) notify.push(...waiting.values());
    }
    for (const onReleased of notify) onReleased();
  }
}
