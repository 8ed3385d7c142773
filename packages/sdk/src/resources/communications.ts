import type { RequestOptions } from '../core/config.js';
import type { PagePromise } from '../core/pagination.js';
import { Resource } from '../core/resource.js';
import type {
  Communication,
  CommunicationListParams,
  CommunicationPage,
  EmailSendParams,
} from '../types.js';

/** `loupe.communications`: every message sent to a customer, append-only, with its status. */
export class Communications extends Resource {
  /**
   * A customer's log, newest first, each message with its full body and status history.
   *
   * @example
   * ```ts
   * const { data } = await loupe.communications.list('cus_01J…');
   * ```
   */
  list(
    customerId: string,
    params?: CommunicationListParams,
    options?: RequestOptions,
  ): PagePromise<Communication, CommunicationPage> {
    return this.paginate(
      '/v1/customers/{id}/communications',
      { path: { id: customerId }, query: params },
      options,
    );
  }
}

/** `loupe.emails`: 1:1 email to a customer, through the server's outbox. */
export class Emails extends Resource {
  /**
   * Queues an email; it is `queued` until the mail server accepts it. A customer without an
   * address, who withdrew email consent or prefers another channel is refused with a
   * `ConflictError` (`customer_has_no_email`, `email_consent_withdrawn`,
   * `communication_preference_not_email`) and nothing is queued.
   *
   * @example
   * ```ts
   * await loupe.emails.send('cus_01J…', { subject: 'Your ring is ready', body: 'Hi Mei, …' });
   * ```
   */
  send(
    customerId: string,
    body: EmailSendParams,
    options?: RequestOptions,
  ): Promise<Communication> {
    return this.POST('/v1/customers/{id}/emails', { path: { id: customerId }, body }, options);
  }
}
