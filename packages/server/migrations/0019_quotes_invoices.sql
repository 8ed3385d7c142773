-- Quotes and invoices: the jeweller's own paperwork, numbered from `record_counters` (QU-1001,
-- IN-1001) like repairs, each with its lines; invoices with their payments. Money is integer
-- minor units in the tenant's currency. Decision 0026.

CREATE TABLE quotes (
  tenant_id      text        NOT NULL,
  id             text        NOT NULL,
  number         text        NOT NULL,
  customer_id    text        NOT NULL,
  branch_id      text,
  title          text,
  -- `expired` is never stored: a `sent` quote past `expires_at` reads as expired.
  status         text        NOT NULL CHECK (status IN ('draft', 'sent', 'accepted', 'declined')),
  currency       char(3)     NOT NULL,
  -- The lines' totals summed, kept with them in one transaction.
  total          bigint      NOT NULL CHECK (total >= 0),
  expires_at     timestamptz NOT NULL,
  note           text,
  sent_at        timestamptz,
  accepted_at    timestamptz,
  declined_at    timestamptz,
  -- What accepting it made: an invoice or a bespoke job (each links back with `quote_id`).
  invoice_id     text,
  bespoke_job_id text,
  version        integer     NOT NULL DEFAULT 1,
  created_at     timestamptz NOT NULL,
  updated_at     timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, number),
  FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id),
  FOREIGN KEY (tenant_id, bespoke_job_id) REFERENCES bespoke_jobs (tenant_id, id)
);
-- Lists walk newest first by (created_at, id): the tenant's, one customer's (their Quotes tab),
-- one status's.
CREATE INDEX quotes_list ON quotes (tenant_id, created_at DESC, id DESC);
CREATE INDEX quotes_customer ON quotes (tenant_id, customer_id, created_at DESC, id DESC);
CREATE INDEX quotes_status ON quotes (tenant_id, status, created_at DESC, id DESC);

CREATE TABLE quote_lines (
  tenant_id   text    NOT NULL,
  quote_id    text    NOT NULL,
  line        integer NOT NULL CHECK (line > 0),
  description text    NOT NULL,
  quantity    integer NOT NULL CHECK (quantity > 0),
  unit_price  bigint  NOT NULL CHECK (unit_price >= 0),
  total       bigint  NOT NULL CHECK (total >= 0),
  PRIMARY KEY (tenant_id, quote_id, line),
  FOREIGN KEY (tenant_id, quote_id) REFERENCES quotes (tenant_id, id)
);

-- A bespoke job made by accepting a quote names it.
ALTER TABLE bespoke_jobs ADD COLUMN quote_id text;
ALTER TABLE bespoke_jobs ADD FOREIGN KEY (tenant_id, quote_id) REFERENCES quotes (tenant_id, id);

CREATE TABLE invoices (
  tenant_id      text        NOT NULL,
  id             text        NOT NULL,
  number         text        NOT NULL,
  customer_id    text        NOT NULL,
  branch_id      text,
  status         text        NOT NULL
    CHECK (status IN ('draft', 'sent', 'partially_paid', 'paid', 'void')),
  currency       char(3)     NOT NULL,
  total          bigint      NOT NULL CHECK (total >= 0),
  -- The payments net of refunds; balance due is total - amount_paid.
  amount_paid    bigint      NOT NULL DEFAULT 0 CHECK (amount_paid >= 0),
  -- Of amount_paid, what sales paid (a sale rung up for the invoice): lifetime spend counts
  -- those as the sale, so the customer's figures never count one purchase twice.
  paid_by_sales  bigint      NOT NULL DEFAULT 0 CHECK (paid_by_sales >= 0),
  -- The latest payment taken on the invoice itself (not through a sale): a visit.
  last_paid_at   timestamptz,
  due_at         timestamptz,
  note           text,
  -- What it bills, when it bills one of the customer's records.
  repair_id      text,
  bespoke_job_id text,
  quote_id       text,
  sent_at        timestamptz,
  paid_at        timestamptz,
  voided_at      timestamptz,
  version        integer     NOT NULL DEFAULT 1,
  created_at     timestamptz NOT NULL,
  updated_at     timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, number),
  FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id),
  FOREIGN KEY (tenant_id, repair_id) REFERENCES repairs (tenant_id, id),
  FOREIGN KEY (tenant_id, bespoke_job_id) REFERENCES bespoke_jobs (tenant_id, id),
  FOREIGN KEY (tenant_id, quote_id) REFERENCES quotes (tenant_id, id),
  CHECK (amount_paid <= total),
  CHECK (paid_by_sales <= amount_paid)
);
CREATE INDEX invoices_list ON invoices (tenant_id, created_at DESC, id DESC);
-- The customer's Invoices tab and the hero's figures (count, spend, last payment).
CREATE INDEX invoices_customer ON invoices (tenant_id, customer_id, created_at DESC, id DESC);
CREATE INDEX invoices_status ON invoices (tenant_id, status, created_at DESC, id DESC);

ALTER TABLE quotes ADD FOREIGN KEY (tenant_id, invoice_id) REFERENCES invoices (tenant_id, id);

CREATE TABLE invoice_lines (
  tenant_id   text    NOT NULL,
  invoice_id  text    NOT NULL,
  line        integer NOT NULL CHECK (line > 0),
  description text    NOT NULL,
  quantity    integer NOT NULL CHECK (quantity > 0),
  unit_price  bigint  NOT NULL CHECK (unit_price >= 0),
  total       bigint  NOT NULL CHECK (total >= 0),
  PRIMARY KEY (tenant_id, invoice_id, line),
  FOREIGN KEY (tenant_id, invoice_id) REFERENCES invoices (tenant_id, id)
);

-- Payments and refunds (negative) on an invoice. A store-credit payment names the ledger row it
-- posted; a payment of method `sale` is a sale rung up for the invoice and names it.
CREATE TABLE invoice_payments (
  tenant_id                   text        NOT NULL,
  invoice_id                  text        NOT NULL,
  seq                         integer     NOT NULL CHECK (seq > 0),
  method                      text        NOT NULL CHECK (method IN
    ('card', 'cash', 'store_credit', 'gift_card', 'bank_transfer', 'other', 'sale')),
  amount                      bigint      NOT NULL CHECK (amount <> 0),
  reference                   text,
  store_credit_transaction_id text,
  sale_id                     text,
  staff_name                  text,
  paid_at                     timestamptz NOT NULL,
  created_at                  timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, invoice_id, seq),
  FOREIGN KEY (tenant_id, invoice_id) REFERENCES invoices (tenant_id, id),
  FOREIGN KEY (tenant_id, sale_id) REFERENCES sales (tenant_id, id),
  CHECK ((method = 'sale') = (sale_id IS NOT NULL))
);

-- A sale rung up at the till for an invoice names it (decision 0031).
ALTER TABLE sales ADD COLUMN invoice_id text;
ALTER TABLE sales ADD FOREIGN KEY (tenant_id, invoice_id) REFERENCES invoices (tenant_id, id);
