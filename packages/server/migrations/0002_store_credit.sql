-- Store-credit ledger. The ledger is the source of truth: a customer's balance is the
-- balance_after of their newest row, never a column updated in place. Rows are append-only.
-- `seq` numbers a customer's rows 1, 2, 3…; the unique key makes two writers that read the
-- same balance collide instead of both succeeding, a second guard behind the row lock the
-- application takes on the customer.
CREATE TABLE store_credit_transactions (
  tenant_id      text        NOT NULL,
  id             text        NOT NULL,
  customer_id    text        NOT NULL,
  seq            integer     NOT NULL CHECK (seq > 0),
  amount         bigint      NOT NULL CHECK (amount <> 0),
  currency       char(3)     NOT NULL,
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

-- Newest-first pages of one customer's ledger, and the balance lookup (highest seq).
CREATE INDEX store_credit_transactions_customer_created
  ON store_credit_transactions (tenant_id, customer_id, created_at DESC, id DESC);
