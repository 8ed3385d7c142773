-- CSV imports run as jobs (decision 0011): the request stores the file and answers 202; a
-- worker commits the rows in small transactions, each of which also advances `rows_done`,
-- so a job resumes after a restart exactly where its last committed chunk ended.
CREATE TABLE customer_imports (
  tenant_id text NOT NULL REFERENCES tenants (id),
  id text NOT NULL,
  status text NOT NULL CHECK (status IN ('queued', 'running', 'completed', 'cancelled', 'failed')),
  -- The decoded CSV, sealed with the tenant's data key (it holds phones and addresses);
  -- dropped as soon as the job ends.
  csv_sealed bytea,
  -- Who started it: the created customers' audit rows name them, and a branch-limited
  -- key's import stays in its branch.
  actor jsonb NOT NULL,
  branch_id text,
  rows_total integer NOT NULL,
  rows_done integer NOT NULL DEFAULT 0,
  rows_created integer NOT NULL DEFAULT 0,
  rows_failed integer NOT NULL DEFAULT 0,
  -- A worker holds the job while lease_expires_at is in the future; every chunk renews it.
  lease_owner text,
  lease_expires_at timestamptz,
  attempts integer NOT NULL DEFAULT 0,
  error jsonb,
  created_at timestamptz NOT NULL,
  started_at timestamptz,
  finished_at timestamptz,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
-- What workers scan for: unfinished jobs, oldest first.
CREATE INDEX customer_imports_unfinished ON customer_imports (created_at)
  WHERE status IN ('queued', 'running');

-- The row report: one row per CSV line that was not imported.
CREATE TABLE customer_import_failures (
  tenant_id text NOT NULL,
  import_id text NOT NULL,
  line integer NOT NULL,
  errors jsonb NOT NULL,
  PRIMARY KEY (tenant_id, import_id, line),
  FOREIGN KEY (tenant_id, import_id) REFERENCES customer_imports (tenant_id, id) ON DELETE CASCADE
);
