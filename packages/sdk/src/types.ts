/**
 * Public names for the API's shapes. Every one is an alias of the types openapi-typescript
 * generates from the server's OpenAPI document (`src/generated/openapi.gen.ts`); regenerate
 * with `pnpm --filter @loupe/sdk generate`, never edit by hand.
 */
import type {
  Item,
  Operation,
  QueryParams,
  RequestBody,
  ResponseBody,
} from './core/operation-types.js';

export type { components, operations, paths } from './generated/openapi.gen.js';

type CustomersList = Operation<'/v1/customers', 'get'>;
type CustomerCreate = Operation<'/v1/customers', 'post'>;
type CustomerRetrieve = Operation<'/v1/customers/{id}', 'get'>;
type CustomerUpdate = Operation<'/v1/customers/{id}', 'patch'>;
type CustomerHistory = Operation<'/v1/customers/{id}/history', 'get'>;
type StoreCreditRetrieve = Operation<'/v1/customers/{id}/store-credit', 'get'>;
type StoreCreditAdjust = Operation<'/v1/customers/{id}/store-credit/adjustments', 'post'>;

/** A customer record. */
export type Customer = ResponseBody<CustomerRetrieve>;
/** A customer's ids in other systems, by system: `{ shopify: '7421…', pos: 'C-1042' }`. */
export type ExternalIds = Customer['external_ids'];
/** A customer's postal address (every part nullable). */
export type Address = NonNullable<Customer['address']>;
/** One of a customer's addresses (`customer.addresses`): kind, label, parts, whether default. */
export type CustomerAddress = Customer['addresses'][number];
/** The kinds of address: `home`, `billing`, `shipping`, `other`. */
export type AddressKind = CustomerAddress['kind'];
/** Body of `customers.addresses.add`. */
export type CustomerAddressAddParams = RequestBody<
  Operation<'/v1/customers/{id}/addresses', 'post'>
>;
/** Body of `customers.addresses.update`. */
export type CustomerAddressUpdateParams = RequestBody<
  Operation<'/v1/customers/{id}/addresses/{item_id}', 'patch'>
>;
/** Marketing consent per channel: whether, when and by whom it was given or withdrawn. */
export type MarketingConsent = Customer['marketing_consent'];
/** The metals a customer may prefer. */
export type PreferredMetal = NonNullable<Customer['preferred_metal']>;
/** How a customer likes to be contacted. */
export type CommunicationPreference = NonNullable<Customer['communication_preference']>;
/** Body of `customers.create`. */
export type CustomerCreateParams = RequestBody<CustomerCreate>;
/** Body of `customers.update`: any subset of the writable fields. */
export type CustomerUpdateParams = RequestBody<CustomerUpdate>;
/** Filters and paging of `customers.list`. */
export type CustomerListParams = QueryParams<CustomersList>;
/** One page of `customers.list`. */
export type CustomerPage = ResponseBody<CustomersList>;
/** A customer in a list or search: the record and `last_purchase_at`. */
export type CustomerListItem = Item<CustomerPage>;
/** One audit-log entry of `customers.history`. */
export type AuditEntry = Item<ResponseBody<CustomerHistory>>;
/** Paging of `customers.history`. */
export type CustomerHistoryParams = QueryParams<CustomerHistory>;
/** One page of `customers.history`. */
export type AuditEntryPage = ResponseBody<CustomerHistory>;
/** The hero card's figures: store credit, lifetime spend, last visit, loyalty, counts. */
export type CustomerSummary = ResponseBody<Operation<'/v1/customers/{id}/summary', 'get'>>;
/** Likely duplicates of a customer, scored. */
export type CustomerDuplicates = ResponseBody<Operation<'/v1/customers/{id}/duplicates', 'get'>>;
/** Outcome of `customers.erase`: when, and how many financial rows were kept de-identified. */
export type CustomerErasure = ResponseBody<Operation<'/v1/customers/{id}/erase', 'post'>>;
/** One likely duplicate: the other customer, a 0–100 score and what matched. */
export type DuplicateCandidate = Item<CustomerDuplicates>;
/** Everything held on one customer (`customers.export`). */
export type CustomerExport = ResponseBody<Operation<'/v1/customers/{id}/export', 'get'>>;
/** Filters of `customers.exportCsv`. */
export type CustomerExportCsvParams = QueryParams<Operation<'/v1/customers/export.csv', 'get'>>;
/** A CSV import job (`customers.import`): status, row counts and a page of the rows that failed. */
export type CustomerImport = ResponseBody<Operation<'/v1/customers/imports/{id}', 'get'>>;
/** One row an import did not take: its CSV line and each failed column. */
export type CustomerImportFailure = CustomerImport['failures']['data'][number];
/** Paging of an import's failed rows (`customers.importJob`). */
export type CustomerImportParams = QueryParams<Operation<'/v1/customers/imports/{id}', 'get'>>;
/** How `customers.import` reads the file: `auto` (Shopify's export by its header) or `shopify`. */
export type CustomerImportFormat = NonNullable<
  QueryParams<Operation<'/v1/customers/import', 'post'>>
>['format'];
/** Body of `customers.merge`: the duplicate to fold in, and whether only to preview. */
export type CustomerMergeParams = RequestBody<Operation<'/v1/customers/{id}/merge', 'post'>>;
/** What a merge moved (or with `dry_run` would move): records, store credit, conflicting fields. */
export type CustomerMerge = ResponseBody<Operation<'/v1/customers/{id}/merge', 'post'>>;
/** A field both merged customers hold with different values; the survivor's stays. */
export type MergeConflict = CustomerMerge['conflicts'][number];

/** An RFC 9457 problem body as the server sends it (`LoupeError.raw` on HTTP errors). */
export type Problem = Extract<
  Operation<'/v1/customers/{id}', 'get'>['responses'][404]['content'],
  { 'application/problem+json': unknown }
>['application/problem+json'];
/** A stable problem code, e.g. `insufficient_store_credit`. */
export type ProblemCode = Problem['code'];

/** Money on the wire: integer minor units and the tenant's ISO 4217 currency. */
export type Money = StoreCreditLedger['balance'];
/** A customer's store-credit balance with one page of its ledger, newest first. */
export type StoreCreditLedger = ResponseBody<StoreCreditRetrieve>;
/** Paging of the store-credit ledger. */
export type StoreCreditListParams = QueryParams<StoreCreditRetrieve>;
/** One ledger row: a signed amount, its reason and reference, and the balance after it. */
export type StoreCreditTransaction = Item<StoreCreditLedger>;
/** Body of `storeCredit.adjust`: a signed, non-zero amount and a reason. */
export type StoreCreditAdjustParams = RequestBody<StoreCreditAdjust>;
/** Result of `storeCredit.adjust`: the new transaction and the new balance. */
export type StoreCreditAdjustment = ResponseBody<StoreCreditAdjust>;

type LoyaltyTransactionsList = Operation<'/v1/customers/{id}/loyalty/transactions', 'get'>;

/** A customer's points, tier, next tier and how far it is, with the tenant's tiers. */
export type LoyaltyBalance = ResponseBody<Operation<'/v1/customers/{id}/loyalty', 'get'>>;
/** One of the tenant's loyalty tiers: its name and the points it starts at. */
export type LoyaltyTier = LoyaltyBalance['tiers'][number];
/** One page of a customer's points history, newest first. */
export type LoyaltyTransactionPage = ResponseBody<LoyaltyTransactionsList>;
/** Paging of `loyalty.transactions`. */
export type LoyaltyTransactionListParams = QueryParams<LoyaltyTransactionsList>;
/** One row of the points ledger: kind, signed points, reason and the balance after it. */
export type LoyaltyTransaction = Item<LoyaltyTransactionPage>;
/** Body of `loyalty.adjust`: signed, non-zero points and a reason. */
export type LoyaltyAdjustParams = RequestBody<
  Operation<'/v1/customers/{id}/loyalty/adjustments', 'post'>
>;
/** Body of `loyalty.redeem`: the points to spend. */
export type LoyaltyRedeemParams = RequestBody<
  Operation<'/v1/customers/{id}/loyalty/redemptions', 'post'>
>;
/** Result of `loyalty.adjust` and `loyalty.redeem`: the row written and the new standing. */
export type LoyaltyPosted = ResponseBody<
  Operation<'/v1/customers/{id}/loyalty/adjustments', 'post'>
>;

type WishlistList = Operation<'/v1/customers/{id}/wishlist', 'get'>;
type WishlistNotify = Operation<'/v1/customers/{id}/wishlist/{item_id}/notify', 'post'>;

/** One page of a customer's wishlist, newest first. */
export type WishlistPage = ResponseBody<WishlistList>;
/** Paging of `wishlist.list`. */
export type WishlistListParams = QueryParams<WishlistList>;
/** A piece a customer wished for: price when added, in stock or not, when they were told. */
export type WishlistItem = Item<WishlistPage>;
/** Body of `wishlist.add`. */
export type WishlistItemCreateParams = RequestBody<
  Operation<'/v1/customers/{id}/wishlist', 'post'>
>;
/** Body of `wishlist.update`: whether the piece is in stock. */
export type WishlistItemUpdateParams = RequestBody<
  Operation<'/v1/customers/{id}/wishlist/{item_id}', 'patch'>
>;
/** Body of `wishlist.notify`: `{ force: true, reason }` to tell the customer again. */
export type WishlistNotifyParams = NonNullable<RequestBody<WishlistNotify>>;
/** Result of `wishlist.notify`: the item and the queued message. */
export type WishlistNotification = ResponseBody<WishlistNotify>;

/** What the tenant owes in store credit, and what expires within 30/60/90 days. */
export type StoreCreditLiability = ResponseBody<
  Operation<'/v1/reports/store-credit-liability', 'get'>
>;

/** Body of `keys.create`. */
export type ApiKeyCreateParams = RequestBody<Operation<'/v1/keys', 'post'>>;
/** A newly created secret key; `key` is shown only this once. */
export type CreatedApiKey = ResponseBody<Operation<'/v1/keys', 'post'>>;
/** One page of `keys.list` (no secrets). */
export type ApiKeyList = ResponseBody<Operation<'/v1/keys', 'get'>>;
/** Paging of `keys.list`. */
export type ApiKeyListParams = QueryParams<Operation<'/v1/keys', 'get'>>;
/** A secret key as listed (no secret). */
export type ApiKey = Item<ApiKeyList>;
/** The answer of `keys.revoke`. */
export type RevokedApiKey = ResponseBody<Operation<'/v1/keys/{id}', 'delete'>>;

/** Body of `sessions.create`: a staff session or a customer session. */
export type SessionCreateParams = RequestBody<Operation<'/v1/sessions', 'post'>>;
/** A minted session token and when it expires. */
export type Session = ResponseBody<Operation<'/v1/sessions', 'post'>>;
/** Who the current credential is: tenant, kind, role, permissions, branch, customer, actor. */
export type Me = ResponseBody<Operation<'/v1/me', 'get'>>;
/**
 * The credential as its notes name their `author`: a note is the caller's own when the kinds
 * match and, for a `session`, the names do (the staff name), or for a key (`secret`), the ids.
 */
export type MeActor = Me['actor'];
/** A permission a credential may hold, e.g. `adjust_store_credit`. */
export type Permission = Me['permissions'][number];
/** A key's or session's role. */
export type Role = NonNullable<Me['role']>;

/** The tenant's settings. */
export type Tenant = ResponseBody<Operation<'/v1/tenant', 'get'>>;
/** The tenant's Shopify connection as `tenant.retrieve()` shows it (never the secret). */
export type ShopifySettings = Tenant['shopify'];
/** What Shopify's app proxy gets from `GET /shopify/app-proxy/session`: a customer session. */
export type AppProxySession = ResponseBody<Operation<'/shopify/app-proxy/session', 'get'>>;
/** Body of `tenant.update`. */
export type TenantUpdateParams = RequestBody<Operation<'/v1/tenant', 'patch'>>;

/** One page of `branches.list`. */
export type BranchList = ResponseBody<Operation<'/v1/branches', 'get'>>;
/** Paging of `branches.list`. */
export type BranchListParams = QueryParams<Operation<'/v1/branches', 'get'>>;
/** One of a tenant's stores. */
export type Branch = ResponseBody<Operation<'/v1/branches', 'post'>>;
/** Body of `branches.create`. */
export type BranchCreateParams = RequestBody<Operation<'/v1/branches', 'post'>>;

/** Body of `platform.tenants.create`. */
export type PlatformTenantCreateParams = RequestBody<Operation<'/v1/platform/tenants', 'post'>>;
/** A new tenant with its owner secret key and publishable key. */
export type PlatformTenantCreated = ResponseBody<Operation<'/v1/platform/tenants', 'post'>>;

type RepairsList = Operation<'/v1/repairs', 'get'>;
type BespokeJobsList = Operation<'/v1/bespoke-jobs', 'get'>;

/** A repair: a customer's piece in for work, numbered `RP-…`, with its stage history. */
export type Repair = ResponseBody<Operation<'/v1/repairs/{id}', 'get'>>;
/** Where a repair is: `intake`, `in_workshop`, `ready`, `collected` or `cancelled`. */
export type RepairStage = Repair['stage'];
/** One move in a repair's `stage_history`: the stage, the one before, a note, who and when. */
export type RepairStageChange = Repair['stage_history'][number];
/** Body of `repairs.create`. */
export type RepairCreateParams = RequestBody<Operation<'/v1/repairs', 'post'>>;
/** Body of `repairs.update`: any subset of the writable fields, and a new `stage`. */
export type RepairUpdateParams = RequestBody<Operation<'/v1/repairs/{id}', 'patch'>>;
/** Filters and paging of `repairs.list`. */
export type RepairListParams = QueryParams<RepairsList>;
/** One page of `repairs.list`. */
export type RepairPage = ResponseBody<RepairsList>;

/** A bespoke job: a piece made for a customer, numbered `BS-…`, with its stage history. */
export type BespokeJob = ResponseBody<Operation<'/v1/bespoke-jobs/{id}', 'get'>>;
/** Where a bespoke job is, from `enquiry` to `collected` (or `cancelled`). */
export type BespokeStage = BespokeJob['stage'];
/** One move in a bespoke job's `stage_history`. */
export type BespokeJobStageChange = BespokeJob['stage_history'][number];
/** Body of `bespokeJobs.create`. */
export type BespokeJobCreateParams = RequestBody<Operation<'/v1/bespoke-jobs', 'post'>>;
/** Body of `bespokeJobs.update`. */
export type BespokeJobUpdateParams = RequestBody<Operation<'/v1/bespoke-jobs/{id}', 'patch'>>;
/** Filters and paging of `bespokeJobs.list`. */
export type BespokeJobListParams = QueryParams<BespokeJobsList>;
/** One page of `bespokeJobs.list`. */
export type BespokeJobPage = ResponseBody<BespokeJobsList>;

type NotesList = Operation<'/v1/customers/{id}/notes', 'get'>;

/** A note on a customer's timeline, with its author and every revision. */
export type Note = ResponseBody<Operation<'/v1/notes/{id}', 'get'>>;
/** One version of a note's text. */
export type NoteRevision = Note['revisions'][number];
/** Body of `notes.create`. */
export type NoteCreateParams = RequestBody<Operation<'/v1/customers/{id}/notes', 'post'>>;
/** Body of `notes.update`: the new text, the pin, or both. */
export type NoteUpdateParams = RequestBody<Operation<'/v1/notes/{id}', 'patch'>>;
/** Paging of `notes.list`. */
export type NoteListParams = QueryParams<NotesList>;
/** One page of `notes.list`. */
export type NotePage = ResponseBody<NotesList>;

type RemindersList = Operation<'/v1/reminders', 'get'>;

/** Filters and paging of `reminders.list`: `within_days`, `limit`, `cursor`. */
export type ReminderListParams = QueryParams<RemindersList>;
/** A page of upcoming dates, with the tenant's `time_zone` and `today`. */
export type ReminderPage = ResponseBody<RemindersList>;
/** One upcoming birthday, anniversary or spouse birthday: whose, which, when and how far. */
export type Reminder = ReminderPage['data'][number];

type CommunicationsList = Operation<'/v1/customers/{id}/communications', 'get'>;

/** One message in a customer's communications log, with its full body and status history. */
export type Communication = ResponseBody<Operation<'/v1/customers/{id}/emails', 'post'>>;
/** Where a message is: `queued`, `sent`, `delivered`, `bounced` or `failed`. */
export type CommunicationStatus = Communication['status'];
/** Body of `emails.send`: a subject and a plain-text body. */
export type EmailSendParams = RequestBody<Operation<'/v1/customers/{id}/emails', 'post'>>;
/** Paging of `communications.list`. */
export type CommunicationListParams = QueryParams<CommunicationsList>;
/** One page of `communications.list`. */
export type CommunicationPage = ResponseBody<CommunicationsList>;

type PassportRetrieve = Operation<'/v1/passports/{id}', 'get'>;
type PassportsList = Operation<'/v1/passports', 'get'>;

/** A passport as staff see it (lists). */
export type Passport = Item<ResponseBody<PassportsList>>;
/** A passport with its ownership history, oldest transfer first. */
export type PassportDetail = ResponseBody<PassportRetrieve>;
/** One change of owner: from, to, when, who recorded it and the note. */
export type PassportTransfer = PassportDetail['transfers'][number];
/** A passport's status: `active`, `reported_stolen` or `archived`. */
export type PassportStatus = Passport['status'];
/** One stone and its grading. */
export type Stone = Passport['stones'][number];
/** Body of `passports.create`. */
export type PassportCreateParams = RequestBody<Operation<'/v1/passports', 'post'>>;
/** Filters and paging of `passports.list`. */
export type PassportListParams = QueryParams<PassportsList>;
/** One page of `passports.list`. */
export type PassportPage = ResponseBody<PassportsList>;
/** Body of `passports.transfer`. */
export type PassportTransferParams = RequestBody<Operation<'/v1/passports/{id}/transfers', 'post'>>;
/** Body of `passports.correctOwner`. */
export type PassportOwnerCorrectionParams = RequestBody<
  Operation<'/v1/passports/{id}/owner-corrections', 'post'>
>;
/** What `passports.verify` shows anyone: the piece, never a person. */
export type PublicPassport = ResponseBody<Operation<'/v1/public/passports/{code}', 'get'>>;
/** Paging of `customers.passports`. */
export type CustomerPassportParams = QueryParams<Operation<'/v1/customers/{id}/passports', 'get'>>;
/** One page of `customers.passports`. */
export type CustomerPassportPage = ResponseBody<Operation<'/v1/customers/{id}/passports', 'get'>>;

type SalesList = Operation<'/v1/sales', 'get'>;
type SaleCreate = Operation<'/v1/sales', 'post'>;
type SaleReturn = Operation<'/v1/sales/{id}/returns', 'post'>;
type SalePaymentAdd = Operation<'/v1/sales/{id}/payments', 'post'>;
type SaleAttach = Operation<'/v1/sales/{id}/customer', 'post'>;
type CustomerPurchases = Operation<'/v1/customers/{id}/purchases', 'get'>;

/** A receipt: lines, payments and refunds, the returns against it. */
export type Sale = ResponseBody<Operation<'/v1/sales/{id}', 'get'>>;
/** One line of a sale: a snapshot of the item and price when it was sold. */
export type SaleLine = Sale['lines'][number];
/** One tender or refund on a sale. */
export type SalePayment = Sale['payments'][number];
/** Body of `sales.create`: lines, payments that add up to `total`, `type` sale or layby. */
export type SaleCreateParams = RequestBody<SaleCreate>;
/** Filters and paging of `sales.list`. */
export type SaleListParams = QueryParams<SalesList>;
/** One page of `sales.list`. */
export type SalePage = ResponseBody<SalesList>;
/** A sale as lists show it: the receipt's head without lines and payments. */
export type SaleListItem = Item<SalePage>;
/** Body of `sales.return`: lines and quantities, where the refund goes, an optional exchange. */
export type SaleReturnParams = RequestBody<SaleReturn>;
/** What `sales.return` wrote: the return, and the exchange's new sale (or null). */
export type SaleReturnResult = ResponseBody<SaleReturn>;
/** Body of `sales.addPayment`: a layby payment. */
export type SalePaymentParams = RequestBody<SalePaymentAdd>;
/** Body of `sales.attachCustomer`. */
export type SaleAttachCustomerParams = RequestBody<SaleAttach>;
/** Filters and paging of `customers.purchases`. */
export type PurchaseListParams = QueryParams<CustomerPurchases>;
/** One page of `customers.purchases`. */
export type PurchasePage = ResponseBody<CustomerPurchases>;
/** What a customer buys and how often (`customers.purchaseSummary`). */
export type PurchaseSummary = ResponseBody<Operation<'/v1/customers/{id}/purchase-summary', 'get'>>;

/** Customers per RFM segment and health status (`segments.list`). */
export type SegmentCounts = ResponseBody<Operation<'/v1/segments', 'get'>>;
/** A customer's RFM scores, segment and health (`segments.forCustomer`). */
export type CustomerSegment = ResponseBody<Operation<'/v1/customers/{id}/segment', 'get'>>;
/** The eight RFM segments. */
export type SegmentName = SegmentCounts['segments'][number]['segment'];
/** `healthy`, `at_risk` or `churning`, from the customer's own purchase rhythm. */
export type HealthStatus = SegmentCounts['health'][number]['status'];

/** Tags a customer's purchases and dates suggest, each with its reason (`customers.tagSuggestions`). */
export type TagSuggestions = ResponseBody<Operation<'/v1/customers/{id}/tag-suggestions', 'get'>>;
/** One suggested tag: `tag`, `rule`, `reason` and the `sale_id` behind it. */
export type TagSuggestion = TagSuggestions['data'][number];

type DocumentsList = Operation<'/v1/customers/{id}/documents', 'get'>;
/** A private file on a customer: metadata only. */
export type CustomerDocument = Item<CustomerDocumentPage>;
/** One page of `documents.list`. */
export type CustomerDocumentPage = ResponseBody<DocumentsList>;
/** Paging of `documents.list`. */
export type DocumentListParams = QueryParams<DocumentsList>;
/** A document with a `download_url` that works for a few minutes (`documents.retrieve`). */
export type CustomerDocumentWithLink = ResponseBody<Operation<'/v1/documents/{id}', 'get'>>;
/** The form fields of `documents.upload` beside the file: `kind` and `description`. */
export type DocumentUploadParams = Partial<Pick<CustomerDocument, 'kind'>> & {
  description?: string;
};
/** What a document is: `id_document`, `receipt`, `valuation`, `certificate` or `other`. */
export type DocumentKind = CustomerDocument['kind'];

type QuotesList = Operation<'/v1/quotes', 'get'>;
type QuoteAccept = Operation<'/v1/quotes/{id}/accept', 'post'>;
type InvoicesList = Operation<'/v1/invoices', 'get'>;

/** A quote: priced lines, `total`, `expires_at` and its `status` (`expired` read on the clock). */
export type Quote = ResponseBody<Operation<'/v1/quotes/{id}', 'get'>>;
/** A quote's status: `draft`, `sent`, `expired`, `accepted` or `declined`. */
export type QuoteStatus = Quote['status'];
/** One priced line of a quote or an invoice; the server works out its total. */
export type BillingLine = Quote['lines'][number];
/** Body of `quotes.create`. */
export type QuoteCreateParams = RequestBody<Operation<'/v1/quotes', 'post'>>;
/** Body of `quotes.update`: any subset of the writable fields, or a status move. */
export type QuoteUpdateParams = RequestBody<Operation<'/v1/quotes/{id}', 'patch'>>;
/** Filters and paging of `quotes.list`. */
export type QuoteListParams = QueryParams<QuotesList>;
/** One page of `quotes.list`. */
export type QuotePage = ResponseBody<QuotesList>;
/** Body of `quotes.accept`: what to make of it (an invoice unless `into: 'bespoke_job'`). */
export type QuoteAcceptParams = NonNullable<RequestBody<QuoteAccept>>;
/** What `quotes.accept` did: the accepted quote, and the invoice or bespoke job it made. */
export type QuoteAcceptance = ResponseBody<QuoteAccept>;

/** An invoice: lines, `total`, `amount_paid`, `balance_due`, payments. */
export type Invoice = ResponseBody<Operation<'/v1/invoices/{id}', 'get'>>;
/** An invoice's status: `draft`, `sent`, `partially_paid`, `paid` or `void`. */
export type InvoiceStatus = Invoice['status'];
/** One payment or refund on an invoice. */
export type InvoicePayment = Invoice['payments'][number];
/** Body of `invoices.create`. */
export type InvoiceCreateParams = RequestBody<Operation<'/v1/invoices', 'post'>>;
/** Body of `invoices.update`. */
export type InvoiceUpdateParams = RequestBody<Operation<'/v1/invoices/{id}', 'patch'>>;
/** Filters and paging of `invoices.list`. */
export type InvoiceListParams = QueryParams<InvoicesList>;
/** One page of `invoices.list`. */
export type InvoicePage = ResponseBody<InvoicesList>;
/** Body of `invoices.addPayment`: method and amount, at most the balance due. */
export type InvoicePaymentParams = RequestBody<Operation<'/v1/invoices/{id}/payments', 'post'>>;

type WebhookEndpointsList = Operation<'/v1/webhook-endpoints', 'get'>;
type WebhookDeliveriesList = Operation<'/v1/webhook-endpoints/{id}/deliveries', 'get'>;
/** A webhook endpoint: URL, event types, whether it is on (never its secret). */
export type WebhookEndpoint = ResponseBody<Operation<'/v1/webhook-endpoints/{id}', 'get'>>;
/** An endpoint with its signing secret (`whsec_…`): only from `create` and `rotateSecret`. */
export type WebhookEndpointWithSecret = ResponseBody<Operation<'/v1/webhook-endpoints', 'post'>>;
/** The events an endpoint may subscribe to (`customer.updated`, `sale.created`…). */
export type WebhookEventType = WebhookEndpoint['event_types'][number];
/** Body of `webhookEndpoints.create`. */
export type WebhookEndpointCreateParams = RequestBody<Operation<'/v1/webhook-endpoints', 'post'>>;
/** Body of `webhookEndpoints.update`. */
export type WebhookEndpointUpdateParams = RequestBody<
  Operation<'/v1/webhook-endpoints/{id}', 'patch'>
>;
/** Body of `webhookEndpoints.rotateSecret`. */
export type WebhookSecretRotateParams = NonNullable<
  RequestBody<Operation<'/v1/webhook-endpoints/{id}/rotate-secret', 'post'>>
>;
/** Paging of `webhookEndpoints.list`. */
export type WebhookEndpointListParams = QueryParams<WebhookEndpointsList>;
/** One page of `webhookEndpoints.list`. */
export type WebhookEndpointPage = ResponseBody<WebhookEndpointsList>;
/** One event queued for an endpoint: status, attempts (each with its status code), next attempt. */
export type WebhookDelivery = Item<ResponseBody<WebhookDeliveriesList>>;
/** Paging of `webhookEndpoints.deliveries`. */
export type WebhookDeliveryListParams = QueryParams<WebhookDeliveriesList>;
/** One page of `webhookEndpoints.deliveries`. */
export type WebhookDeliveryPage = ResponseBody<WebhookDeliveriesList>;
