-- Passports (issue 14): a certificate that travels with a piece of jewellery. Its owner is an
-- email that changes as the piece changes hands, never a customer id (a later owner need not
-- be a customer of the shop); `customer_id` only records whom it was first issued to.
CREATE TABLE passports (
  tenant_id              text        NOT NULL REFERENCES tenants (id),
  id                     text        NOT NULL,
  code                   text        NOT NULL COLLATE "C",
  title                  text        NOT NULL,
  jewellery_type         text        NOT NULL,
  description            text,
  metal                  text,
  stones                 jsonb       NOT NULL DEFAULT '[]',
  images                 jsonb       NOT NULL DEFAULT '[]',
  -- As entered (spaces dropped); null once the owner was erased.
  owner_email            text,
  -- The customers' normalisation (lower case, no spaces): the Passports tab joins on it.
  owner_email_normalized text        COLLATE "C",
  customer_id            text,
  sale_id                text,
  status                 text        NOT NULL DEFAULT 'active'
                         CHECK (status IN ('active', 'reported_stolen', 'archived')),
  ownership_changes      integer     NOT NULL DEFAULT 0 CHECK (ownership_changes >= 0),
  last_transfer_at       timestamptz,
  issued_at              timestamptz NOT NULL,
  updated_at             timestamptz NOT NULL,
  version                integer     NOT NULL DEFAULT 1,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, code),
  FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id)
);

-- Newest-first lists, whole tenant or one owner (the customer's Passports tab).
CREATE INDEX passports_issued ON passports (tenant_id, issued_at DESC, id DESC);
CREATE INDEX passports_owner
  ON passports (tenant_id, owner_email_normalized, issued_at DESC, id DESC);
CREATE INDEX passports_customer ON passports (tenant_id, customer_id)
  WHERE customer_id IS NOT NULL;

-- Every change of owner, in order. Append-only, apart from erasure clearing an erased
-- owner's email and the note beside it.
CREATE TABLE passport_transfers (
  tenant_id   text        NOT NULL,
  id          text        NOT NULL,
  passport_id text        NOT NULL,
  seq         integer     NOT NULL CHECK (seq > 0),
  from_email  text,
  to_email    text,
  note        text,
  actor_kind  text        NOT NULL,
  actor_id    text,
  actor_name  text,
  created_at  timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, passport_id, seq),
  FOREIGN KEY (tenant_id, passport_id) REFERENCES passports (tenant_id, id)
);

-- The public verify route has a code and no tenant. This directory, the one table not led by
-- tenant_id, resolves a code to its tenant and passport (decision 0024): under a distributed
-- engine it is a small reference table, while `passports` stays distributed by tenant.
CREATE TABLE passport_codes (
  code        text NOT NULL COLLATE "C" PRIMARY KEY,
  tenant_id   text NOT NULL,
  passport_id text NOT NULL
);
