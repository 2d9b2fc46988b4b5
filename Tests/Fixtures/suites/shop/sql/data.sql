INSERT INTO product SELECT i, 'SKU-' || lpad(i::text, 5, '0'), 'Product ' || i, i * 100 FROM generate_series(1, 50) i;
