import type {
  Customer,
  CustomerSummary,
  LoupeClientLike,
  Me,
  Money,
  RequestOptions,
  StoreCreditAdjustment,
  StoreCreditAdjustParams,
  StoreCreditLedger,
  StoreCreditTransaction,
} from '../client.js';
import { emptySummary } from './fixtures.js';

/** A failure shaped like the SDK's `LoupeError` (status, RFC 9457 code, detail). */
export class FakeProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail = code,
    readonly balance?: Money,
  ) {
    super(detail);
    this.name = 'FakeProblem';
  }
}

/** Every method the fake answers, for `failures`, `latency` and `calls`. */
export type FakeMethod =
  | 'me'
  | 'customers.retrieve'
  | 'customers.summary'
  | 'storeCredit.retrieve'
  | 'storeCredit.adjust';

/** One recorded call. */
export interface FakeCall {
  method: FakeMethod;
  args: unknown[];
  signal: AbortSignal | undefined;
}

/** A permission name, e.g. `adjust_store_credit`. */
export type Permission = Me['permissions'][number];

/** Data and behaviour of a {@link FakeLoupeClient}. */
export interface FakeLoupeOptions {
  permissions?: readonly Permission[];
  customers?: Customer[];
  summaries?: CustomerSummary[];
  /** Ledger rows per customer id, newest first. */
  ledgers?: Record<string, StoreCreditTransaction[]>;
  currency?: string;
  /** Makes the credential a customer session bound to this customer (`me().customer_id`). */
  sessionCustomerId?: string;
  /** Milliseconds before each answer; `Infinity` keeps every request pending (loading state). */
  latency?: number;
}

/**
 * An in-memory stand-in for the `@loupe/sdk` client, for tests and stories. It answers like the
 * server (404 for unknown ids, 409 `insufficient_store_credit` for a debit past the balance,
 * cursor paging), honours abort signals, and records every call.
 *
 * @example
 * const client = new FakeLoupeClient({ customers: [customer], permissions: ['send_email'] });
 * client.failures.set('customers.summary', new FakeProblem(500, 'internal_error'));
 */
export class FakeLoupeClient implements LoupeClientLike {
  /** Calls in the order they were made. */
  readonly calls: FakeCall[] = [];
  /** Methods that fail, and with what, until removed. */
  readonly failures = new Map<FakeMethod, unknown>();
  latency: number;
  permissions: readonly Permission[];
  private readonly customerMap: Map<string, Customer>;
  private readonly summaryMap: Map<string, CustomerSummary>;
  private readonly ledgers: Map<string, StoreCreditTransaction[]>;
  private readonly currency: string;
  private readonly sessionCustomerId: string | null;
  private nextId = 1;

  constructor(options: FakeLoupeOptions = {}) {
    this.latency = options.latency ?? 0;
    this.permissions = options.permissions ?? [];
    this.currency = options.currency ?? 'AUD';
    this.sessionCustomerId = options.sessionCustomerId ?? null;
    this.customerMap = new Map((options.customers ?? []).map((c) => [c.id, c]));
    this.summaryMap = new Map((options.summaries ?? []).map((s) => [s.customer_id, s]));
    this.ledgers = new Map(
      Object.entries(options.ledgers ?? {}).map(([id, rows]) => [id, [...rows]]),
    );
  }

  me(options?: RequestOptions): Promise<Me> {
    return this.answer('me', [], options, () => ({
      tenant_id: 'ten_fake',
      kind: 'session',
      role: 'staff',
      permissions: [...this.permissions],
      branch_id: null,
      customer_id: this.sessionCustomerId,
    }));
  }

  readonly customers = {
    retrieve: (id: string, options?: RequestOptions): Promise<Customer> =>
      this.answer('customers.retrieve', [id], options, () => this.customer(id)),
    summary: (id: string, options?: RequestOptions): Promise<CustomerSummary> =>
      this.answer('customers.summary', [id], options, () => {
        this.customer(id);
        return this.summaryMap.get(id) ?? this.emptySummary(id);
      }),
  };

  readonly storeCredit = {
    retrieve: (
      customerId: string,
      params: { limit?: number; cursor?: string } = {},
      options?: RequestOptions,
    ): Promise<StoreCreditLedger> =>
      this.answer('storeCredit.retrieve', [customerId, params], options, () => {
        this.customer(customerId);
        const rows = this.ledgers.get(customerId) ?? [];
        const limit = params.limit ?? 20;
        const start = params.cursor ? Number(params.cursor) : 0;
        const end = start + limit;
        return {
          customer_id: customerId,
          balance: this.balanceOf(customerId),
          data: rows.slice(start, end),
          next_cursor: end < rows.length ? String(end) : null,
        };
      }),
    adjust: (
      customerId: string,
      params: StoreCreditAdjustParams,
      options?: RequestOptions,
    ): Promise<StoreCreditAdjustment> =>
      this.answer('storeCredit.adjust', [customerId, params], options, () => {
        this.customer(customerId);
        const balance = this.balanceOf(customerId);
        const after = balance.amount + params.amount.amount;
        if (after < 0) {
          throw new FakeProblem(
            409,
            'insufficient_store_credit',
            'The debit exceeds the store-credit balance.',
            balance,
          );
        }
        const transaction: StoreCreditTransaction = {
          id: `sct_fake${this.nextId++}`,
          customer_id: customerId,
          amount: params.amount,
          reason: params.reason,
          reference_type: params.reference_type ?? null,
          reference_id: params.reference_id ?? null,
          note: params.note ?? null,
          balance_after: { amount: after, currency: this.currency },
          actor: { kind: 'session', id: 'ses_fake', name: 'Fake staff' },
          created_at: new Date().toISOString(),
        };
        this.ledgers.set(customerId, [transaction, ...(this.ledgers.get(customerId) ?? [])]);
        return { transaction, balance: transaction.balance_after };
      }),
  };

  /** Calls of one method. */
  callsOf(method: FakeMethod): FakeCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  private customer(id: string): Customer {
    const customer = this.customerMap.get(id);
    if (!customer) throw new FakeProblem(404, 'not_found', `No customer ${id}.`);
    return customer;
  }

  private balanceOf(customerId: string): Money {
    const newest = this.ledgers.get(customerId)?.[0];
    return newest ? newest.balance_after : { amount: 0, currency: this.currency };
  }

  private emptySummary(id: string): CustomerSummary {
    return {
      ...emptySummary(id, this.currency),
      store_credit: this.balanceOf(id),
    };
  }

  private answer<T>(
    method: FakeMethod,
    args: unknown[],
    options: RequestOptions | undefined,
    compute: () => T,
  ): Promise<T> {
    const signal = options?.signal;
    this.calls.push({ method, args, signal });
    return new Promise<T>((resolve, reject) => {
      const abort = () => reject(new DOMException('The request was aborted.', 'AbortError'));
      if (signal?.aborted) return abort();
      signal?.addEventListener('abort', abort, { once: true });
      const settle = () => {
        signal?.removeEventListener('abort', abort);
        try {
          if (this.failures.has(method)) throw this.failures.get(method);
          resolve(structuredClone(compute()));
        } catch (error) {
          reject(error);
        }
      };
      if (this.latency === Number.POSITIVE_INFINITY) return;
      if (this.latency > 0) setTimeout(settle, this.latency);
      else queueMicrotask(settle);
    });
  }
}
