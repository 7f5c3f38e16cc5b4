-- case: DROP TABLE IF EXISTS of a table nothing declared: it may exist with rows on the server, as DROP TABLE of it is taken to
-- expect: raised
-- schema: none
DROP TABLE IF EXISTS legacy_orders;
