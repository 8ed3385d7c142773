import type {
  AuditEntry,
  AuditEntryPage,
  BespokeJob,
  Communication,
  Customer,
  CustomerAddress,
  CustomerAddressAddParams,
  CustomerAddressUpdateParams,
  CustomerCreateParams,
  CustomerDocument,
  CustomerDocumentWithLink,
  CustomerListParams,
  CustomerPage,
  CustomerSummary,
  CustomerUpdateParams,
  Invoice,
  ListParams,
  LoupeClientLike,
  LoyaltyAdjustParams,
  LoyaltyBalance,
  LoyaltyPosted,
  LoyaltyTransaction,
  Me,
  Money,
  Note,
  NoteCreateParams,
  NoteUpdateParams,
  Passport,
  Quote,
  Repair,
  RequestOptions,
  Sale,
  SaleListItem,
  StoreCreditAdjustment,
  StoreCreditAdjustParams,
  StoreCreditLedger,
  StoreCreditTransaction,
  Tenant,
  WishlistItem,
  WishlistNotification,
} from '../client.js';
import { emptySummary, makeCustomer } from './fixtures.js';

/** Fields the fake leaves out of its audit entries, as the server does. */
const UNAUDITED = new Set(['id', 'version', 'created_at', 'updated_at']);

function diff(before: Customer | null, after: Customer): AuditEntry['changes'] {
  return Object.entries(after)
    .filter(([field]) => !UNAUDITED.has(field))
    .map(([field, value]) => ({
      field,
      before: before?.[field as keyof Customer] ?? null,
      after: value,
    }))
    .filter((change) => JSON.stringify(change.before) !== JSON.stringify(change.after));
}

const NO_ADDRESS = {
  line1: null,
  line2: null,
  suburb: null,
  state: null,
  postcode: null,
  country: null,
};

function addressIn(list: CustomerAddress[], addressId: string): CustomerAddress {
  const found = list.find((a) => a.id === addressId);
  if (!found) throw new FakeProblem(404, 'not_found', 'Address not found.');
  return found;
}

function withDefault(list: CustomerAddress[], addressId: string): CustomerAddress[] {
  return list.map((a) => ({ ...a, is_default: a.id === addressId }));
}

/** The server's checks on an address: at least one part, a postcode of at most 20 characters. */
function checkAddress(address: CustomerAddress): void {
  const parts = [address.line1, address.line2, address.suburb, address.state, address.postcode];
  if (parts.every((part) => !part) && !address.country) {
    throw validationProblem('line1', 'an address needs at least one part');
  }
  if ((address.postcode ?? '').length > 20) {
    throw validationProblem('postcode', 'String must contain at most 20 character(s)');
  }
}

function validationProblem(path: string, message: string): FakeProblem {
  return new FakeProblem(422, 'validation_failed', 'The request failed validation.', undefined, {
    errors: [{ path, message }],
  });
}

/** The server's search, roughly: name words, email prefix, or the digits of a phone. */
function matchesQuery(customer: Customer, q: string | undefined): boolean {
  const query = q?.trim().toLowerCase();
  if (!query) return true;
  const name = [customer.first_name, customer.last_name].filter(Boolean).join(' ').toLowerCase();
  const digits = query.replace(/\D+/g, '');
  const phones = [customer.mobile, customer.phone].map((p) => p?.replace(/\D+/g, '') ?? '');
  return (
    name.includes(query) ||
    Boolean(customer.email?.toLowerCase().startsWith(query)) ||
    (digits.length >= 3 && phones.some((p) => p.includes(digits)))
  );
}

/** What a problem may carry beyond its status, code and detail (as the SDK's errors do). */
export interface FakeProblemExtras {
  /** `validation_failed`: each failing field by its dotted path. */
  errors?: { path: string; message: string }[];
  /** `customer_email_taken`: who already has the email. */
  existingCustomerId?: string;
  /** `version_conflict`: the record's version now. */
  currentVersion?: number;
}

/** A failure shaped like the SDK's `LoupeError` (status, RFC 9457 code, detail). */
export class FakeProblem extends Error {
  errors?: FakeProblemExtras['errors'];
  existingCustomerId?: string;
  currentVersion?: number;

  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail = code,
    readonly balance?: Money,
    extras: FakeProblemExtras = {},
  ) {
    super(detail);
    this.name = 'FakeProblem';
    Object.assign(this, extras);
  }
}

/** Every method the fake answers, for `failures`, `latency` and `calls`. */
export type FakeMethod =
  | 'me'
  | 'customers.retrieve'
  | 'customers.summary'
  | 'customers.list'
  | 'customers.create'
  | 'customers.update'
  | 'customers.archive'
  | 'customers.unarchive'
  | 'customers.history'
  | 'customers.addresses.add'
  | 'customers.addresses.update'
  | 'customers.addresses.remove'
  | 'customers.addresses.makeDefault'
  | 'tenant.retrieve'
  | 'storeCredit.retrieve'
  | 'storeCredit.adjust'
  | 'customers.purchases'
  | 'customers.passports'
  | 'repairs.listByCustomer'
  | 'bespokeJobs.listByCustomer'
  | 'sales.retrieve'
  | 'communications.list'
  | 'notes.list'
  | 'notes.create'
  | 'notes.update'
  | 'notes.delete'
  | 'quotes.listByCustomer'
  | 'invoices.listByCustomer'
  | 'loyalty.retrieve'
  | 'loyalty.transactions'
  | 'loyalty.adjust'
  | 'wishlist.list'
  | 'wishlist.notify'
  | 'wishlist.remove'
  | 'documents.list'
  | 'documents.retrieve';

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
  /** When each customer last bought (`last_purchase_at` in lists and search), by id. */
  lastPurchases?: Record<string, string>;
  /** Audit entries per customer id, newest first (saves through the fake add their own). */
  history?: Record<string, AuditEntry[]>;
  /** Ledger rows per customer id, newest first. */
  ledgers?: Record<string, StoreCreditTransaction[]>;
  currency?: string;
  /** The tenant's country (ISO 3166), the customer form's default. */
  country?: string | null;
  /** A customer's records, each with its `customer_id` (the customer history's tabs). */
  repairs?: Repair[];
  bespokeJobs?: BespokeJob[];
  /** Full receipts; the Sales tab lists them as `customers.purchases` does. */
  sales?: Sale[];
  passports?: Passport[];
  communications?: Communication[];
  notes?: Note[];
  quotes?: Quote[];
  invoices?: Invoice[];
  /** Each customer's points standing (the Loyalty tab's header). */
  loyaltyBalances?: LoyaltyBalance[];
  /** Points history rows, newest first. */
  loyaltyTransactions?: LoyaltyTransaction[];
  wishlist?: WishlistItem[];
  /** The customer's documents, newest first (the Overview's documents card). */
  documents?: CustomerDocument[];
  /** The credential's role (`staff` by default): only a manager or owner may change others' notes. */
  role?: Me['role'];
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
  private readonly lastPurchases: Record<string, string>;
  private readonly ledgers: Map<string, StoreCreditTransaction[]>;
  private readonly audit: Map<string, AuditEntry[]>;
  private readonly currency: string;
  private readonly country: string | null;
  private readonly sessionCustomerId: string | null;
  private readonly role: Me['role'];
  private readonly records: Required<
    Pick<
      FakeLoupeOptions,
      | 'repairs'
      | 'bespokeJobs'
      | 'sales'
      | 'passports'
      | 'communications'
      | 'notes'
      | 'quotes'
      | 'invoices'
      | 'loyaltyBalances'
      | 'loyaltyTransactions'
      | 'wishlist'
      | 'documents'
    >
  >;
  private nextId = 1;

  constructor(options: FakeLoupeOptions = {}) {
    this.latency = options.latency ?? 0;
    this.permissions = options.permissions ?? [];
    this.currency = options.currency ?? 'AUD';
    this.country = options.country ?? 'AU';
    this.sessionCustomerId = options.sessionCustomerId ?? null;
    this.role = options.role ?? 'staff';
    this.records = {
      repairs: options.repairs ?? [],
      bespokeJobs: options.bespokeJobs ?? [],
      sales: options.sales ?? [],
      passports: options.passports ?? [],
      communications: options.communications ?? [],
      notes: [...(options.notes ?? [])],
      quotes: options.quotes ?? [],
      invoices: options.invoices ?? [],
      loyaltyBalances: options.loyaltyBalances ?? [],
      loyaltyTransactions: [...(options.loyaltyTransactions ?? [])],
      wishlist: [...(options.wishlist ?? [])],
      documents: options.documents ?? [],
    };
    this.customerMap = new Map((options.customers ?? []).map((c) => [c.id, c]));
    this.summaryMap = new Map((options.summaries ?? []).map((s) => [s.customer_id, s]));
    this.lastPurchases = { ...options.lastPurchases };
    this.ledgers = new Map(
      Object.entries(options.ledgers ?? {}).map(([id, rows]) => [id, [...rows]]),
    );
    this.audit = new Map(
      Object.entries(options.history ?? {}).map(([id, rows]) => [id, [...rows]]),
    );
  }

  me(options?: RequestOptions): Promise<Me> {
    return this.answer('me', [], options, () => ({
      tenant_id: 'ten_fake',
      kind: 'session',
      role: this.role,
      permissions: [...this.permissions],
      branch_id: null,
      customer_id: this.sessionCustomerId,
      // The staff member whose name the fake's notes carry.
      actor: { kind: 'session', id: 'ses_fake', name: 'Fake staff' },
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
    list: (params: CustomerListParams = {}, options?: RequestOptions): Promise<CustomerPage> =>
      this.answer('customers.list', [params], options, () => {
        const matches = [...this.customerMap.values()].filter(
          (c) => (params.include_archived || !c.archived_at) && matchesQuery(c, params.q),
        );
        const start = params.cursor ? Number(params.cursor) : 0;
        const end = start + (params.limit ?? 20);
        return {
          data: matches
            .slice(start, end)
            .map((c) => ({ ...c, last_purchase_at: this.lastPurchases[c.id] ?? null })),
          next_cursor: end < matches.length ? String(end) : null,
        };
      }),
    create: (body: CustomerCreateParams, options?: RequestOptions): Promise<Customer> =>
      this.answer('customers.create', [body], options, () => {
        if (!body.first_name && !body.last_name) {
          throw validationProblem('first_name', 'a customer needs a first or last name');
        }
        this.checkEmailFree(body.email ?? null, null);
        this.checkExternalIdsFree(body.external_ids ?? {}, null);
        const now = new Date().toISOString();
        const customer = makeCustomer({
          first_name: null,
          ...(body as Partial<Customer>),
          marketing_consent: this.consent(body.marketing_consent, { email: null, sms: null }),
          id: `cus_fake${this.nextId++}`,
          is_vip: body.is_vip ?? (body.tags ?? []).some((t) => t.toUpperCase() === 'VIP'),
          // `address` is the default of `addresses`, as on the server.
          addresses: body.address
            ? [
                {
                  id: `adr_fake${this.nextId}`,
                  kind: 'home',
                  label: null,
                  ...NO_ADDRESS,
                  ...body.address,
                  is_default: true,
                },
              ]
            : [],
          created_at: now,
          updated_at: now,
          version: 1,
        });
        this.customerMap.set(customer.id, customer);
        this.record(customer.id, 'customer.created', diff(null, customer));
        return customer;
      }),
    update: (id: string, body: CustomerUpdateParams, options?: RequestOptions): Promise<Customer> =>
      this.answer('customers.update', [id, body], options, () => {
        const before = this.customer(id);
        if (options?.ifMatch !== undefined && Number(options.ifMatch) !== before.version) {
          throw new FakeProblem(
            412,
            'version_conflict',
            'The customer changed since you read it.',
            undefined,
            {
              currentVersion: before.version,
            },
          );
        }
        if (body.email !== undefined) this.checkEmailFree(body.email, id);
        // Merged system by system, `null` removing one, as the server does.
        const externalIds = Object.fromEntries(
          Object.entries({ ...before.external_ids, ...body.external_ids }).filter(
            (entry): entry is [string, string] => entry[1] != null,
          ),
        );
        this.checkExternalIdsFree(externalIds, id);
        const after: Customer = {
          ...before,
          ...(body as Partial<Customer>),
          external_ids: externalIds,
          marketing_consent: this.consent(body.marketing_consent, before.marketing_consent),
          version: before.version + 1,
          updated_at: new Date().toISOString(),
        };
        this.customerMap.set(id, after);
        this.record(id, 'customer.updated', diff(before, after));
        return after;
      }),
    /** A customer's addresses, kept as the server keeps them (one default, at most 20). */
    addresses: {
      add: (id: string, body: CustomerAddressAddParams, options?: RequestOptions) =>
        this.answer('customers.addresses.add', [id, body], options, () =>
          this.editAddresses(id, options, (list) => {
            if (list.length >= 20) {
              throw validationProblem('addresses', 'a customer keeps at most 20 addresses');
            }
            const { is_default: _, ...parts } = body;
            const added: CustomerAddress = {
              ...NO_ADDRESS,
              ...parts,
              id: `adr_fake${this.nextId++}`,
              kind: body.kind ?? 'other',
              label: body.label ?? null,
              is_default: list.length === 0,
            };
            checkAddress(added);
            const next = [...list, added];
            return body.is_default ? withDefault(next, added.id) : next;
          }),
        ),
      update: (
        id: string,
        addressId: string,
        body: CustomerAddressUpdateParams,
        options?: RequestOptions,
      ) =>
        this.answer('customers.addresses.update', [id, addressId, body], options, () =>
          this.editAddresses(id, options, (list) => {
            const current = addressIn(list, addressId);
            const { is_default, ...patch } = body;
            const changed = { ...current, ...patch };
            checkAddress(changed);
            const next = list.map((a) => (a === current ? changed : a));
            return is_default ? withDefault(next, addressId) : next;
          }),
        ),
      remove: (id: string, addressId: string, options?: RequestOptions) =>
        this.answer('customers.addresses.remove', [id, addressId], options, () =>
          this.editAddresses(id, options, (list) => {
            const removed = addressIn(list, addressId);
            const rest = list.filter((a) => a !== removed);
            return removed.is_default && rest[0] ? withDefault(rest, rest[0].id) : rest;
          }),
        ),
      makeDefault: (id: string, addressId: string, options?: RequestOptions) =>
        this.answer('customers.addresses.makeDefault', [id, addressId], options, () =>
          this.editAddresses(id, options, (list) =>
            withDefault(list, addressIn(list, addressId).id),
          ),
        ),
    },
    archive: (id: string, options?: RequestOptions): Promise<Customer> =>
      this.answer('customers.archive', [id], options, () => this.setArchived(id, true)),
    unarchive: (id: string, options?: RequestOptions): Promise<Customer> =>
      this.answer('customers.unarchive', [id], options, () => this.setArchived(id, false)),
    history: (
      id: string,
      params: { limit?: number; cursor?: string } = {},
      options?: RequestOptions,
    ): Promise<AuditEntryPage> =>
      this.answer('customers.history', [id, params], options, () => {
        this.customer(id);
        const rows = this.audit.get(id) ?? [];
        const start = params.cursor ? Number(params.cursor) : 0;
        const end = start + (params.limit ?? 20);
        return {
          data: rows.slice(start, end),
          next_cursor: end < rows.length ? String(end) : null,
        };
      }),
    purchases: (id: string, params: ListParams = {}, options?: RequestOptions) =>
      this.answer('customers.purchases', [id, params], options, () =>
        this.pageOf(
          id,
          this.records.sales.map(({ lines, payments, returns, ...item }): SaleListItem => item),
          params,
        ),
      ),
    passports: (id: string, params: ListParams = {}, options?: RequestOptions) =>
      this.answer('customers.passports', [id, params], options, () =>
        this.pageOf(id, this.records.passports, params),
      ),
  };

  readonly repairs = {
    listByCustomer: (id: string, params: ListParams = {}, options?: RequestOptions) =>
      this.answer('repairs.listByCustomer', [id, params], options, () =>
        this.pageOf(id, this.records.repairs, params),
      ),
  };

  readonly bespokeJobs = {
    listByCustomer: (id: string, params: ListParams = {}, options?: RequestOptions) =>
      this.answer('bespokeJobs.listByCustomer', [id, params], options, () =>
        this.pageOf(id, this.records.bespokeJobs, params),
      ),
  };

  readonly sales = {
    retrieve: (id: string, options?: RequestOptions): Promise<Sale> =>
      this.answer('sales.retrieve', [id], options, () => {
        const sale = this.records.sales.find((s) => s.id === id);
        if (!sale) throw new FakeProblem(404, 'not_found', `No sale ${id}.`);
        return sale;
      }),
  };

  readonly communications = {
    list: (id: string, params: ListParams = {}, options?: RequestOptions) =>
      this.answer('communications.list', [id, params], options, () =>
        this.pageOf(id, this.records.communications, params),
      ),
  };

  readonly notes = {
    list: (id: string, params: ListParams = {}, options?: RequestOptions) =>
      this.answer('notes.list', [id, params], options, () =>
        this.pageOf(
          id,
          // Pinned first, then newest first, as the server orders the timeline.
          [...this.records.notes].sort(
            (a, b) =>
              Number(b.pinned) - Number(a.pinned) || b.created_at.localeCompare(a.created_at),
          ),
          params,
        ),
      ),
    create: (customerId: string, body: NoteCreateParams, options?: RequestOptions): Promise<Note> =>
      this.answer('notes.create', [customerId, body], options, () => {
        this.customer(customerId);
        if (!body.body.trim()) throw validationProblem('body', 'a note needs text');
        const at = new Date().toISOString();
        const author = { kind: 'session' as const, id: 'ses_fake', name: 'Fake staff' };
        const note: Note = {
          id: `note_fake${this.nextId++}`,
          customer_id: customerId,
          body: body.body,
          pinned: body.pinned ?? false,
          author,
          edited_at: null,
          revisions: [
            { revision: 1, body: body.body, pinned: body.pinned ?? false, actor: author, at },
          ],
          created_at: at,
          updated_at: at,
          version: 1,
        };
        this.records.notes.unshift(note);
        return note;
      }),
    update: (id: string, body: NoteUpdateParams, options?: RequestOptions): Promise<Note> =>
      this.answer('notes.update', [id, body], options, () => {
        const note = this.changeableNote(id);
        const after: Note = {
          ...note,
          body: body.body ?? note.body,
          pinned: body.pinned ?? note.pinned,
          edited_at: new Date().toISOString(),
          version: note.version + 1,
        };
        this.records.notes = this.records.notes.map((n) => (n.id === id ? after : n));
        return after;
      }),
    delete: (id: string, options?: RequestOptions): Promise<void> =>
      this.answer('notes.delete', [id], options, () => {
        this.changeableNote(id);
        this.records.notes = this.records.notes.filter((n) => n.id !== id);
      }),
  };

  readonly quotes = {
    listByCustomer: (id: string, params: ListParams = {}, options?: RequestOptions) =>
      this.answer('quotes.listByCustomer', [id, params], options, () =>
        this.pageOf(id, this.records.quotes, params),
      ),
  };

  readonly invoices = {
    listByCustomer: (id: string, params: ListParams = {}, options?: RequestOptions) =>
      this.answer('invoices.listByCustomer', [id, params], options, () =>
        this.pageOf(id, this.records.invoices, params),
      ),
  };

  readonly loyalty = {
    retrieve: (id: string, options?: RequestOptions): Promise<LoyaltyBalance> =>
      this.answer('loyalty.retrieve', [id], options, () => {
        this.customer(id);
        return this.loyaltyBalance(id);
      }),
    adjust: (
      id: string,
      body: LoyaltyAdjustParams,
      options?: RequestOptions,
    ): Promise<LoyaltyPosted> =>
      this.answer('loyalty.adjust', [id, body, options?.idempotencyKey], options, () => {
        this.customer(id);
        if (!Number.isInteger(body.points) || body.points === 0) {
          throw validationProblem('points', 'must not be zero');
        }
        if (!body.reason.trim()) throw validationProblem('reason', 'is required');
        const before = this.loyaltyBalance(id);
        const points = before.points + body.points;
        if (points < 0) {
          throw Object.assign(
            new FakeProblem(409, 'insufficient_loyalty_points', 'Not enough points.'),
            { balance: before.points },
          );
        }
        // The tier the balance reaches, and the one after it, as the server works them out.
        const reached = before.tiers.filter((t) => t.min_points <= points).at(-1)!;
        const next = before.tiers.find((t) => t.min_points > points) ?? null;
        const balance: LoyaltyBalance = {
          ...before,
          points,
          tier: reached.name,
          next_tier: next?.name ?? null,
          points_to_next_tier: next ? next.min_points - points : null,
        };
        const transaction: LoyaltyTransaction = {
          id: `lty_fake${this.nextId++}`,
          customer_id: id,
          kind: 'adjustment',
          points: body.points,
          balance_after: points,
          reason: body.reason.trim(),
          reference_type: body.reference_type ?? null,
          reference_id: body.reference_id ?? null,
          note: body.note ?? null,
          actor: { kind: 'session', id: 'ses_fake', name: 'Fake staff' },
          created_at: new Date().toISOString(),
        };
        this.records.loyaltyBalances = [
          balance,
          ...this.records.loyaltyBalances.filter((b) => b.customer_id !== id),
        ];
        this.records.loyaltyTransactions.unshift(transaction);
        const summary = this.summaryMap.get(id);
        if (summary) {
          this.summaryMap.set(id, {
            ...summary,
            loyalty: { ...summary.loyalty, points, tier: reached.name },
            counts: { ...summary.counts, loyalty: summary.counts.loyalty + 1 },
          });
        }
        return { transaction, balance };
      }),
    transactions: (id: string, params: ListParams = {}, options?: RequestOptions) =>
      this.answer('loyalty.transactions', [id, params], options, () => ({
        customer_id: id,
        ...this.pageOf(id, this.records.loyaltyTransactions, params),
      })),
  };

  readonly wishlist = {
    list: (id: string, params: ListParams = {}, options?: RequestOptions) =>
      this.answer('wishlist.list', [id, params], options, () =>
        this.pageOf(id, this.records.wishlist, params),
      ),
    notify: (
      customerId: string,
      itemId: string,
      body: Record<string, never> = {},
      options?: RequestOptions,
    ): Promise<WishlistNotification> =>
      this.answer('wishlist.notify', [customerId, itemId, body], options, () => {
        const item = this.wishlistItem(customerId, itemId);
        if (item.notified_at) {
          throw new FakeProblem(409, 'wishlist_already_notified', 'Already notified.');
        }
        const notified = {
          ...item,
          notified_at: new Date().toISOString(),
          version: item.version + 1,
        };
        this.records.wishlist = this.records.wishlist.map((w) => (w.id === itemId ? notified : w));
        return { item: notified, communication: null } as unknown as WishlistNotification;
      }),
    remove: (customerId: string, itemId: string, options?: RequestOptions): Promise<void> =>
      this.answer('wishlist.remove', [customerId, itemId], options, () => {
        this.wishlistItem(customerId, itemId);
        this.records.wishlist = this.records.wishlist.filter((w) => w.id !== itemId);
      }),
  };

  readonly documents = {
    list: (id: string, params: ListParams = {}, options?: RequestOptions) =>
      this.answer('documents.list', [id, params], options, () =>
        this.pageOf(id, this.records.documents, params),
      ),
    retrieve: (id: string, options?: RequestOptions): Promise<CustomerDocumentWithLink> =>
      this.answer('documents.retrieve', [id], options, () => {
        const doc = this.records.documents.find((d) => d.id === id);
        if (!doc) throw new FakeProblem(404, 'not_found', `No document ${id}.`);
        // A link that leads nowhere: tests catch the click, stories stay on the page.
        return {
          ...doc,
          download_url: `https://files.loupe.test/v1/public/documents/${id}?signature=fake`,
          download_expires_at: new Date(Date.now() + 300_000).toISOString(),
        };
      }),
  };

  private loyaltyBalance(id: string): LoyaltyBalance {
    return (
      this.records.loyaltyBalances.find((b) => b.customer_id === id) ?? {
        customer_id: id,
        points: 0,
        tier: 'Bronze',
        next_tier: 'Silver',
        points_to_next_tier: 500,
        tiers: [
          { name: 'Bronze', min_points: 0 },
          { name: 'Silver', min_points: 500 },
        ],
      }
    );
  }

  private wishlistItem(customerId: string, itemId: string): WishlistItem {
    this.customer(customerId);
    const item = this.records.wishlist.find((w) => w.id === itemId && w.customer_id === customerId);
    if (!item) throw new FakeProblem(404, 'not_found', `No wishlist item ${itemId}.`);
    return item;
  }

  /** A note the credential may change: its author's, or any for a manager or owner. */
  private changeableNote(id: string): Note {
    const note = this.records.notes.find((n) => n.id === id);
    if (!note) throw new FakeProblem(404, 'not_found', `No note ${id}.`);
    const manager = this.role === 'manager' || this.role === 'owner';
    if (!manager && note.author.name !== 'Fake staff') {
      throw new FakeProblem(403, 'not_note_author', 'Only the author or a manager may change it.');
    }
    return note;
  }

  /** One page of `customerId`'s rows, in the order given. */
  private pageOf<T extends { customer_id: string | null }>(
    customerId: string,
    rows: T[],
    params: ListParams,
  ): { data: T[]; next_cursor: string | null } {
    this.customer(customerId);
    const mine = rows.filter((row) => row.customer_id === customerId);
    const start = params.cursor ? Number(params.cursor) : 0;
    const end = start + (params.limit ?? 20);
    return { data: mine.slice(start, end), next_cursor: end < mine.length ? String(end) : null };
  }

  readonly tenant = {
    retrieve: (options?: RequestOptions): Promise<Tenant> =>
      this.answer(
        'tenant.retrieve',
        [],
        options,
        () =>
          ({
            id: 'ten_fake',
            name: 'Fake Jewellers',
            currency: this.currency,
            country: this.country,
            allowed_origins: [],
            role_permissions: null,
            version: 1,
          }) as unknown as Tenant,
      ),
  };

  /** Changes a customer as another person would meanwhile (a version conflict in tests). */
  changeBehindTheScenes(id: string, changes: Partial<Customer>): Customer {
    const before = this.customer(id);
    const after = { ...before, ...changes, version: before.version + 1 };
    this.customerMap.set(id, after);
    return after;
  }

  private checkEmailFree(email: string | null, self: string | null): void {
    if (!email) return;
    const wanted = email.replace(/\s+/g, '').toLowerCase();
    for (const other of this.customerMap.values()) {
      if (other.id !== self && other.email?.toLowerCase() === wanted) {
        throw new FakeProblem(
          409,
          'customer_email_taken',
          'A customer already has this email.',
          undefined,
          {
            existingCustomerId: other.id,
          },
        );
      }
    }
  }

  private checkExternalIdsFree(ids: Record<string, string | null>, self: string | null): void {
    for (const [system, id] of Object.entries(ids)) {
      const holder = [...this.customerMap.values()].find(
        (other) => other.id !== self && id != null && other.external_ids?.[system] === id,
      );
      if (holder) {
        throw new FakeProblem(
          409,
          'customer_external_id_taken',
          `Another customer already has this ${system} id.`,
          undefined,
          {
            existingCustomerId: holder.id,
            errors: [{ path: `external_ids.${system}`, message: 'is held by another customer' }],
          },
        );
      }
    }
  }

  private consent(
    input: CustomerUpdateParams['marketing_consent'],
    before: Customer['marketing_consent'],
  ): Customer['marketing_consent'] {
    const result = { ...before };
    for (const channel of ['email', 'sms'] as const) {
      const given = input?.[channel];
      if (given === undefined) continue;
      result[channel] = given && {
        granted: given.granted,
        at: given.at ?? new Date().toISOString(),
        by: given.by ?? 'Fake staff',
      };
    }
    return result;
  }

  private setArchived(id: string, archived: boolean): Customer {
    const before = this.customer(id);
    const after = {
      ...before,
      archived_at: archived ? new Date().toISOString() : null,
      version: before.version + 1,
    };
    this.customerMap.set(id, after);
    this.record(id, archived ? 'customer.archived' : 'customer.unarchived', [
      { field: 'archived_at', before: before.archived_at, after: after.archived_at },
    ]);
    return after;
  }

  private record(id: string, action: string, changes: AuditEntry['changes']): void {
    const entry: AuditEntry = {
      id: `aud_fake${this.nextId++}`,
      action,
      actor: { kind: 'session', id: 'ses_fake', name: 'Fake staff' },
      at: new Date().toISOString(),
      changes,
    };
    this.audit.set(id, [entry, ...(this.audit.get(id) ?? [])]);
  }

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
          expires_at: (params.amount.amount > 0 ? params.expires_at : null) ?? null,
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

  /** One change of a customer's addresses: If-Match checked, `address` kept the default's alias. */
  private editAddresses(
    id: string,
    options: RequestOptions | undefined,
    change: (list: CustomerAddress[]) => CustomerAddress[],
  ): Customer {
    const before = this.customer(id);
    if (options?.ifMatch !== undefined && Number(options.ifMatch) !== before.version) {
      throw new FakeProblem(412, 'version_conflict', 'The customer changed since you read it.');
    }
    const addresses = change(before.addresses);
    const primary = addresses.find((a) => a.is_default);
    const after: Customer = {
      ...before,
      addresses,
      address: primary
        ? {
            line1: primary.line1,
            line2: primary.line2,
            suburb: primary.suburb,
            state: primary.state,
            postcode: primary.postcode,
            country: primary.country,
          }
        : null,
      version: before.version + 1,
      updated_at: new Date().toISOString(),
    };
    this.customerMap.set(id, after);
    this.record(id, 'customer.updated', [
      { field: 'addresses', before: '[redacted]', after: '[redacted]' },
    ]);
    return after;
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
