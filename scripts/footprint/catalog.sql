-- A large catalog for the idle-CPU measurement: 2,000 products and 6,000 sales (3 each: one
-- ended, one active, one scheduled, relative to now), written into a database the console made.
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
INSERT INTO product (sku, name, regular_price, stock, created_at, updated_at)
SELECT printf('GEN-%05d', i), printf('Generated product %d', i), printf('%d.00', 20 + i % 300), 10,
       CAST(strftime('%s','now') AS INTEGER) * 1000, CAST(strftime('%s','now') AS INTEGER) * 1000 FROM n;
WITH now(t) AS (SELECT CAST(strftime('%s','now') AS INTEGER) * 1000),
     p(id, k) AS (SELECT id, ROW_NUMBER() OVER (ORDER BY id) FROM product WHERE sku LIKE 'GEN-%'),
     w(slot) AS (VALUES (-2), (0), (2))
INSERT INTO flash_sale (product_id, flash_price, starts_at, ends_at, created_at, updated_at)
SELECT p.id, '10.00',
       now.t + (w.slot * 86400000) - 3600000 + (p.k % 60) * 60000,
       now.t + (w.slot * 86400000) + 3600000 + (p.k % 60) * 60000,
       now.t, now.t
FROM p, w, now;
