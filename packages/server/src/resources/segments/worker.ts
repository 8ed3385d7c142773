import { PollingWorker } from '../../core/polling-worker.js';
import type { Services } from '../../core/services.js';
import { yieldToEventLoop } from '../../core/yield.js';
import { compactSegmentCounts, rebuildStep, rescoreDue } from './store.js';

/** The name the segments worker is registered under. */
export const SEGMENTS_WORKER = 'segments';

/**
 * How often a started worker looks for rows whose recency or health time has moved: the most
 * a stored segment or health status lags the calendar (decision 0027).
 */
export const SEGMENTS_POLL_MS = 5 * 60_000;
/** Rows or customers per transaction; a full batch runs again at once. */
const BATCH = 500;
/** A tenant's appended count changes are folded once there are more than this many. */
const COUNT_ROWS = 64;

/**
 * Keeps `customer_rfm` current where no write does (decision 0027): queued rebuilds first,
 * then the rows whose `next_change_at` has come; then folds the segment counts (decision 0033).
 * Every instance runs one; both take their rows `FOR UPDATE SKIP LOCKED`, so instances share
 * the work and none rescores a row twice.
 */
export class SegmentsWorker extends PollingWorker {
  readonly name = SEGMENTS_WORKER;

  constructor(services: Services) {
    super(services, SEGMENTS_POLL_MS);
  }

  protected async runPass(): Promise<void> {
    const { db, clock, logger } = this.services;
    try {
      while (!this.stopping && (await rebuildStep(db, clock.now(), BATCH))) {
        await yieldToEventLoop();
      }
      let rescored = 0;
      while (!this.stopping) {
        const n = await rescoreDue(db, clock.now(), BATCH);
        rescored += n;
        if (n < BATCH) break;
        await yieldToEventLoop();
      }
      if (rescored > 0) logger.info('segments rescored', { customers: rescored });
      if (!this.stopping) await compactSegmentCounts(db, COUNT_ROWS);
    } catch (error) {
      logger.error('segments sweep failed', { error: String(error) });
    }
  }
}
