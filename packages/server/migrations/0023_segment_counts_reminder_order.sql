-- Segment counts kept as the scores change, and reminders read in date order (decision 0033).

-- `GET /v1/segments` without grouping every scored customer per request: signed changes to
-- the number of customers per (segment, health), appended by statement-level triggers on
-- `customer_rfm` in the transaction that changes the scores (every writer: a sale's rescore,
-- the sweep, a rebuild, a merge, erasure, a bulk load by SQL). Rows with a null segment count
-- customers that are neither archived nor merged, kept by triggers on `customers`. Appending
-- (never updating one row per key) means concurrent writers never wait on or deadlock over a
-- shared counter; the segments worker folds a tenant's rows into one per key now and then.
-- No customer is named here: only how many.
CREATE TABLE customer_segment_counts (
  tenant_id text   NOT NULL,
  segment   text,
  health    text,
  customers bigint NOT NULL
);
CREATE INDEX customer_segment_counts_tenant ON customer_segment_counts (tenant_id);

CREATE FUNCTION loupe_count_scores() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO customer_segment_counts (tenant_id, segment, health, customers)
    SELECT tenant_id, segment, health, count(*) FROM new_rows GROUP BY 1, 2, 3;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO customer_segment_counts (tenant_id, segment, health, customers)
    SELECT tenant_id, segment, health, -count(*) FROM old_rows GROUP BY 1, 2, 3;
  ELSE
    INSERT INTO customer_segment_counts (tenant_id, segment, health, customers)
    SELECT tenant_id, segment, health, sum(n) FROM (
      SELECT tenant_id, segment, health, 1 AS n FROM new_rows
      UNION ALL
      SELECT tenant_id, segment, health, -1 FROM old_rows) d
     GROUP BY 1, 2, 3 HAVING sum(n) <> 0;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER customer_rfm_count_insert AFTER INSERT ON customer_rfm
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION loupe_count_scores();
CREATE TRIGGER customer_rfm_count_update AFTER UPDATE ON customer_rfm
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION loupe_count_scores();
CREATE TRIGGER customer_rfm_count_delete AFTER DELETE ON customer_rfm
  REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION loupe_count_scores();

CREATE FUNCTION loupe_count_customers() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO customer_segment_counts (tenant_id, segment, health, customers)
    SELECT tenant_id, NULL, NULL, count(*) FROM new_rows
     WHERE archived_at IS NULL AND merged_into IS NULL GROUP BY 1;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO customer_segment_counts (tenant_id, segment, health, customers)
    SELECT tenant_id, NULL, NULL, -count(*) FROM old_rows
     WHERE archived_at IS NULL AND merged_into IS NULL GROUP BY 1;
  ELSE
    INSERT INTO customer_segment_counts (tenant_id, segment, health, customers)
    SELECT n.tenant_id, NULL, NULL,
           sum((n.archived_at IS NULL AND n.merged_into IS NULL)::int
             - (o.archived_at IS NULL AND o.merged_into IS NULL)::int)
      FROM new_rows n JOIN old_rows o ON o.tenant_id = n.tenant_id AND o.id = n.id
     WHERE (n.archived_at IS NULL AND n.merged_into IS NULL)
        <> (o.archived_at IS NULL AND o.merged_into IS NULL)
     GROUP BY 1;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER customers_count_insert AFTER INSERT ON customers
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION loupe_count_customers();
CREATE TRIGGER customers_count_update AFTER UPDATE ON customers
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION loupe_count_customers();
CREATE TRIGGER customers_count_delete AFTER DELETE ON customers
  REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION loupe_count_customers();

-- Archived customers keep their scores but leave the counts: the read subtracts theirs
-- (archived and merged customers are few; merged ones have no scores).
CREATE INDEX customers_archived_or_merged ON customers (tenant_id)
  WHERE archived_at IS NOT NULL OR merged_into IS NOT NULL;

-- What is there already.
INSERT INTO customer_segment_counts (tenant_id, segment, health, customers)
SELECT tenant_id, segment, health, count(*) FROM customer_rfm GROUP BY 1, 2, 3;
INSERT INTO customer_segment_counts (tenant_id, segment, health, customers)
SELECT tenant_id, NULL, NULL, count(*) FROM customers
 WHERE archived_at IS NULL AND merged_into IS NULL GROUP BY 1;

-- Reminders read a page in date order straight from these indexes: each kind's month-day
-- (`MM-DD` sorts as the calendar does) then the customer id, for the customers a reminder can
-- be about. They index the month-day the row already holds, no new copy of it.
DROP INDEX customers_birthday_md;
DROP INDEX customers_anniversary_md;
DROP INDEX customers_spouse_birthday_md;
CREATE INDEX customers_birthday_md ON customers (tenant_id, right(birthday, 5), id)
  WHERE birthday IS NOT NULL AND archived_at IS NULL AND merged_into IS NULL;
CREATE INDEX customers_anniversary_md ON customers (tenant_id, right(anniversary, 5), id)
  WHERE anniversary IS NOT NULL AND archived_at IS NULL AND merged_into IS NULL;
CREATE INDEX customers_spouse_birthday_md ON customers (tenant_id, right(spouse_birthday, 5), id)
  WHERE spouse_birthday IS NOT NULL AND archived_at IS NULL AND merged_into IS NULL;
