-- An import's file is stored in parts of 64 KB instead of one bytea (decision 0011): on the
-- embedded engine one statement runs on the server's only thread, and writing or reading a
-- whole 5 MB file in one held up every other request for hundreds of milliseconds.
CREATE TABLE customer_import_parts (
  tenant_id text NOT NULL,
  import_id text NOT NULL,
  part integer NOT NULL,
  -- A slice of the file sealed as a whole with the tenant's data key.
  bytes bytea NOT NULL,
  PRIMARY KEY (tenant_id, import_id, part),
  FOREIGN KEY (tenant_id, import_id) REFERENCES customer_imports (tenant_id, id) ON DELETE CASCADE
);
INSERT INTO customer_import_parts (tenant_id, import_id, part, bytes)
  SELECT tenant_id, id, 0, csv_sealed FROM customer_imports WHERE csv_sealed IS NOT NULL;
ALTER TABLE customer_imports DROP COLUMN csv_sealed;
