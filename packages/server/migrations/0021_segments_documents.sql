-- Segments and health (decision 0027): each customer's RFM scores, kept current by the writes
-- that change them (a sale, return, layby completion, attachment or merge rescoring that
-- customer in its own transaction) and by a sweep that rescores rows whose recency or health
-- time alone has moved. A customer with no purchase that counts has no row (no segment).
CREATE TABLE customer_rfm (
  tenant_id           text        NOT NULL,
  customer_id         text        NOT NULL,
  -- The customer's own created_at, so a segment's list pages in the customer list's order
  -- straight from this table's index.
  customer_created_at timestamptz NOT NULL,
  -- Orders not entirely returned, and net spend (minor units) after returns.
  frequency           integer     NOT NULL CHECK (frequency > 0),
  monetary            bigint      NOT NULL,
  first_purchase_at   timestamptz NOT NULL,
  last_purchase_at    timestamptz NOT NULL,
  -- Median days between consecutive orders; null under two orders.
  median_gap_days     real,
  recency_score       smallint    NOT NULL CHECK (recency_score BETWEEN 1 AND 5),
  frequency_score     smallint    NOT NULL CHECK (frequency_score BETWEEN 1 AND 5),
  monetary_score      smallint    NOT NULL CHECK (monetary_score BETWEEN 1 AND 5),
  segment             text        NOT NULL CHECK (segment IN ('champions', 'loyal',
    'potential_loyalist', 'new', 'at_risk', 'cant_lose', 'hibernating', 'lost')),
  health              text        NOT NULL CHECK (health IN ('healthy', 'at_risk', 'churning')),
  computed_at         timestamptz NOT NULL,
  -- When time alone next moves the recency score or the health status; null: never.
  next_change_at      timestamptz,
  PRIMARY KEY (tenant_id, customer_id),
  FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id)
);
-- `GET /v1/customers?segment=`: a range of this index in the customer list's order.
CREATE INDEX customer_rfm_segment
  ON customer_rfm (tenant_id, segment, customer_created_at DESC, customer_id DESC);
-- What the sweep rescores next.
CREATE INDEX customer_rfm_due ON customer_rfm (next_change_at) WHERE next_change_at IS NOT NULL;

-- Tenants whose every customer is to be rescored from their sales (sales that predate this
-- table, bulk-loaded demo or bench data), resumed in customer-id order by the sweep.
CREATE TABLE customer_rfm_rebuilds (
  tenant_id    text        NOT NULL REFERENCES tenants (id),
  resume_after text        NOT NULL DEFAULT '',
  requested_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id)
);
INSERT INTO customer_rfm_rebuilds (tenant_id, requested_at)
  SELECT DISTINCT tenant_id, now() FROM sales WHERE customer_id IS NOT NULL;

-- Documents (decision 0029): private files on a customer — ID copies, receipts, valuations.
-- The metadata is listed; the bytes sit in their own table, sealed with the tenant's data key,
-- and leave only through a short-lived signed link.
CREATE TABLE customer_documents (
  tenant_id         text        NOT NULL,
  id                text        NOT NULL,
  customer_id       text        NOT NULL,
  kind              text        NOT NULL CHECK (kind IN ('id_document', 'receipt', 'valuation',
    'certificate', 'other')),
  -- The uploaded file's name, sealed like the content (it often names the person).
  filename_sealed   bytea       NOT NULL,
  content_type      text        NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png',
    'image/webp', 'application/pdf')),
  size_bytes        integer     NOT NULL CHECK (size_bytes > 0),
  sha256            text        NOT NULL,
  description       text,
  uploaded_by_kind  text        NOT NULL,
  uploaded_by_id    text,
  uploaded_by_name  text,
  created_at        timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id)
);
CREATE INDEX customer_documents_customer
  ON customer_documents (tenant_id, customer_id, created_at DESC, id DESC);

CREATE TABLE customer_document_contents (
  tenant_id   text  NOT NULL,
  document_id text  NOT NULL,
  -- AES-256-GCM under the tenant's data key, the document's id as associated data.
  sealed      bytea NOT NULL,
  PRIMARY KEY (tenant_id, document_id),
  FOREIGN KEY (tenant_id, document_id) REFERENCES customer_documents (tenant_id, id)
    ON DELETE CASCADE
);
-- Sealed bytes don't compress: store them out of line without trying.
ALTER TABLE customer_document_contents ALTER COLUMN sealed SET STORAGE EXTERNAL;
