import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Services } from './services.js';
import type { BackgroundWorker } from './workers.js';
import { yieldToEventLoop } from './yield.js';

/**
 * The loop every background worker shares: a pass runs when a request wakes the worker and,
 * once started, every `pollMs` (for work other instances abandoned or whose time has come).
 * One pass at a time; a wake during a pass runs one more after it, so nothing queued while a
 * pass was finishing waits for the next poll. A subclass writes only `runPass`, which should
 * check `stopping` between steps.
 */
export abstract class PollingWorker implements BackgroundWorker {
  abstract readonly name: string;
  /** This worker's lease owner id: host, process and a random part (two apps in one process differ). */
  readonly owner = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  protected readonly services: Services;
  readonly #pollMs: number;
  #running: Promise<void> | null = null;
  #wokenWhileRunning = false;
  #stopping = false;
  #timer: NodeJS.Timeout | null = null;

  constructor(services: Services, pollMs: number) {
    this.services = services;
    this.#pollMs = pollMs;
  }

  /** One pass over the work there is now; errors are the subclass's to log. */
  protected abstract runPass(): Promise<void>;

  /** True once `stop` was called: a pass should finish its current step and return. */
  protected get stopping(): boolean {
    return this.#stopping;
  }

  wake(): void {
    if (this.#stopping) return;
    if (this.#running) {
      this.#wokenWhileRunning = true;
      return;
    }
    this.#running = this.#pass().finally(() => {
      this.#running = null;
      if (this.#wokenWhileRunning) {
        this.#wokenWhileRunning = false;
        this.wake();
      }
    });
  }

  start(): void {
    if (this.#timer || this.#stopping) return;
    this.wake();
    this.#timer = setInterval(() => this.wake(), this.#pollMs);
    this.#timer.unref();
  }

  /** Resolves once nothing is running (tests wait on it). */
  async idle(): Promise<void> {
    while (this.#running) await this.#running;
  }

  async stop(): Promise<void> {
    this.#stopping = true;
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    await this.#running;
  }

  async #pass(): Promise<void> {
    // Never in the waking request's turn: its response goes out first.
    await yieldToEventLoop();
    await this.runPass();
  }
}

/**
 * The wait before attempt `attempt + 1` of a delivery that failed: `backoffMs`, then doubled
 * for each further attempt (30 s, 1 min, 2 min…), at most `maxBackoffMs` when given.
 */
export function backoffAfter(
  attempt: number,
  policy: { backoffMs: number; maxBackoffMs?: number },
): number {
  const wait = policy.backoffMs * 2 ** Math.max(0, attempt - 1);
  return Math.min(policy.maxBackoffMs ?? wait, wait);
}
