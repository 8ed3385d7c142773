-- The workshop: repairs and bespoke jobs, each with its stage history, and the per-tenant
-- counters their numbers (RP-1001, BS-1001) come from. Decision 0015.

-- One row per tenant and kind of numbered record; the row is locked while a create holds
-- it, so numbers are gapless and unique without a sequence per tenant.
CREATE TABLE record_counters (
  tenant_id  text   NOT NULL REFERENCES tenants (id),
  kind       text   NOT NULL,
  last_value bigint NOT NULL CHECK (last_value >= 0),
  PRIMARY KEY (tenant_id, kind)
);

CREATE TABLE repairs (
  tenant_id        text        NOT NULL,
  id               text        NOT NULL,
  number           text        NOT NULL,
  customer_id      text        NOT NULL,
  branch_id        text,
  item_description text        NOT NULL,
  condition_notes  text,
  stage            text        NOT NULL
    CHECK (stage IN ('intake', 'in_workshop', 'ready', 'collected', 'cancelled')),
  -- Minor units in `currency`, the tenant's.
  quoted_price     bigint      CHECK (quoted_price >= 0),
  currency         char(3)     NOT NULL,
  due_at           timestamptz,
  -- The staff member's display name, as staff sessions carry it.
  assigned_to      text,
  version          integer     NOT NULL DEFAULT 1,
  created_at       timestamptz NOT NULL,
  updated_at       timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, number),
  FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id)
);
-- Lists walk newest first by (created_at, id): all of a tenant's, one customer's (the
-- customer's Repairs tab), one stage (the board), one branch's stage (a shop's board).
CREATE INDEX repairs_list ON repairs (tenant_id, created_at DESC, id DESC);
CREATE INDEX repairs_customer ON repairs (tenant_id, customer_id, created_at DESC, id DESC);
CREATE INDEX repairs_stage ON repairs (tenant_id, stage, created_at DESC, id DESC);
CREATE INDEX repairs_board ON repairs (tenant_id, branch_id, stage, created_at DESC, id DESC);
-- Overdue: work not yet done past its due date, most overdue first.
CREATE INDEX repairs_overdue ON repairs (tenant_id, due_at, id)
  WHERE due_at IS NOT NULL AND stage IN ('intake', 'in_workshop');

-- Every stage a repair has been in, in order: seq 1 is the stage it was created in.
CREATE TABLE repair_stage_changes (
  tenant_id      text        NOT NULL,
  repair_id      text        NOT NULL,
  seq            integer     NOT NULL CHECK (seq > 0),
  stage          text        NOT NULL,
  previous_stage text,
  note           text,
  actor_kind     text        NOT NULL,
  actor_id       text,
  actor_name     text,
  at             timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, repair_id, seq),
  FOREIGN KEY (tenant_id, repair_id) REFERENCES repairs (tenant_id, id)
);

CREATE TABLE bespoke_jobs (
  tenant_id    text        NOT NULL,
  id           text        NOT NULL,
  number       text        NOT NULL,
  customer_id  text        NOT NULL,
  branch_id    text,
  title        text        NOT NULL,
  brief        text,
  stage        text        NOT NULL
    CHECK (stage IN ('enquiry', 'design', 'approved', 'in_production', 'ready', 'collected', 'cancelled')),
  quoted_price bigint      CHECK (quoted_price >= 0),
  deposit      bigint      CHECK (deposit >= 0),
  currency     char(3)     NOT NULL,
  due_at       timestamptz,
  assigned_to  text,
  version      integer     NOT NULL DEFAULT 1,
  created_at   timestamptz NOT NULL,
  updated_at   timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, number),
  FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id)
);
CREATE INDEX bespoke_jobs_list ON bespoke_jobs (tenant_id, created_at DESC, id DESC);
CREATE INDEX bespoke_jobs_customer ON bespoke_jobs (tenant_id, customer_id, created_at DESC, id DESC);
CREATE INDEX bespoke_jobs_stage ON bespoke_jobs (tenant_id, stage, created_at DESC, id DESC);
CREATE INDEX bespoke_jobs_board ON bespoke_jobs (tenant_id, branch_id, stage, created_at DESC, id DESC);
CREATE INDEX bespoke_jobs_overdue ON bespoke_jobs (tenant_id, due_at, id)
  WHERE due_at IS NOT NULL AND stage IN ('enquiry', 'design', 'approved', 'in_production');

CREATE TABLE bespoke_job_stage_changes (
  tenant_id      text        NOT NULL,
  bespoke_job_id text        NOT NULL,
  seq            integer     NOT NULL CHECK (seq > 0),
  stage          text        NOT NULL,
  previous_stage text,
  note           text,
  actor_kind     text        NOT NULL,
  actor_id       text,
  actor_name     text,
  at             timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, bespoke_job_id, seq),
  FOREIGN KEY (tenant_id, bespoke_job_id) REFERENCES bespoke_jobs (tenant_id, id)
);
