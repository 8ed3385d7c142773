import type { RequestOptions } from '../core/config.js';
import type { PagePromise } from '../core/pagination.js';
import { Resource } from '../core/resource.js';
import type {
  Quote,
  QuoteAcceptance,
  QuoteAcceptParams,
  QuoteCreateParams,
  QuoteListParams,
  QuotePage,
  QuoteStatus,
  QuoteUpdateParams,
} from '../types.js';

/** Every quote status, in the order a quote lives through them. */
export const QUOTE_STATUSES = [
  'draft',
  'sent',
  'expired',
  'accepted',
  'declined',
] as const satisfies readonly QuoteStatus[];

// Fails to compile when the server adds a status this list lacks.
type MissingQuoteStatus = Exclude<QuoteStatus, (typeof QUOTE_STATUSES)[number]>;
const everyQuoteStatus: [MissingQuoteStatus] extends [never] ? true : MissingQuoteStatus = true;
void everyQuoteStatus;

/** `loupe.quotes`: priced quotes numbered for the counter, accepted into invoices or bespoke jobs. */
export class Quotes extends Resource {
  /**
   * Writes a quote for a customer, numbered from the tenant's counter (`QU-1001`). The server
   * works out each line's total and the quote's `total`; it holds 30 days unless `expires_at`
   * says otherwise.
   *
   * @example
   * ```ts
   * const quote = await loupe.quotes.create({
   *   customer_id: 'cus_01J…',
   *   title: 'Oval sapphire ring',
   *   lines: [{ description: 'Oval sapphire 1.2ct', quantity: 1, unit_price: { amount: 420000, currency: 'AUD' } }],
   * });
   * ```
   */
  create(body: QuoteCreateParams, options?: RequestOptions): Promise<Quote> {
    return this.POST('/v1/quotes', { body }, options);
  }

  /**
   * Retrieves one quote; `status` reads `expired` for a sent quote past its date.
   *
   * @example
   * ```ts
   * const quote = await loupe.quotes.retrieve('quo_01J…');
   * ```
   */
  retrieve(id: string, options?: RequestOptions): Promise<Quote> {
    return this.GET('/v1/quotes/{id}', { path: { id } }, options);
  }

  /**
   * Updates a quote, sends it (`status: 'sent'`) or declines it. A move the current status
   * doesn't allow fails with a `ConflictError` whose `allowedStatuses` lists the ones it does;
   * `options.ifMatch` guards against overwriting someone else's change.
   *
   * @example
   * ```ts
   * await loupe.quotes.update(quote.id, { status: 'sent' }, { ifMatch: quote.version });
   * ```
   */
  update(id: string, body: QuoteUpdateParams, options?: RequestOptions): Promise<Quote> {
    return this.PATCH('/v1/quotes/{id}', { path: { id }, body }, options);
  }

  /**
   * Accepts a quote, making an invoice with its lines (the default) or a bespoke job
   * (`into: 'bespoke_job'`) that names it in `quote_id`, in one transaction.
   *
   * @example
   * ```ts
   * const { invoice } = await loupe.quotes.accept('quo_01J…');
   * const { bespoke_job } = await loupe.quotes.accept('quo_01J…', { into: 'bespoke_job' });
   * ```
   */
  accept(
    id: string,
    body: QuoteAcceptParams = {},
    options?: RequestOptions,
  ): Promise<QuoteAcceptance> {
    return this.POST('/v1/quotes/{id}/accept', { path: { id }, body }, options);
  }

  /**
   * Lists quotes, newest first: await for a page, iterate for every one.
   *
   * @example
   * ```ts
   * for await (const quote of loupe.quotes.list({ status: 'expired' })) console.log(quote.number);
   * ```
   */
  list(params?: QuoteListParams, options?: RequestOptions): PagePromise<Quote, QuotePage> {
    return this.paginate('/v1/quotes', { query: params }, options);
  }

  /**
   * One customer's quotes, newest first: their Quotes tab.
   *
   * @example
   * ```ts
   * const { data } = await loupe.quotes.listByCustomer('cus_01J…', { status: 'sent' });
   * ```
   */
  listByCustomer(
    customerId: string,
    params?: Omit<QuoteListParams, 'customer_id'>,
    options?: RequestOptions,
  ): PagePromise<Quote, QuotePage> {
    return this.list({ ...params, customer_id: customerId }, options);
  }
}
