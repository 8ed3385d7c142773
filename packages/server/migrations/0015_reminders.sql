-- Reminders: the tenant's time zone (null: derived from its country, see reminders/dates.ts),
-- and the month-day of each yearly date indexed, so upcoming dates are an index lookup of a
-- few dozen `MM-DD` values rather than a scan of every customer.
ALTER TABLE tenants ADD COLUMN time_zone text;

CREATE INDEX customers_birthday_md ON customers (tenant_id, right(birthday, 5))
  WHERE birthday IS NOT NULL AND archived_at IS NULL;
CREATE INDEX customers_anniversary_md ON customers (tenant_id, right(anniversary, 5))
  WHERE anniversary IS NOT NULL AND archived_at IS NULL;
CREATE INDEX customers_spouse_birthday_md ON customers (tenant_id, right(spouse_birthday, 5))
  WHERE spouse_birthday IS NOT NULL AND archived_at IS NULL;
