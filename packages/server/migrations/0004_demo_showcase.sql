-- Which tenant is the generated demo shop, and its showcase customer: /demo mints a session
-- for this tenant only, and shows nothing when the table is empty (LOUPE_DEMO=0 or a
-- database that already held data on first start).
CREATE TABLE demo_showcase (
  tenant_id   text PRIMARY KEY REFERENCES tenants (id),
  customer_id text NOT NULL,
  created_at  timestamptz NOT NULL,
  FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id)
);
