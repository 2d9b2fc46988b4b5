-- The helpdesk suite's tables (README.md, "Database"). Safe to run again:
-- the suite's own tables are dropped first, nothing else is touched.
SET client_min_messages = warning;
DROP TABLE IF EXISTS hd_event;
DROP TABLE IF EXISTS hd_ticket;
DROP TABLE IF EXISTS hd_customer;

CREATE TABLE hd_customer (
  id integer PRIMARY KEY,
  name text NOT NULL,
  plan text NOT NULL CHECK (plan IN ('free', 'team', 'enterprise'))
);

CREATE TABLE hd_ticket (
  id bigserial PRIMARY KEY,
  customer_id integer NOT NULL REFERENCES hd_customer (id),
  subject text NOT NULL,
  status text NOT NULL CHECK (status IN ('open', 'pending', 'closed')),
  priority integer NOT NULL CHECK (priority BETWEEN 1 AND 4),
  created_by text NOT NULL
);
CREATE INDEX hd_ticket_status_id ON hd_ticket (status, id);

CREATE TABLE hd_event (
  id bigserial PRIMARY KEY,
  ticket_id bigint NOT NULL REFERENCES hd_ticket (id),
  kind text NOT NULL,
  actor text NOT NULL
);
