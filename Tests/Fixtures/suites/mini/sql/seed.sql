-- The mini suite's table; safe to run again.
DROP TABLE IF EXISTS mini_item;
CREATE TABLE mini_item (id integer PRIMARY KEY, name text NOT NULL);
INSERT INTO mini_item VALUES (1, 'one'), (2, 'two'), (3, 'three');
