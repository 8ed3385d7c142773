import type { Services } from '../../core/services.js';
import type { BackgroundWorker } from '../../core/workers.js';
import { yieldToEventLoop } from '../../core/yield.js';
import { rebuildStep, rescoreDue } from './store.js';

/** The name the segments worker is registered under. */
export const SEGMENTS_WORKER = 'segments';

/**
 * How often a started worker looks for rows whose recency or health time has moved: the most
 * a stored segment or health status lags the calendar (decision 0027).
 */
export const SEGMENTS_POLL_MS = 5 * 60_000;
/** Rows or customers per transaction; a full batch runs again at once. */
const BATCH = 500;

/**
 * Keeps `customer_rfm` current where no write does (decision 0027): queued rebuilds first,
 * then the rows whose `next_change_at` has come. Every instance runs one; both take their
 * rows `FOR UPDATE SKIP LOCKED`, so instances share the work and none rescores a row twice.
 */
export class SegmentsWorker implements BackgroundWorker {
  readonly name = SEGMENTS_WORKER;
  readonly #services: Services;
  #running: Promise<void> | null = null;
  #stopping = false;
  #timer: NodeJS.Timeout | null = null;

  constructor(services: Services) {
    this.#services = services;
  }

  wake(): void {
    if (this.#stopping || this.#running) return;
    this.#running = this.#drain().finally(() => {
      this.#running = null;
    });
  }

  start(): void {
    if (this.#timer || this.#stopping) return;
    this.wake();
    this.#timer = setInterval(() => this.wake(), SEGMENTS_POLL_MS);
    this.#timer.unref();
  }

  /** Resolves once the current pass (if any) is done. */
  async idle(): Promise<void> {
    while (this.#running) await this.#running;
  }

  async stop(): Promise<void> {
    this.#stopping = true;
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    await this.#running;
  }

  async #drain(): Promise<void> {
    await yieldToEventLoop();
    const { db, clock, logger } = this.#services;
    try {
      while (!this.#stopping && (await rebuildStep(db, clock.now(), BATCH))) {
        await yieldToEventLoop();
      }
      let rescored = 0;
      while (!this.#stopping) {
        const n = await rescoreDue(db, clock.now(), BATCH);
        rescored += n;
        if (n < BATCH) break;
        await yieldToEventLoop();
      }
      if (rescored > 0) logger.info('segments rescored', { customers: rescored });
    } catch (error) {
      logger.error('segments sweep failed', { error: String(error) });
    }
  }
}
