-- A renamed or erased customer's old name words leave the typo dictionary when no other
-- customer of the tenant still uses them, so erasure leaves no name to correct towards.
-- A word is in use while some name key starts with it (every word of a name's first six
-- starts one of its rotations).
CREATE OR REPLACE FUNCTION loupe_reindex_changed_customer_names() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM customer_name_keys k
   USING new_rows n JOIN old_rows o ON o.tenant_id = n.tenant_id AND o.id = n.id
   WHERE o.search_name IS DISTINCT FROM n.search_name
     AND k.tenant_id = n.tenant_id AND k.customer_id = n.id;
  INSERT INTO customer_name_keys (tenant_id, key, customer_id)
  SELECT n.tenant_id, k, n.id
    FROM new_rows n
    JOIN old_rows o ON o.tenant_id = n.tenant_id AND o.id = n.id
   CROSS JOIN LATERAL loupe_name_keys(n.search_name) AS k
   WHERE o.search_name IS DISTINCT FROM n.search_name AND n.search_name <> ''
  ON CONFLICT DO NOTHING;
  INSERT INTO customer_name_words (tenant_id, word)
  SELECT DISTINCT n.tenant_id, w
    FROM new_rows n
    JOIN old_rows o ON o.tenant_id = n.tenant_id AND o.id = n.id
   CROSS JOIN LATERAL unnest(string_to_array(n.search_name, ' ')) AS w
   WHERE o.search_name IS DISTINCT FROM n.search_name AND length(w) >= 2
  ON CONFLICT DO NOTHING;
  DELETE FROM customer_name_words d
   USING (SELECT DISTINCT o.tenant_id, w
            FROM old_rows o
            JOIN new_rows n ON n.tenant_id = o.tenant_id AND n.id = o.id
           CROSS JOIN LATERAL unnest(string_to_array(o.search_name, ' ')) AS w
           WHERE o.search_name IS DISTINCT FROM n.search_name) gone
   WHERE d.tenant_id = gone.tenant_id AND d.word = gone.w
     AND NOT EXISTS (
       SELECT 1 FROM customer_name_keys k
        WHERE k.tenant_id = d.tenant_id
          AND (k.key = d.word OR (k.key >= d.word || ' ' AND k.key < d.word || '!')));
  RETURN NULL;
END $$;
