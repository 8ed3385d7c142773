import type { Services } from '../../../core/services.js';
import type { BackgroundWorker } from '../../../core/workers.js';
import { yieldToEventLoop } from '../../../core/yield.js';
import { expireDueCreditEverywhere } from './expiry.js';

/** The name the expiry worker is registered under. */
export const EXPIRY_WORKER = 'store-credit-expiry';

/** How often a started worker looks for credit that lapsed: the most a balance lags an expiry. */
const POLL_MS = 60_000;
/** Customers per pass; a full pass runs again at once. */
const BATCH = 100;

/**
 * Posts `expiry` rows for store credit that lapsed (decision 0019). Every instance runs one;
 * each customer is expired under its row lock with `SKIP LOCKED`, so instances share the work
 * and none expires the same credit twice.
 */
export class StoreCreditExpiryWorker implements BackgroundWorker {
  readonly name = EXPIRY_WORKER;
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
    this.#timer = setInterval(() => this.wake(), POLL_MS);
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
    const { db, ids, clock, logger } = this.#services;
    try {
      while (!this.#stopping) {
        const pass = await expireDueCreditEverywhere(db, ids, clock.now(), BATCH);
        if (pass.expired > 0) logger.info('store credit expired', { customers: pass.expired });
        if (pass.seen < BATCH) return;
      }
    } catch (error) {
      logger.error('store-credit expiry failed', { error: String(error) });
    }
  }
}
