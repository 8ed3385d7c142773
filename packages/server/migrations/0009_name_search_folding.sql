-- Name search folds what a counter leaves out (see foldName and NAME_PARTICLES in
-- src/resources/customers/normalise.ts, and decision 0003): apostrophes join (O'Brien →
-- obrien), hyphens split (Smith-Jones → smith jones), and every name is also indexed without
-- its particles (Ó Riordáin, van der Berg), so "Siobhan Riordain" and "Pieter Berg" find them.

-- Kept equal to NAME_PARTICLES by a test.
CREATE FUNCTION loupe_name_particles() RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
  SELECT ARRAY['o', 'ni', 'nic', 'ui', 'mac', 'mag',
               'van', 'von', 'der', 'den', 'de', 'het', 'ten', 'ter', 'te', 'zu', 'vom', 'zum',
               'da', 'das', 'di', 'do', 'dos', 'du', 'del', 'della', 'des', 'la', 'le', 'lo',
               'y', 'e', 'al', 'el', 'bin', 'ibn', 'bint']::text[]
$$;

-- The keys a folded name is found by: every rotation of its (first six) words, and of its
-- words without particles when that leaves something and drops something.
CREATE FUNCTION loupe_name_keys(name text) RETURNS SETOF text LANGUAGE sql IMMUTABLE AS $$
  SELECT DISTINCT array_to_string(v.words[i:] || v.words[:i - 1], ' ')
    FROM (
      SELECT a.words[1:6] AS words FROM (SELECT string_to_array(name, ' ') AS words) a
      UNION ALL
      SELECT s.words[1:6]
        FROM (SELECT ARRAY(SELECT t.w FROM unnest(string_to_array(name, ' ')) WITH ORDINALITY AS t(w, n)
                            WHERE t.w <> ALL (loupe_name_particles()) ORDER BY t.n) AS words) s
       WHERE cardinality(s.words) > 0
         AND cardinality(s.words) < cardinality(string_to_array(name, ' '))
    ) v
   CROSS JOIN LATERAL generate_subscripts(v.words, 1) AS i
   WHERE name <> ''
$$;

CREATE OR REPLACE FUNCTION loupe_index_new_customer_names() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO customer_name_keys (tenant_id, key, customer_id)
  SELECT n.tenant_id, k, n.id
    FROM new_rows n CROSS JOIN LATERAL loupe_name_keys(n.search_name) AS k
   WHERE n.search_name <> ''
  ON CONFLICT DO NOTHING;
  INSERT INTO customer_name_words (tenant_id, word)
  SELECT DISTINCT n.tenant_id, w
    FROM new_rows n CROSS JOIN LATERAL unnest(string_to_array(n.search_name, ' ')) AS w
   WHERE length(w) >= 2
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;

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
  RETURN NULL;
END $$;

-- Existing names, folded the new way. The old fold kept apostrophes and hyphens and the
-- letters below; everything else it did is unchanged. (A name typed with a typographic
-- apostrophe was folded to a space and stays so until it is next edited.)
UPDATE customers
   SET search_name = btrim(regexp_replace(
         replace(replace(replace(replace(replace(replace(replace(replace(replace(
           translate(replace(search_name, '''', ''), '-', ' '),
           'ß', 'ss'), 'æ', 'ae'), 'œ', 'oe'), 'ø', 'o'), 'ł', 'l'), 'đ', 'd'), 'ð', 'd'),
           'þ', 'th'), 'ı', 'i'),
         ' +', ' ', 'g'))
 WHERE search_name ~ '[-''ßæœøłđðþı]';
DELETE FROM customer_name_words WHERE word ~ '[-'']';

-- Names with particles that the update above left alone gain their particle-free keys.
INSERT INTO customer_name_keys (tenant_id, key, customer_id)
SELECT c.tenant_id, k, c.id
  FROM customers c CROSS JOIN LATERAL loupe_name_keys(c.search_name) AS k
 WHERE c.search_name <> '' AND string_to_array(c.search_name, ' ') && loupe_name_particles()
ON CONFLICT DO NOTHING;
