import { PollingWorker } from '../../../core/polling-worker.js';
import type { Services } from '../../../core/services.js';
import { claimImportJob, recordJobError } from './import-job-store.js';
import { type RunContext, type RunLimits, runImportJob } from './import-runner.js';

/** The name requests wake the import worker by. */
export const IMPORT_WORKER = 'customer-imports';

/**
 * Defaults (decision 0011). On PGlite a chunk holds the one connection and, since its
 * queries run on this thread, the event loop too: keep it to ~20 ms so a request waits at
 * most about that long. PostgreSQL runs the chunk elsewhere, so larger chunks cost nobody.
 */
export function defaultRunLimits(engine: 'pglite' | 'postgres'): RunLimits {
  return {
    leaseMs: 30_000,
    chunkBudgetMs: engine === 'pglite' ? 20 : 250,
    maxChunkRows: 200,
  };
}

/** How often a started worker looks for jobs another instance abandoned. */
const POLL_MS = 5_000;
/** A job that hit an unexpected error is retried this much later, at most this many times. */
const RETRY_AFTER_MS = 30_000;
const MAX_ATTEMPTS = 3;

export interface ImportWorkerOptions {
  limits?: Partial<RunLimits>;
  /** Told after each committed chunk (tests, metrics). */
  onChunk?: RunContext['onChunk'];
}

/**
 * Runs queued CSV imports in this process, one at a time. Woken by `POST
 * /v1/customers/import`; once started (by `main`) it also resumes jobs an earlier process
 * left unfinished and, every few seconds, jobs whose worker's lease ran out.
 */
export class ImportWorker extends PollingWorker {
  readonly name = IMPORT_WORKER;
  readonly #limits: RunLimits;
  readonly #onChunk: RunContext['onChunk'];

  constructor(services: Services, options: ImportWorkerOptions = {}) {
    super(services, POLL_MS);
    this.#limits = { ...defaultRunLimits(services.db.engine), ...options.limits };
    this.#onChunk = options.onChunk;
  }

  /** Claims and runs jobs until none is left (or the worker stops). */
  protected async runPass(): Promise<void> {
    const { db, clock, logger } = this.services;
    while (!this.stopping) {
      let job: Awaited<ReturnType<typeof claimImportJob>>;
      try {
        job = await claimImportJob(db, this.owner, clock.now(), this.#limits.leaseMs);
      } catch (error) {
        logger.error('import worker could not claim a job', { error: String(error) });
        return;
      }
      if (!job) return;
      try {
        const outcome = await runImportJob(job, {
          services: this.services,
          owner: this.owner,
          limits: this.#limits,
          shouldStop: () => this.stopping,
          onChunk: this.#onChunk,
        });
        logger.info('customer import', { import_id: job.id, tenant_id: job.tenant_id, outcome });
      } catch (error) {
        logger.error('customer import failed', {
          import_id: job.id,
          tenant_id: job.tenant_id,
          error: error instanceof Error ? error.message : String(error),
        });
        await recordJobError(db, { tenantId: job.tenant_id, id: job.id }, this.owner, clock.now(), {
          retryAfterMs: RETRY_AFTER_MS,
          maxAttempts: MAX_ATTEMPTS,
        }).catch(() => {});
      }
    }
  }
}
