-- The helpdesk suite's data (README.md, "Database"): deterministic, the same
-- rows on every machine. Runs after schema.sql, on its empty tables.
INSERT INTO hd_customer (id, name, plan)
SELECT id, 'Customer ' || id, (ARRAY['free', 'team', 'enterprise'])[id % 3 + 1]
FROM generate_series(1, 100) AS id;

INSERT INTO hd_ticket (id, customer_id, subject, status, priority, created_by)
SELECT id,
       1 + (id * 7) % 100,
       'Ticket ' || id,
       CASE WHEN id % 10 < 6 THEN 'open' WHEN id % 10 < 8 THEN 'pending' ELSE 'closed' END,
       1 + id % 4,
       'seed'
FROM generate_series(1, 10000) AS id;

-- New tickets get ids from 10001.
ALTER SEQUENCE hd_ticket_id_seq RESTART WITH 10001;

ANALYZE hd_customer;
ANALYZE hd_ticket;
