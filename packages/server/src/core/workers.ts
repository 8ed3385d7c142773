/**
 * Background work that runs beside the HTTP server in the same process (imports, the email
 * outbox, segment and store-credit sweeps; each a `PollingWorker`).
 * A worker is woken when a request queues work for it, and started by `main` to resume work
 * left by an earlier process; `Services.close()` stops every worker before the database.
 */
export interface BackgroundWorker {
  readonly name: string;
  /** Something was queued: run it soon (never in the caller's turn of the event loop). */
  wake(): void;
  /** Resumes unfinished work and keeps looking for work other instances abandoned. */
  start(): void;
  /** Finishes the current step, hands unfinished work back, and stops. */
  stop(): Promise<void>;
}

/** The process's background workers, by name. */
export class Workers {
  readonly #workers = new Map<string, BackgroundWorker>();

  /** Adds a worker; a second one with the same name replaces nothing and is ignored. */
  add(worker: BackgroundWorker): void {
    if (!this.#workers.has(worker.name)) this.#workers.set(worker.name, worker);
  }

  wake(name: string): void {
    this.#workers.get(name)?.wake();
  }

  startAll(): void {
    for (const worker of this.#workers.values()) worker.start();
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.#workers.values()].map((worker) => worker.stop()));
  }
}
