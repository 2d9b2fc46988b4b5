CREATE TABLE product (id integer PRIMARY KEY, sku text NOT NULL, name text NOT NULL, price_cents integer NOT NULL);
CREATE TABLE orders (id serial PRIMARY KEY, body jsonb NOT NULL);
