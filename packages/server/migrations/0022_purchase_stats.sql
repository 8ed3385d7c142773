-- A customer's purchase figures kept as they change (decision 0026): the purchase summary
-- reads a handful of rows instead of aggregating every sale and line the customer ever had
-- (a 5,000-sale customer's summary read 15,000 lines per request). Each completed sale or
-- return with a customer adds its share in the transaction that completes it or attaches
-- it; a merge adds the source's rows into the survivor's. Nothing here identifies a person:
-- erasure keeps them with the de-identified record, like the sales they sum.

-- Lifetime value net of returns, and the orders (sales, exchanges, laybys: not returns).
CREATE TABLE customer_purchase_totals (
  tenant_id   text        NOT NULL,
  customer_id text        NOT NULL,
  lifetime    bigint      NOT NULL,
  orders      integer     NOT NULL,
  first_at    timestamptz,
  last_at     timestamptz,
  PRIMARY KEY (tenant_id, customer_id),
  FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id)
);

-- Net spend per UTC calendar month (the summary's last twelve).
CREATE TABLE customer_purchase_months (
  tenant_id   text   NOT NULL,
  customer_id text   NOT NULL,
  month       date   NOT NULL,
  amount      bigint NOT NULL,
  PRIMARY KEY (tenant_id, customer_id, month),
  FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id)
);

-- Net quantity and spend per category, item (sku, or description without one) and metal.
CREATE TABLE customer_purchase_favorites (
  tenant_id   text   NOT NULL,
  customer_id text   NOT NULL,
  kind        text   NOT NULL CHECK (kind IN ('category', 'item', 'metal')),
  key         text   NOT NULL,
  -- An item's description as first sold (the lowest, when several sales named it).
  description text,
  quantity    bigint NOT NULL,
  spend       bigint NOT NULL,
  PRIMARY KEY (tenant_id, customer_id, kind, key),
  FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id)
);
-- The top five of each kind, read in order.
CREATE INDEX customer_purchase_favorites_top
  ON customer_purchase_favorites (tenant_id, customer_id, kind, spend DESC, quantity DESC, key);

-- What the sales already written add up to.
INSERT INTO customer_purchase_totals (tenant_id, customer_id, lifetime, orders, first_at, last_at)
SELECT tenant_id, customer_id, sum(total), count(*) FILTER (WHERE type <> 'return'),
       min(occurred_at) FILTER (WHERE type <> 'return'), max(occurred_at) FILTER (WHERE type <> 'return')
  FROM sales WHERE status = 'completed' AND customer_id IS NOT NULL
 GROUP BY tenant_id, customer_id;

INSERT INTO customer_purchase_months (tenant_id, customer_id, month, amount)
SELECT tenant_id, customer_id, date_trunc('month', occurred_at AT TIME ZONE 'UTC')::date, sum(total)
  FROM sales WHERE status = 'completed' AND customer_id IS NOT NULL
 GROUP BY 1, 2, 3;

INSERT INTO customer_purchase_favorites (tenant_id, customer_id, kind, key, description, quantity, spend)
SELECT s.tenant_id, s.customer_id, k.kind, k.key, min(k.description),
       sum(CASE WHEN s.type = 'return' THEN -l.quantity ELSE l.quantity END), sum(l.total)
  FROM sales s
  JOIN sale_lines l ON l.tenant_id = s.tenant_id AND l.sale_id = s.id
  CROSS JOIN LATERAL (VALUES ('category', l.category, NULL),
                             ('item', COALESCE(l.sku, l.description), l.description),
                             ('metal', l.metal, NULL)) AS k(kind, key, description)
 WHERE s.status = 'completed' AND s.customer_id IS NOT NULL AND k.key IS NOT NULL
 GROUP BY 1, 2, 3, 4;
