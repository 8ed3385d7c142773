-- Receipt numbers join the other per-tenant counters: `record_counters` under kind `sale`
-- (core/record-numbers.ts), so one function hands out every number. The values carry over,
-- so a tenant's next receipt follows its last.
INSERT INTO record_counters (tenant_id, kind, last_value)
SELECT tenant_id, 'sale', last_number FROM sale_numbers
ON CONFLICT (tenant_id, kind) DO UPDATE SET last_value = greatest(record_counters.last_value, EXCLUDED.last_value);

DROP TABLE sale_numbers;
