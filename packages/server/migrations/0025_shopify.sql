-- Shopify end to end (decision 0036): a customer's ids in other systems, and a tenant's
-- Shopify app proxy.

-- `{ "shopify": "7421…", "pos": "C-1042" }`: the record as the API shows it. Erasure clears
-- it to {} like any personal field.
ALTER TABLE customers ADD COLUMN external_ids jsonb NOT NULL DEFAULT '{}';

-- One row per (system, id) of `customers.external_ids`, kept in step by the triggers below:
-- the primary key makes an id unique per tenant and system (archived and merged customers
-- included, as email is), and answers "which customer is Shopify's 7421" with one probe.
CREATE TABLE customer_external_ids (
  tenant_id   text NOT NULL,
  system      text COLLATE "C" NOT NULL,
  external_id text COLLATE "C" NOT NULL,
  customer_id text NOT NULL,
  PRIMARY KEY (tenant_id, system, external_id),
  FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id)
);
-- Search (`q`) matches an id in any system.
CREATE INDEX customer_external_ids_any_system ON customer_external_ids (tenant_id, external_id);
CREATE INDEX customer_external_ids_customer ON customer_external_ids (tenant_id, customer_id);

CREATE OR REPLACE FUNCTION loupe_index_new_customer_external_ids() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO customer_external_ids (tenant_id, system, external_id, customer_id)
  SELECT n.tenant_id, e.key, e.value, n.id
    FROM new_rows n CROSS JOIN LATERAL jsonb_each_text(n.external_ids) AS e
   WHERE n.external_ids <> '{}'::jsonb;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION loupe_reindex_changed_customer_external_ids() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM customer_external_ids x
   USING new_rows n JOIN old_rows o ON o.tenant_id = n.tenant_id AND o.id = n.id
   WHERE o.external_ids IS DISTINCT FROM n.external_ids
     AND x.tenant_id = n.tenant_id AND x.customer_id = n.id;
  INSERT INTO customer_external_ids (tenant_id, system, external_id, customer_id)
  SELECT n.tenant_id, e.key, e.value, n.id
    FROM new_rows n
    JOIN old_rows o ON o.tenant_id = n.tenant_id AND o.id = n.id
   CROSS JOIN LATERAL jsonb_each_text(n.external_ids) AS e
   WHERE o.external_ids IS DISTINCT FROM n.external_ids;
  RETURN NULL;
END $$;

CREATE TRIGGER customers_external_ids_insert AFTER INSERT ON customers
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION loupe_index_new_customer_external_ids();
CREATE TRIGGER customers_external_ids_update AFTER UPDATE ON customers
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION loupe_reindex_changed_customer_external_ids();

-- The tenant's Shopify shop and app: `GET /shopify/app-proxy/session` finds the tenant by the
-- signed `shop` parameter, so a shop belongs to one tenant. The app's shared secret is sealed
-- under the tenant's data key and never leaves the server. Sessions the proxy mints name the
-- "Shopify app proxy" key, so revoking that key ends them (as the demo page's key does).
ALTER TABLE tenants ADD COLUMN shopify_shop_domain text COLLATE "C";
ALTER TABLE tenants ADD COLUMN shopify_app_proxy_secret bytea;
ALTER TABLE tenants ADD COLUMN shopify_session_key_id text;
CREATE UNIQUE INDEX tenants_shopify_shop ON tenants (shopify_shop_domain)
  WHERE shopify_shop_domain IS NOT NULL;
ALTER TABLE tenants ADD FOREIGN KEY (id, shopify_session_key_id)
  REFERENCES api_keys (tenant_id, id);
