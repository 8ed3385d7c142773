-- The communications log: every message sent on the tenant's behalf, append-only through the
-- API. A row is written `queued` in the request's transaction (the outbox) and a worker
-- delivers it; `communication_events` keeps every status it passed through.
CREATE TABLE communications (
  tenant_id       text        NOT NULL,
  id              text        NOT NULL,
  customer_id     text        NOT NULL,
  channel         text        NOT NULL DEFAULT 'email' CHECK (channel IN ('email')),
  -- What made it: a 1:1 email, a repair ready for collection…
  kind            text        NOT NULL,
  to_address      text        NOT NULL,
  subject         text        NOT NULL,
  body_text       text        NOT NULL,
  body_html       text        NOT NULL,
  status          text        NOT NULL
    CHECK (status IN ('queued', 'sent', 'delivered', 'bounced', 'failed')),
  reference_type  text,
  reference_id    text,
  actor_kind      text        NOT NULL,
  actor_id        text,
  actor_name      text,
  -- Delivery: attempts so far, when the next may start (also the claim's lease while a
  -- worker holds it), which worker holds it, the transport's last word.
  attempts        integer     NOT NULL DEFAULT 0,
  next_attempt_at timestamptz,
  claimed_by      text,
  last_error      text,
  provider_message_id text,
  created_at      timestamptz NOT NULL,
  sent_at         timestamptz,
  updated_at      timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id)
);
CREATE INDEX communications_customer
  ON communications (tenant_id, customer_id, created_at DESC, id DESC);
-- The outbox: only queued rows, so the worker's scan stays as small as the queue.
CREATE INDEX communications_outbox ON communications (tenant_id, next_attempt_at)
  WHERE status = 'queued';

CREATE TABLE communication_events (
  tenant_id        text        NOT NULL,
  communication_id text        NOT NULL,
  seq              integer     NOT NULL CHECK (seq > 0),
  status           text        NOT NULL,
  detail           text,
  at               timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, communication_id, seq),
  FOREIGN KEY (tenant_id, communication_id) REFERENCES communications (tenant_id, id)
);
