import nodemailer from 'nodemailer';
import type { Logger } from '../logger.js';

/** One message as a transport sends it. */
export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Extra headers; `X-Loupe-Communication` names the log row delivery events refer to. */
  headers: Record<string, string>;
}

/** What the transport said when it accepted a message. */
export interface MailAccepted {
  messageId: string | null;
  response: string | null;
}

/**
 * Why a transport refused a message. `permanent` (an SMTP 5xx: no such mailbox, rejected)
 * is not retried; anything else (4xx, connection refused, timeout) is.
 */
export class MailRefused extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = 'MailRefused';
  }
}

/** Sends mail; resolves only once the receiving server accepted the message. */
export interface MailTransport {
  readonly name: 'smtp' | 'development';
  send(mail: OutgoingMail): Promise<MailAccepted>;
  close(): void;
}

/** SMTP connections an instance keeps open at most, unless `SMTP_URL` sets `maxConnections`. */
export const SMTP_POOL_CONNECTIONS = 5;

/**
 * `url` with nodemailer's pool switched on (decision 0033): messages share up to
 * `maxConnections` open connections (each carries up to 100 before it is renewed) instead of
 * a connection, greeting and `QUIT` each. Query parameters the operator put in `SMTP_URL`
 * (`pool=false`, `maxConnections=2`) win.
 */
export function pooledSmtpUrl(url: string): string {
  const parsed = new URL(url);
  if (!parsed.searchParams.has('pool')) parsed.searchParams.set('pool', 'true');
  if (!parsed.searchParams.has('maxConnections')) {
    parsed.searchParams.set('maxConnections', String(SMTP_POOL_CONNECTIONS));
  }
  return parsed.toString();
}

/** SMTP through nodemailer, over a pool of connections. */
export function smtpTransport(url: string): MailTransport {
  const transporter = nodemailer.createTransport(pooledSmtpUrl(url));
  return {
    name: 'smtp',
    async send(mail) {
      try {
        const info = await transporter.sendMail(mail);
        return { messageId: info.messageId ?? null, response: info.response ?? null };
      } catch (error) {
        const code = (error as { responseCode?: number }).responseCode;
        const text = error instanceof Error ? error.message : String(error);
        throw new MailRefused(text, typeof code === 'number' && code >= 500 && code < 600);
      }
    },
    close: () => transporter.close(),
  };
}

/**
 * Development: records what would have been sent (in `sent`, and one log line each) and
 * accepts it. The default without `SMTP_URL`, and the demo's: nothing leaves the machine.
 */
export function developmentTransport(logger: Logger): MailTransport & { sent: OutgoingMail[] } {
  const sent: OutgoingMail[] = [];
  let n = 0;
  return {
    name: 'development',
    sent,
    async send(mail) {
      sent.push(mail);
      // Only the last hundred: a long-running dev server shouldn't grow without bound.
      if (sent.length > 100) sent.shift();
      n += 1;
      logger.info('email not sent (development transport)', {
        to: mail.to,
        subject: mail.subject,
        communication: mail.headers['X-Loupe-Communication'],
      });
      return { messageId: `<dev-${Date.now()}-${n}@loupe.localhost>`, response: 'recorded' };
    },
    close() {},
  };
}
