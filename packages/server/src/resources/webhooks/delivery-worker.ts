import { recordAudit } from '../../core/audit/record.js';
import type { Actor } from '../../core/auth/principal.js';
import type { Database, Queryable } from '../../core/db/types.js';
import { backoffAfter, PollingWorker } from '../../core/polling-worker.js';
import type { Services } from '../../core/services.js';
import type { WebhookEventType } from './events.js';
import { type AttemptResult, WebhookSender } from './send.js';
import { openSecret, signatureHeaders } from './signing.js';
import { endpointUrlProblem } from './url-guard.js';

/** The name requests wake the webhook worker by. */
export const WEBHOOK_WORKER = 'webhook-deliveries';

/** Delivery policy (decision 0037). */
export interface WebhookPolicy {
  /** How long a claimed delivery is this worker's; past it another instance may retry it. */
  leaseMs: number;
  /** How long the receiver has to answer an attempt. */
  timeoutMs: number;
  /** Wait before the second attempt; doubled for each further one, up to `maxBackoffMs`. */
  backoffMs: number;
  maxBackoffMs: number;
  /** A delivery with no 2xx this long after its event is `failed`. */
  retryForMs: number;
  /** An endpoint whose every attempt failed for this long is turned off. */
  disableAfterMs: number;
  /** Deliveries claimed (and sent concurrently) per round. */
  batch: number;
  /** How often a started worker looks for due deliveries (retries, other instances' work). */
  pollMs: number;
  /** Finished deliveries (and events no delivery needs any more) older than this are deleted. */
  retainMs: number;
  /** How often the worker deletes them. */
  sweepEveryMs: number;
}

const HOUR = 3_600_000;

export const DEFAULT_WEBHOOK_POLICY: WebhookPolicy = {
  leaseMs: 60_000,
  timeoutMs: 15_000,
  backoffMs: 30_000,
  maxBackoffMs: 4 * HOUR,
  retryForMs: 24 * HOUR,
  disableAfterMs: 24 * HOUR,
  batch: 20,
  pollMs: 2_000,
  retainMs: 30 * 24 * HOUR,
  sweepEveryMs: HOUR,
};

/** Who the log names when the server turns an endpoint off. */
const WEBHOOK_ACTOR: Actor = { kind: 'system', id: null, name: 'Webhook delivery' };

interface Claimed {
  tenant_id: string;
  id: string;
  attempts: number;
  created_at: Date;
  endpoint_id: string;
  url: string;
  secret: Uint8Array;
  previous_secret: Uint8Array | null;
  event_id: string;
  event_type: WebhookEventType;
  event_data: unknown;
  event_created_at: Date;
}

/**
 * Claims due deliveries of enabled endpoints: each is locked with `FOR UPDATE SKIP LOCKED`
 * (so two instances never take the same one), leased to this worker until `next_attempt_at`,
 * and its attempt counted, in one short statement; the sending happens after it commits.
 */
export async function claimDueDeliveries(
  db: Database,
  owner: string,
  now: Date,
  policy: Pick<WebhookPolicy, 'leaseMs' | 'batch'>,
): Promise<Claimed[]> {
  const { rows } = await db.query<Claimed>(
    `WITH due AS (
       SELECT d.tenant_id, d.id FROM webhook_deliveries d
         JOIN webhook_endpoints e ON e.tenant_id = d.tenant_id AND e.id = d.endpoint_id
        WHERE d.status = 'pending' AND d.next_attempt_at <= $2 AND e.enabled
        ORDER BY d.next_attempt_at LIMIT $4
        FOR UPDATE OF d SKIP LOCKED)
     UPDATE webhook_deliveries d
        SET claimed_by = $1, attempts = d.attempts + 1, updated_at = $2,
            next_attempt_at = $2::timestamptz + $3::int * interval '1 millisecond'
       FROM due, webhook_endpoints e, webhook_events ev
      WHERE d.tenant_id = due.tenant_id AND d.id = due.id
        AND e.tenant_id = d.tenant_id AND e.id = d.endpoint_id
        AND ev.tenant_id = d.tenant_id AND ev.id = d.event_id
      RETURNING d.tenant_id, d.id, d.attempts, d.created_at, e.id AS endpoint_id, e.url,
                e.secret,
                CASE WHEN e.previous_secret_expires_at > $2 THEN e.previous_secret END
                  AS previous_secret,
                ev.id AS event_id, ev.type AS event_type, ev.data AS event_data,
                ev.created_at AS event_created_at`,
    [owner, now, policy.leaseMs, policy.batch],
  );
  return rows;
}

/**
 * Deletes delivered and failed deliveries last touched before `before` (their attempts go with
 * them), then events no delivery refers to any more (deliveries a thousand at a time). Every instance
 * sweeps; the deletes are idempotent, so they needn't coordinate.
 */
export async function sweepOldDeliveries(db: Database, before: Date): Promise<number> {
  let deleted = 0;
  for (;;) {
    const { rowCount } = await db.query(
      `DELETE FROM webhook_deliveries WHERE (tenant_id, id) IN (
         SELECT tenant_id, id FROM webhook_deliveries
          WHERE status <> 'pending' AND updated_at < $1 LIMIT 1000)`,
      [before],
    );
    deleted += rowCount;
    if (rowCount < 1000) break;
  }
  // One statement (an anti-join over the deliveries), at most an hour's events at a time.
  await db.query(
    `DELETE FROM webhook_events e
      WHERE e.created_at < $1 AND NOT EXISTS (
        SELECT 1 FROM webhook_deliveries d WHERE d.tenant_id = e.tenant_id AND d.event_id = e.id)`,
    [before],
  );
  return deleted;
}

/**
 * Delivers webhooks: woken after a request that queued one commits, and (once started) every
 * few seconds for retries, for deliveries queued outside a request (imports) and for those
 * whose worker died holding them. A delivery is `delivered` only after a 2xx answer.
 */
export class WebhookWorker extends PollingWorker {
  readonly name = WEBHOOK_WORKER;
  readonly #policy: WebhookPolicy;
  readonly #sender: WebhookSender;
  #sweptAt = 0;

  constructor(services: Services, options: { policy?: Partial<WebhookPolicy> } = {}) {
    const policy = { ...DEFAULT_WEBHOOK_POLICY, ...options.policy };
    super(services, policy.pollMs);
    this.#policy = policy;
    this.#sender = new WebhookSender({
      allowPrivate: services.config.webhooks.allowPrivate,
      timeoutMs: policy.timeoutMs,
    });
  }

  override async stop(): Promise<void> {
    await super.stop();
    this.#sender.close();
  }

  protected async runPass(): Promise<void> {
    const { db, clock, logger } = this.services;
    const now = clock.now().getTime();
    if (now - this.#sweptAt >= this.#policy.sweepEveryMs) {
      this.#sweptAt = now;
      await sweepOldDeliveries(db, new Date(now - this.#policy.retainMs)).catch((error) =>
        logger.error('webhooks could not sweep old deliveries', { error: String(error) }),
      );
    }
    while (!this.stopping) {
      let batch: Claimed[];
      try {
        batch = await claimDueDeliveries(db, this.owner, clock.now(), this.#policy);
      } catch (error) {
        logger.error('webhooks could not claim deliveries', { error: String(error) });
        return;
      }
      if (batch.length === 0) return;
      await Promise.all(batch.map((delivery) => this.#deliver(delivery)));
    }
  }

  async #deliver(delivery: Claimed): Promise<void> {
    const { db, clock, config, keyring, logger } = this.services;
    const started = clock.now();
    let result: AttemptResult;
    const problem = endpointUrlProblem(delivery.url, config.webhooks.allowPrivate);
    if (problem) {
      result = { statusCode: null, error: `refused: the URL ${problem}` };
    } else {
      try {
        const keys = await keyring.forTenant(db, delivery.tenant_id);
        const secrets = [delivery.secret, delivery.previous_secret]
          .filter((s): s is Uint8Array => s !== null)
          .map((s) => openSecret(keys, delivery.endpoint_id, s));
        const body = JSON.stringify({
          id: delivery.event_id,
          type: delivery.event_type,
          timestamp: new Date(delivery.event_created_at).toISOString(),
          data: delivery.event_data,
        });
        const headers = signatureHeaders(delivery.event_id, started, body, secrets);
        result = await this.#sender.send(delivery.url, headers, body);
      } catch (error) {
        result = { statusCode: null, error: String(error).slice(0, 500) };
      }
    }
    const now = clock.now();
    try {
      await db.transaction((tx) =>
        this.#record(tx, delivery, result, now, now.getTime() - started.getTime()),
      );
    } catch (error) {
      logger.error('webhooks could not record a delivery', {
        delivery_id: delivery.id,
        error: String(error),
      });
    }
  }

  /** The attempt's outcome, only while the claim is still ours (past the lease it isn't). */
  async #record(
    tx: Queryable,
    delivery: Claimed,
    result: AttemptResult,
    now: Date,
    durationMs: number,
  ): Promise<void> {
    const ok = result.statusCode !== null && result.error === null;
    const next = new Date(now.getTime() + backoffAfter(delivery.attempts, this.#policy));
    const deadline = new Date(delivery.created_at).getTime() + this.#policy.retryForMs;
    const giveUp = !ok && next.getTime() > deadline;
    const status = ok ? 'delivered' : giveUp ? 'failed' : 'pending';
    const { rowCount } = await tx.query(
      `UPDATE webhook_deliveries
          SET status = $5, last_status_code = $6, last_error = $7, updated_at = $4,
              next_attempt_at = $8, delivered_at = $9, claimed_by = NULL
        WHERE tenant_id = $1 AND id = $2 AND claimed_by = $3 AND status = 'pending'`,
      [
        delivery.tenant_id,
        delivery.id,
        this.owner,
        now,
        status,
        result.statusCode,
        result.error,
        status === 'pending' ? next : null,
        ok ? now : null,
      ],
    );
    if (rowCount === 0) return;
    await tx.query(
      `INSERT INTO webhook_delivery_attempts
         (tenant_id, delivery_id, attempt, status_code, error, duration_ms, at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        delivery.tenant_id,
        delivery.id,
        delivery.attempts,
        result.statusCode,
        result.error,
        Math.max(0, Math.round(durationMs)),
        now,
      ],
    );
    const endpoint = [delivery.tenant_id, delivery.endpoint_id] as const;
    if (ok) {
      await tx.query(
        `UPDATE webhook_endpoints SET failing_since = NULL
          WHERE tenant_id = $1 AND id = $2 AND failing_since IS NOT NULL`,
        endpoint,
      );
      return;
    }
    const { rows } = await tx.query<{ failing_since: Date; enabled: boolean }>(
      `UPDATE webhook_endpoints SET failing_since = COALESCE(failing_since, $3)
        WHERE tenant_id = $1 AND id = $2 RETURNING failing_since, enabled`,
      [...endpoint, now],
    );
    const state = rows[0];
    if (!state?.enabled) return;
    // 410 Gone is the receiver asking for no more (Standard Webhooks): off at once.
    const gone = result.statusCode === 410;
    const failingFor = now.getTime() - new Date(state.failing_since).getTime();
    if (!gone && failingFor < this.#policy.disableAfterMs) return;
    const hours = Math.round(this.#policy.disableAfterMs / HOUR);
    const reason = gone
      ? 'The receiver answered 410 Gone, asking for no more deliveries; turn it back on to resume.'
      : `Every delivery attempt failed for ${hours === 0 ? 'less than an hour' : `${hours} hours`} (the last: ${result.error}); turn it back on once the receiver answers 2xx.`;
    await tx.query(
      `UPDATE webhook_endpoints
          SET enabled = false, disabled_reason = $3, updated_at = $4, version = version + 1
        WHERE tenant_id = $1 AND id = $2`,
      [...endpoint, reason, now],
    );
    await recordAudit(tx, this.services.ids, {
      tenantId: delivery.tenant_id,
      actor: WEBHOOK_ACTOR,
      action: 'webhook_endpoint.disabled',
      entityType: 'webhook_endpoint',
      entityId: delivery.endpoint_id,
      changes: [
        { field: 'enabled', before: true, after: false },
        { field: 'disabled_reason', before: null, after: reason },
      ],
      at: now,
    });
  }
}
