-- An event-scale catalog for scripts/listing-bench.sh: 50,000 products and 150,000 sales, three per
-- product, relative to now: one ended two days ago, one scheduled in two days, and a third that is
-- active now for every tenth product (5,000 active at once) and ended four days ago for the rest.
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50000)
INSERT INTO product (sku, name, regular_price, stock, created_at, updated_at)
SELECT printf('EVT-%06d', i), printf('Event product %d, colour %d, size %d', i, i % 17, i % 9),
       printf('%d.%02d', 20 + i % 300, i % 100), 10,
       CAST(strftime('%s','now') AS INTEGER) * 1000, CAST(strftime('%s','now') AS INTEGER) * 1000 FROM n;
WITH now(t) AS (SELECT CAST(strftime('%s','now') AS INTEGER) * 1000),
     p(id, k) AS (SELECT id, ROW_NUMBER() OVER (ORDER BY id) FROM product WHERE sku LIKE 'EVT-%'),
     w(slot) AS (VALUES (0), (1), (2))
INSERT INTO flash_sale (product_id, flash_price, starts_at, ends_at, created_at, updated_at)
SELECT p.id, '9.99',
       CASE w.slot WHEN 0 THEN now.t - 2 * 86400000 - 3600000
                   WHEN 1 THEN now.t + 2 * 86400000
                   ELSE CASE WHEN p.k % 10 = 0 THEN now.t - 3600000 ELSE now.t - 4 * 86400000 - 3600000 END END,
       CASE w.slot WHEN 0 THEN now.t - 2 * 86400000
                   WHEN 1 THEN now.t + 2 * 86400000 + 3600000
                   ELSE CASE WHEN p.k % 10 = 0 THEN now.t + 6 * 3600000 ELSE now.t - 4 * 86400000 END END,
       now.t, now.t
FROM p, w, now;
