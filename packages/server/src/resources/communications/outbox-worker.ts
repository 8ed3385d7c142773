import type { Database } from '../../core/db/types.js';
import {
  developmentTransport,
  MailRefused,
  type MailTransport,
  smtpTransport,
} from '../../core/mail/transport.js';
import { backoffAfter, PollingWorker } from '../../core/polling-worker.js';
import type { Services } from '../../core/services.js';
import { displayName } from './render.js';
import { addEvent } from './store.js';

/** The name requests wake the outbox worker by. */
export const OUTBOX_WORKER = 'email-outbox';

/** Delivery policy (decision 0023). */
export interface OutboxPolicy {
  /** How long a claimed message is this worker's; past it another instance may retry it. */
  leaseMs: number;
  /** Attempts before a message that keeps failing temporarily is `failed`. */
  maxAttempts: number;
  /** Wait before the second attempt; doubled for each further one. */
  backoffMs: number;
  /** Messages claimed per round, all sent at once (the SMTP pool caps the connections). */
  batch: number;
  /** How often a started worker looks for due messages (retries, other instances' leases). */
  pollMs: number;
}

export const DEFAULT_OUTBOX_POLICY: OutboxPolicy = {
  leaseMs: 60_000,
  maxAttempts: 5,
  backoffMs: 30_000,
  batch: 20,
  pollMs: 5_000,
};

interface Claimed {
  tenant_id: string;
  id: string;
  to_address: string;
  subject: string;
  body_text: string;
  body_html: string;
  attempts: number;
  tenant_name: string;
}

/**
 * Claims due messages: each is locked with `FOR UPDATE SKIP LOCKED` (so two instances never
 * take the same one), leased to this worker until `next_attempt_at`, and its attempt counted,
 * in one short transaction; the sending happens after it commits.
 */
export async function claimDue(
  db: Database,
  owner: string,
  now: Date,
  policy: Pick<OutboxPolicy, 'leaseMs' | 'batch'>,
): Promise<Claimed[]> {
  const { rows } = await db.query<Claimed>(
    `WITH due AS (
       SELECT tenant_id, id FROM communications
        WHERE status = 'queued' AND next_attempt_at <= $2
        ORDER BY next_attempt_at LIMIT $4
        FOR UPDATE SKIP LOCKED)
     UPDATE communications m
        SET claimed_by = $1, attempts = m.attempts + 1,
            next_attempt_at = $2::timestamptz + $3::int * interval '1 millisecond', updated_at = $2
       FROM due, tenants t
      WHERE m.tenant_id = due.tenant_id AND m.id = due.id AND t.id = m.tenant_id
      RETURNING m.tenant_id, m.id, m.to_address, m.subject, m.body_text, m.body_html,
                m.attempts, t.name AS tenant_name`,
    [owner, now, policy.leaseMs, policy.batch],
  );
  return rows;
}

/**
 * Delivers the outbox: woken when a request queues a message, and (once started) every few
 * seconds for retries and for messages whose worker died holding them. `sent` is written only
 * after the transport accepted the message.
 */
export class OutboxWorker extends PollingWorker {
  readonly name = OUTBOX_WORKER;
  readonly transport: MailTransport;
  readonly #policy: OutboxPolicy;

  constructor(
    services: Services,
    options: { transport?: MailTransport; policy?: Partial<OutboxPolicy> } = {},
  ) {
    const policy = { ...DEFAULT_OUTBOX_POLICY, ...options.policy };
    super(services, policy.pollMs);
    this.#policy = policy;
    const { smtpUrl } = services.config.mail;
    this.transport =
      options.transport ??
      (smtpUrl ? smtpTransport(smtpUrl) : developmentTransport(services.logger));
  }

  override async stop(): Promise<void> {
    await super.stop();
    this.transport.close();
  }

  protected async runPass(): Promise<void> {
    const { db, clock, logger } = this.services;
    while (!this.stopping) {
      let batch: Claimed[];
      try {
        batch = await claimDue(db, this.owner, clock.now(), this.#policy);
      } catch (error) {
        logger.error('email outbox could not claim messages', { error: String(error) });
        return;
      }
      if (batch.length === 0) return;
      // Concurrently: the pooled transport spreads them over its connections (decision 0033).
      // Each is recorded on its own as soon as the server answered it.
      await Promise.all(batch.map((message) => this.#deliver(message)));
    }
  }

  async #deliver(message: Claimed): Promise<void> {
    const { db, clock, config, logger } = this.services;
    let outcome:
      | { ok: true; messageId: string | null; response: string | null }
      | {
          ok: false;
          error: string;
          permanent: boolean;
        };
    try {
      const accepted = await this.transport.send({
        from: `"${displayName(message.tenant_name)}" <${config.mail.from}>`,
        to: message.to_address,
        subject: message.subject,
        text: message.body_text,
        html: message.body_html,
        headers: { 'X-Loupe-Communication': `${message.tenant_id}/${message.id}` },
      });
      outcome = { ok: true, ...accepted };
    } catch (error) {
      outcome = {
        ok: false,
        error: (error instanceof Error ? error.message : String(error)).slice(0, 1000),
        permanent: error instanceof MailRefused && error.permanent,
      };
    }
    const now = clock.now();
    try {
      await db.transaction(async (tx) => {
        // Only while the claim is still ours: past the lease another instance may hold it.
        const params = [message.tenant_id, message.id, this.owner, now];
        if (outcome.ok) {
          const { rowCount } = await tx.query(
            `UPDATE communications SET status = 'sent', sent_at = $4, updated_at = $4,
                    provider_message_id = $5, last_error = NULL, next_attempt_at = NULL, claimed_by = NULL
              WHERE tenant_id = $1 AND id = $2 AND claimed_by = $3 AND status = 'queued'`,
            [...params, outcome.messageId],
          );
          if (rowCount > 0) {
            await addEvent(tx, message.tenant_id, message.id, 'sent', outcome.response, now);
          }
          return;
        }
        const giveUp = outcome.permanent || message.attempts >= this.#policy.maxAttempts;
        const next = new Date(now.getTime() + backoffAfter(message.attempts, this.#policy));
        const { rowCount } = await tx.query(
          `UPDATE communications SET status = $5, last_error = $6, updated_at = $4,
                  next_attempt_at = $7, claimed_by = NULL
            WHERE tenant_id = $1 AND id = $2 AND claimed_by = $3 AND status = 'queued'`,
          [...params, giveUp ? 'failed' : 'queued', outcome.error, giveUp ? null : next],
        );
        if (rowCount > 0) {
          await addEvent(
            tx,
            message.tenant_id,
            message.id,
            giveUp ? 'failed' : 'retrying',
            outcome.error,
            now,
          );
        }
      });
    } catch (error) {
      logger.error('email outbox could not record a delivery', {
        communication_id: message.id,
        error: String(error),
      });
    }
  }
}
