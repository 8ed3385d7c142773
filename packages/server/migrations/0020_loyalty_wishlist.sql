-- Loyalty points, wishlists and the tenant's message templates (decision 0030).

-- The tenant's loyalty programme: points earned per whole currency unit spent (1 by default)
-- and its tiers (null: Bronze 0, Silver 500, Gold 1500, Platinum 3000).
ALTER TABLE tenants ADD COLUMN loyalty_points_per_unit numeric(10, 4) NOT NULL DEFAULT 1
  CHECK (loyalty_points_per_unit >= 0);
ALTER TABLE tenants ADD COLUMN loyalty_tiers jsonb;
-- Subject and body of the messages Loupe writes itself (a repair ready, a wishlist piece in
-- stock), by kind; a kind not set uses the built-in text.
ALTER TABLE tenants ADD COLUMN message_templates jsonb NOT NULL DEFAULT '{}'::jsonb;

-- Loyalty ledger, the store-credit ledger's twin: append-only, a customer's balance is the
-- balance_after of their newest row, `seq` numbers their rows and its unique key makes two
-- writers that read the same balance collide (behind the customer row lock).
CREATE TABLE loyalty_transactions (
  tenant_id      text        NOT NULL,
  id             text        NOT NULL,
  customer_id    text        NOT NULL,
  seq            integer     NOT NULL CHECK (seq > 0),
  -- earn (a sale), reversal (a return), redemption, adjustment (by hand), merge.
  kind           text        NOT NULL
    CHECK (kind IN ('earn', 'reversal', 'redemption', 'adjustment', 'merge')),
  points         bigint      NOT NULL CHECK (points <> 0),
  balance_after  bigint      NOT NULL CHECK (balance_after >= 0),
  reason         text        NOT NULL CHECK (char_length(reason) BETWEEN 1 AND 200),
  reference_type text,
  reference_id   text,
  note           text,
  actor_kind     text        NOT NULL,
  actor_id       text,
  actor_name     text,
  created_at     timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, customer_id, seq),
  FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id)
);
-- A sale earns once, whoever holds it now (a merge moves sales but not ledger rows).
CREATE UNIQUE INDEX loyalty_transactions_earned_once
  ON loyalty_transactions (tenant_id, reference_id) WHERE kind = 'earn';
-- What a sale earned and what its returns reversed.
CREATE INDEX loyalty_transactions_reference
  ON loyalty_transactions (tenant_id, reference_id) WHERE reference_id IS NOT NULL;

-- Pieces a customer wished for. The price is a snapshot when it was added; `available` is the
-- host's word that the piece is in stock; `notified_at` stops a second notification.
CREATE TABLE wishlist_items (
  tenant_id        text        NOT NULL,
  id               text        NOT NULL,
  customer_id      text        NOT NULL,
  sku              text,
  name             text        NOT NULL,
  retail_price     bigint      NOT NULL CHECK (retail_price >= 0),
  currency         char(3)     NOT NULL,
  available        boolean     NOT NULL DEFAULT false,
  note             text,
  added_by_kind    text        NOT NULL,
  added_by_id      text,
  added_by_name    text,
  notified_at      timestamptz,
  -- The message the last notification queued (`com_…`).
  notification_id  text,
  version          integer     NOT NULL DEFAULT 1,
  created_at       timestamptz NOT NULL,
  updated_at       timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id)
);
CREATE INDEX wishlist_items_customer
  ON wishlist_items (tenant_id, customer_id, created_at DESC, id DESC);
