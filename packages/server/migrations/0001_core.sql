-- Core schema: tenants, branches, credentials, idempotency, customers, audit.
-- Every tenant-owned table leads its primary key and indexes with tenant_id, so a tenant can
-- be the distribution key on a sharded Postgres (Citus) without reshaping anything.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE tenants (
  id text PRIMARY KEY,
  name text NOT NULL,
  currency char(3) NOT NULL,
  country char(2),
  allowed_origins text[] NOT NULL DEFAULT '{}',
  -- Per-tenant override of the role → permissions matrix; null means the defaults.
  role_permissions jsonb,
  -- The tenant's AES-256 data key, encrypted (wrapped) by the master key.
  wrapped_data_key bytea NOT NULL,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);

CREATE TABLE branches (
  tenant_id text NOT NULL REFERENCES tenants (id),
  id text NOT NULL,
  name text NOT NULL,
  code text,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX branches_list ON branches (tenant_id, created_at, id);

-- The operator's key for /v1/platform when LOUPE_PLATFORM_KEY is not set. Hash only.
CREATE TABLE platform_keys (
  id text PRIMARY KEY,
  key_hash bytea NOT NULL UNIQUE,
  created_at timestamptz NOT NULL
);

CREATE TABLE api_keys (
  tenant_id text NOT NULL REFERENCES tenants (id),
  id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('secret', 'publishable')),
  role text CHECK (role IN ('owner', 'manager', 'staff', 'readonly')),
  branch_id text,
  name text,
  -- SHA-256 of the whole key: keys are 190 random bits, so a fast hash is enough.
  key_hash bytea NOT NULL,
  -- Last four characters, so people can tell keys apart in a list.
  last4 text NOT NULL,
  created_at timestamptz NOT NULL,
  revoked_at timestamptz,
  PRIMARY KEY (tenant_id, id),
  CHECK ((kind = 'secret') = (role IS NOT NULL))
);
-- Authentication looks a key up by hash before it knows the tenant; this is the one index
-- that cannot lead with tenant_id (on Citus, api_keys becomes a reference table).
CREATE UNIQUE INDEX api_keys_by_hash ON api_keys (key_hash);
CREATE INDEX api_keys_list ON api_keys (tenant_id, created_at, id);

CREATE TABLE idempotency_keys (
  -- The tenant, or '' for platform-key requests.
  tenant_id text NOT NULL,
  key text NOT NULL,
  request_hash text NOT NULL,
  -- null while the first request is still being processed.
  response_status integer,
  -- Sealed with a key derived from the master key: responses can hold PII and new keys.
  response_body bytea,
  response_content_type text,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, key)
);
CREATE INDEX idempotency_keys_age ON idempotency_keys (created_at);

CREATE TABLE customers (
  tenant_id text NOT NULL REFERENCES tenants (id),
  id text NOT NULL,
  first_name text,
  last_name text,
  email text,
  -- Lower-cased, spaces removed; C collation so prefix search is a plain b-tree range.
  email_normalized text COLLATE "C",
  -- {mobile, phone, address}, AES-256-GCM under the tenant's data key.
  pii bytea,
  -- Keyed blind indexes (HMAC) of the E.164 mobile and phone, for exact phone search.
  mobile_bidx bytea,
  phone_bidx bytea,
  birthday text,
  anniversary text,
  spouse_name text,
  spouse_birthday text,
  ring_size text,
  wrist_size text,
  preferred_metal text,
  gold_preference text,
  allergies text[] NOT NULL DEFAULT '{}',
  communication_preference text,
  source text,
  tax_id text,
  tax_id_normalized text COLLATE "C",
  marketing_consent jsonb NOT NULL DEFAULT '{"email": null, "sms": null}',
  tags text[] NOT NULL DEFAULT '{}',
  is_vip boolean NOT NULL DEFAULT false,
  custom_fields jsonb NOT NULL DEFAULT '{}',
  home_branch_id text,
  account_status text NOT NULL DEFAULT 'active'
    CHECK (account_status IN ('active', 'suspended', 'banned')),
  suspension_end timestamptz,
  archived_at timestamptz,
  merged_into text,
  -- "first last", accent-folded and lower-cased, for name search. C collation: a prefix
  -- search is then a plain b-tree range.
  search_name text COLLATE "C" NOT NULL DEFAULT '',
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
-- Email is unique per tenant, archived customers included (unarchiving must not collide);
-- the same index serves email-prefix search.
CREATE UNIQUE INDEX customers_email ON customers (tenant_id, email_normalized)
  WHERE email_normalized IS NOT NULL;
-- Lists walk newest first by (created_at, id).
CREATE INDEX customers_list ON customers (tenant_id, created_at DESC, id DESC);
CREATE INDEX customers_mobile ON customers (tenant_id, mobile_bidx) WHERE mobile_bidx IS NOT NULL;
CREATE INDEX customers_phone ON customers (tenant_id, phone_bidx) WHERE phone_bidx IS NOT NULL;
CREATE INDEX customers_tax_id ON customers (tenant_id, tax_id_normalized)
  WHERE tax_id_normalized IS NOT NULL;
-- Trigram GIN for typo-tolerant names. tenant_id is left out on purpose: in a GIN index it
-- would be one posting list as long as the tenant, read on every search of a big tenant; the
-- tenant_id predicate is checked on the few candidate rows instead. (Sharded by tenant, each
-- shard's index holds only its tenants anyway.)
CREATE INDEX customers_search_name ON customers USING gin (search_name gin_trgm_ops);
CREATE INDEX customers_search_prefix ON customers (tenant_id, search_name);
CREATE INDEX customers_tags ON customers USING gin (tags);

-- Name search. Each customer's folded name is stored once per word rotation ("amelia chen",
-- "chen amelia"), so a prefix of any word — first name or last — is one ordered b-tree range
-- that answers a page without ranking every match (a common first name matches thousands).
CREATE TABLE customer_name_keys (
  tenant_id text NOT NULL,
  key text COLLATE "C" NOT NULL,
  customer_id text NOT NULL,
  PRIMARY KEY (tenant_id, key, customer_id)
);
CREATE INDEX customer_name_keys_customer ON customer_name_keys (tenant_id, customer_id);

-- The distinct name words of a tenant: a small dictionary that typo-tolerant search corrects
-- query words against (trigram similarity) before looking the corrected names up by prefix.
CREATE TABLE customer_name_words (
  tenant_id text NOT NULL,
  word text COLLATE "C" NOT NULL,
  PRIMARY KEY (tenant_id, word)
);
CREATE INDEX customer_name_words_trgm ON customer_name_words USING gin (word gin_trgm_ops);

-- Kept in step by statement-level triggers, so every write path (API, CSV import, bulk seed,
-- erasure) maintains them and bulk inserts stay set-based.
CREATE FUNCTION loupe_index_new_customer_names() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO customer_name_keys (tenant_id, key, customer_id)
  SELECT n.tenant_id, array_to_string(w.words[i:] || w.words[:i - 1], ' '), n.id
    FROM new_rows n
   CROSS JOIN LATERAL (SELECT (string_to_array(n.search_name, ' '))[1:6] AS words) w
   CROSS JOIN LATERAL generate_subscripts(w.words, 1) AS i
   WHERE n.search_name <> ''
  ON CONFLICT DO NOTHING;
  INSERT INTO customer_name_words (tenant_id, word)
  SELECT DISTINCT n.tenant_id, w
    FROM new_rows n CROSS JOIN LATERAL unnest(string_to_array(n.search_name, ' ')) AS w
   WHERE length(w) >= 2
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;

CREATE FUNCTION loupe_reindex_changed_customer_names() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM customer_name_keys k
   USING new_rows n JOIN old_rows o ON o.tenant_id = n.tenant_id AND o.id = n.id
   WHERE o.search_name IS DISTINCT FROM n.search_name
     AND k.tenant_id = n.tenant_id AND k.customer_id = n.id;
  INSERT INTO customer_name_keys (tenant_id, key, customer_id)
  SELECT n.tenant_id, array_to_string(w.words[i:] || w.words[:i - 1], ' '), n.id
    FROM new_rows n
    JOIN old_rows o ON o.tenant_id = n.tenant_id AND o.id = n.id
   CROSS JOIN LATERAL (SELECT (string_to_array(n.search_name, ' '))[1:6] AS words) w
   CROSS JOIN LATERAL generate_subscripts(w.words, 1) AS i
   WHERE o.search_name IS DISTINCT FROM n.search_name AND n.search_name <> ''
  ON CONFLICT DO NOTHING;
  INSERT INTO customer_name_words (tenant_id, word)
  SELECT DISTINCT n.tenant_id, w
    FROM new_rows n
    JOIN old_rows o ON o.tenant_id = n.tenant_id AND o.id = n.id
   CROSS JOIN LATERAL unnest(string_to_array(n.search_name, ' ')) AS w
   WHERE o.search_name IS DISTINCT FROM n.search_name AND length(w) >= 2
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;

CREATE TRIGGER customers_names_insert AFTER INSERT ON customers
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION loupe_index_new_customer_names();
CREATE TRIGGER customers_names_update AFTER UPDATE ON customers
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION loupe_reindex_changed_customer_names();

CREATE TABLE audit_log (
  tenant_id text NOT NULL REFERENCES tenants (id),
  id text NOT NULL,
  entity_type text NOT NULL,
  entity_id text NOT NULL,
  action text NOT NULL,
  actor_kind text NOT NULL,
  actor_id text,
  actor_name text,
  -- [{field, before, after}], encrypted fields redacted.
  changes jsonb NOT NULL DEFAULT '[]',
  created_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX audit_log_entity ON audit_log (tenant_id, entity_type, entity_id, created_at DESC, id DESC);
