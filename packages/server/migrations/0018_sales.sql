-- POS sales: immutable records of what was sold, at what price, paid how. Purchase history and
-- the customer's figures are projections of these tables, never a copy. Amounts are integer
-- minor units in the tenant's currency; a return's total and its refunds are negative.

-- A tenant's receipt numbers: 1, 2, 3… per tenant, not one global sequence. The row is taken
-- (UPDATE … RETURNING) inside the sale's transaction, so numbers are gapless and a rolled-back
-- sale gives its number back.
CREATE TABLE sale_numbers (
  tenant_id   text   NOT NULL REFERENCES tenants (id),
  last_number bigint NOT NULL CHECK (last_number > 0),
  PRIMARY KEY (tenant_id)
);

CREATE TABLE sales (
  tenant_id      text        NOT NULL REFERENCES tenants (id),
  id             text        NOT NULL,
  number         bigint      NOT NULL,
  type           text        NOT NULL CHECK (type IN ('sale', 'return', 'exchange', 'layby')),
  -- A layby is `open` until paid in full; everything else is `completed` when written.
  status         text        NOT NULL CHECK (status IN ('open', 'completed', 'cancelled')),
  customer_id    text,
  branch_id      text,
  staff_name     text,
  -- A return: the sale it returns goods from.
  parent_sale_id text,
  -- An exchange's two halves (the return and the new sale) name each other.
  linked_sale_id text,
  -- The POS's own id, so a retry or re-sync never writes the sale twice.
  external_id    text,
  currency       char(3)     NOT NULL,
  subtotal       bigint      NOT NULL,
  discount_total bigint      NOT NULL,
  total          bigint      NOT NULL,
  -- Sum of the payments (net of refunds); a layby's balance due is total - amount_paid.
  amount_paid    bigint      NOT NULL,
  note           text,
  occurred_at    timestamptz NOT NULL,
  completed_at   timestamptz,
  cancelled_at   timestamptz,
  created_at     timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, number),
  FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id),
  FOREIGN KEY (tenant_id, parent_sale_id) REFERENCES sales (tenant_id, id),
  CHECK ((type = 'return') = (parent_sale_id IS NOT NULL)),
  CHECK (type = 'layby' OR status = 'completed')
);
CREATE UNIQUE INDEX sales_external_id ON sales (tenant_id, external_id)
  WHERE external_id IS NOT NULL;
-- A customer's purchases newest first, their summary and the hero's figures.
CREATE INDEX sales_customer ON sales (tenant_id, customer_id, occurred_at DESC, id DESC)
  WHERE customer_id IS NOT NULL;
-- The tenant's list newest first.
CREATE INDEX sales_list ON sales (tenant_id, occurred_at DESC, id DESC);
-- The returns against a sale.
CREATE INDEX sales_parent ON sales (tenant_id, parent_sale_id) WHERE parent_sale_id IS NOT NULL;

-- What was sold: snapshots of the item and price at the time of sale. A return's lines name
-- the line of the parent sale they take back (`return_of_line`) and carry negative totals.
CREATE TABLE sale_lines (
  tenant_id      text    NOT NULL,
  sale_id        text    NOT NULL,
  line           integer NOT NULL CHECK (line > 0),
  sku            text,
  description    text    NOT NULL,
  category       text,
  metal          text,
  quantity       integer NOT NULL CHECK (quantity > 0),
  unit_price     bigint  NOT NULL CHECK (unit_price >= 0),
  discount       bigint  NOT NULL CHECK (discount >= 0),
  total          bigint  NOT NULL,
  return_of_line integer,
  PRIMARY KEY (tenant_id, sale_id, line),
  FOREIGN KEY (tenant_id, sale_id) REFERENCES sales (tenant_id, id)
);
CREATE INDEX sale_lines_sku ON sale_lines (tenant_id, sku) WHERE sku IS NOT NULL;

-- How it was paid: tenders at the sale, layby instalments, refunds (negative). A store-credit
-- tender names the ledger row it posted.
CREATE TABLE sale_payments (
  tenant_id                   text        NOT NULL,
  sale_id                     text        NOT NULL,
  seq                         integer     NOT NULL CHECK (seq > 0),
  method                      text        NOT NULL CHECK (method IN
    ('card', 'cash', 'store_credit', 'gift_card', 'bank_transfer', 'other', 'exchange')),
  amount                      bigint      NOT NULL CHECK (amount <> 0),
  reference                   text,
  store_credit_transaction_id text,
  staff_name                  text,
  paid_at                     timestamptz NOT NULL,
  created_at                  timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, sale_id, seq),
  FOREIGN KEY (tenant_id, sale_id) REFERENCES sales (tenant_id, id)
);

-- What a cancelled layby's payments go back as: the tenant's policy (decision 0025).
ALTER TABLE tenants ADD COLUMN layby_cancellation_refund text NOT NULL DEFAULT 'store_credit'
  CHECK (layby_cancellation_refund IN ('store_credit', 'original_methods'));
