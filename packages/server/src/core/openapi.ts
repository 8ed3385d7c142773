import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from './hono-env.js';

/** Tags in the order the docs show them. */
const TAGS = [
  { name: 'Health', description: 'Is the server up.' },
  { name: 'Platform', description: 'Operator routes (platform key): create tenants.' },
  {
    name: 'Tenant',
    description: 'The calling tenant’s settings, its keys, sessions and branches.',
  },
  {
    name: 'Customers',
    description: 'The customer record: create, read, search, update, archive, history.',
  },
  {
    name: 'Store credit',
    description:
      'A customer’s store-credit balance and its ledger: signed adjustments in the tenant’s currency, never below zero.',
  },
  {
    name: 'Loyalty',
    description:
      'A customer’s points: earned on completed sales at the tenant’s rate, taken back in proportion by returns, redeemed, adjusted by hand with a reason; a ledger like store credit’s, never below zero, with tiers (decision 0030).',
  },
  {
    name: 'Wishlist',
    description:
      'Pieces a customer wished for, with the price when added and whether the piece is in stock; notify the customer once through the communications outbox.',
  },
  {
    name: 'Repairs',
    description:
      'Pieces in for work: numbered for the counter, moved stage by stage (`intake` → `in_workshop` → `ready` → `collected`) with every move kept.',
  },
  {
    name: 'Bespoke jobs',
    description:
      'Pieces made for a customer, from `enquiry` through `design`, `approved` and `in_production` to `ready` and `collected`, with every move kept.',
  },
  {
    name: 'Notes',
    description:
      'Staff’s narrative about a customer: a timeline with author and time, pinned heads-ups first, every edit kept as a revision. Not the communications log: notes may be edited and deleted.',
  },
  {
    name: 'Communications',
    description:
      'The append-only log of every message sent on the tenant’s behalf, with delivery status, and 1:1 email through an outbox (decision 0023).',
  },
  {
    name: 'Reminders',
    description:
      'Upcoming birthdays, anniversaries and spouse birthdays, in the tenant’s calendar: the "your wife’s birthday is in two weeks" conversation.',
  },
  {
    name: 'Passports',
    description:
      'Certificates that travel with a piece: issue, transfer between owners (by email), report stolen, and the public verification a shopper sees (never anything about the owner).',
  },
  {
    name: 'Sales',
    description:
      'POS sales, returns, exchanges and laybys: immutable records in the tenant’s currency. A customer’s purchase history and figures are read from them.',
  },
  {
    name: 'Segments',
    description:
      'RFM segments and health from each customer’s purchases, kept current as sales are written and as the calendar moves; rule-based tag suggestions with their reasons.',
  },
  {
    name: 'Documents',
    description:
      'Private files on a customer (ID copies, receipts, valuations): images and PDFs, checked by their content, encrypted at rest in the database, downloaded through short-lived signed links, deleted with the customer’s erasure and moved by a merge.',
  },
  {
    name: 'Quotes',
    description:
      'Priced quotes numbered for the counter (`QU-…`): `draft` → `sent` → `accepted` or `declined`, `expired` once a sent quote’s date passes. Accepting one makes an invoice or a bespoke job that links back (decision 0031).',
  },
  {
    name: 'Invoices',
    description:
      'Invoices numbered for the counter (`IN-…`) with their lines and payments: `amount_paid`, `balance_due`, store credit drawn through the ledger, voiding that refunds. Lifetime spend counts what is paid on them (decision 0031).',
  },
  {
    name: 'Privacy',
    description:
      'Subject access and erasure: export everything held on a customer, or erase their identifying data.',
  },
  { name: 'Reports', description: 'Tenant-wide figures for the books.' },
  {
    name: 'Integrations',
    description:
      'Called by other systems, not API clients: Shopify’s app proxy mints a storefront customer session (decision 0036).',
  },
  {
    name: 'Webhooks',
    description:
      'Endpoints that hear about changes (Standard Webhooks: signed, retried for a day, logged).',
  },
];

/** The document type, named so declaration files don't reach into openapi3-ts. */
export type OpenApiDocument = ReturnType<OpenAPIHono<AppEnv>['getOpenAPI31Document']>;

/**
 * The OpenAPI 3.1 document for the app. Deterministic (no timestamps, a relative server URL), so
 * the committed `openapi.json` only changes when routes do.
 */
export function openApiDocument(app: OpenAPIHono<AppEnv>): OpenApiDocument {
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    description:
      'A secret key (`sk_live_…`, servers only), a session token (`lst_…`, browsers), a publishable key (`pk_live_…`, public routes only) or the platform key (`lpk_…`, /v1/platform only).',
  });
  return app.getOpenAPI31Document({
    openapi: '3.1.0',
    info: {
      title: 'Loupe API',
      version: '1.0.0',
      description:
        'Clienteling for jewellers: customers and everything linked to them. Errors are RFC 9457 problem+json with a stable `code`.',
      // SPDX id, as in package.json; OpenAPI 3.1 has `identifier`, the config type predates it.
      license: { name: 'MIT', identifier: 'MIT' } as { name: string },
    },
    // Relative, so /docs "Try it out" calls whichever host and port served the document.
    servers: [{ url: '/', description: 'This server' }],
    security: [{ bearerAuth: [] }],
    tags: TAGS,
  });
}
