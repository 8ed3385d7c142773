-- Outbound webhooks (decision 0037): the endpoints a tenant registers, the events its writes
-- emit (in the write's own transaction), and one delivery per event and endpoint, which a
-- worker drains like the email outbox (FOR UPDATE SKIP LOCKED, leased).
CREATE TABLE webhook_endpoints (
  tenant_id        text        NOT NULL,
  id               text        NOT NULL,
  url              text        NOT NULL,
  description      text,
  event_types      text[]      NOT NULL,
  enabled          boolean     NOT NULL DEFAULT true,
  -- Why the server turned it off (kept until someone turns it back on).
  disabled_reason  text,
  -- The signing secret, sealed with the tenant's data key; the one before a rotation signs
  -- beside it until `previous_secret_expires_at`, so receivers can switch without a gap.
  secret           bytea       NOT NULL,
  previous_secret  bytea,
  previous_secret_expires_at timestamptz,
  -- Set by the first failed attempt after a success, cleared by the next success: an
  -- endpoint failing for a day is disabled.
  failing_since    timestamptz,
  version          integer     NOT NULL DEFAULT 1,
  created_at       timestamptz NOT NULL,
  updated_at       timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id)
);

CREATE TABLE webhook_events (
  tenant_id   text        NOT NULL,
  id          text        NOT NULL,
  type        text        NOT NULL,
  -- Ids and the names of what changed; never a customer's personal data.
  data        jsonb       NOT NULL,
  created_at  timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id)
);

CREATE TABLE webhook_deliveries (
  tenant_id        text        NOT NULL,
  id               text        NOT NULL,
  endpoint_id      text        NOT NULL,
  event_id         text        NOT NULL,
  status           text        NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts         integer     NOT NULL DEFAULT 0,
  -- When the next attempt may start; while a worker holds it, the end of its lease.
  next_attempt_at  timestamptz,
  claimed_by       text,
  last_status_code integer,
  last_error       text,
  created_at       timestamptz NOT NULL,
  updated_at       timestamptz NOT NULL,
  delivered_at     timestamptz,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, endpoint_id) REFERENCES webhook_endpoints (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, event_id) REFERENCES webhook_events (tenant_id, id)
);
CREATE INDEX webhook_deliveries_endpoint
  ON webhook_deliveries (tenant_id, endpoint_id, created_at DESC, id DESC);
-- The outbox: only pending rows, so the worker's scan stays as small as the queue.
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at)
  WHERE status = 'pending';

-- Every attempt, for the delivery log.
CREATE TABLE webhook_delivery_attempts (
  tenant_id    text        NOT NULL,
  delivery_id  text        NOT NULL,
  attempt      integer     NOT NULL CHECK (attempt > 0),
  status_code  integer,
  error        text,
  duration_ms  integer     NOT NULL,
  at           timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, delivery_id, attempt),
  FOREIGN KEY (tenant_id, delivery_id) REFERENCES webhook_deliveries (tenant_id, id) ON DELETE CASCADE
);
