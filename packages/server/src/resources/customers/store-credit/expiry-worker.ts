import { PollingWorker } from '../../../core/polling-worker.js';
import type { Services } from '../../../core/services.js';
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
export class StoreCreditExpiryWorker extends PollingWorker {
  readonly name = EXPIRY_WORKER;

  constructor(services: Services) {
    super(services, POLL_MS);
  }

  protected async runPass(): Promise<void> {
    const { db, ids, clock, logger } = this.services;
    try {
      while (!this.stopping) {
        const pass = await expireDueCreditEverywhere(db, ids, clock.now(), BATCH);
        if (pass.expired > 0) logger.info('store credit expired', { customers: pass.expired });
        if (pass.seen < BATCH) return;
      }
    } catch (error) {
      logger.error('store-credit expiry failed', { error: String(error) });
    }
  }
}
