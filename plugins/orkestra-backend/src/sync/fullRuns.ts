/** A full run going: its id once it is recorded, and its result. */
export interface RunningSync<R> {
  runId: Promise<number>;
  result: Promise<R>;
}

/**
 * The full runs going in this process, one per source: a request for a
 * source whose run is going gets that run.
 */
export class FullRuns<R extends { runId: number }> {
  readonly #running = new Map<string, RunningSync<R>>();

  /**
   * The source's run going, or the one `start` starts; `start` calls
   * `recorded` with the run's id as soon as the run is in the store.
   */
  join(
    sourceId: string,
    start: (recorded: (runId: number) => void) => Promise<R>,
  ): RunningSync<R> {
    const going = this.#running.get(sourceId);
    if (going) return going;
    let recorded: (runId: number) => void = () => {};
    const id = new Promise<number>(resolve => {
      recorded = resolve;
    });
    const result = start(recorded).finally(() =>
      this.#running.delete(sourceId),
    );
    // A run that failed before it was recorded has no id: its failure is the answer.
    const runId = Promise.race([id, result.then(r => r.runId)]);
    // Only a caller that asks for the id needs to see that failure.
    runId.catch(() => {});
    const run = { runId, result };
    this.#running.set(sourceId, run);
    return run;
  }
}
