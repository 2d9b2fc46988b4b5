package main

import (
	"context"
	"database/sql"
	"errors"
	"sync"
	"sync/atomic"
)

// The helpdesk suite's queries (suite/helpdesk, API contract), as written
// there, through the same database/sql pool as the Battle Suite's.
const (
	hdListTickets = `SELECT id, customer_id, subject, status, priority FROM hd_ticket
WHERE status = $1 AND id > $2 ORDER BY id LIMIT $3`
	hdGetTicket = `SELECT t.id, t.subject, t.status, t.priority, c.id, c.name, c.plan
FROM hd_ticket t JOIN hd_customer c ON c.id = t.customer_id WHERE t.id = $1`
	hdCustomerExists = `SELECT 1 FROM hd_customer WHERE id = $1`
	hdInsertTicket   = `INSERT INTO hd_ticket (customer_id, subject, status, priority, created_by)
VALUES ($1, $2, 'open', $3, $4) RETURNING id`
	hdInsertEvent = `INSERT INTO hd_event (ticket_id, kind, actor) VALUES ($1, 'created', $2)`
)

// TicketItem is one ticket of a list, and the 201 answer; field order
// follows the contract.
type TicketItem struct {
	ID         int64  `json:"id"`
	CustomerID int64  `json:"customerId"`
	Subject    string `json:"subject"`
	Status     string `json:"status"`
	Priority   int64  `json:"priority"`
}

// TicketPage is the list answer: Next is the last id when the page is full.
type TicketPage struct {
	Items []TicketItem `json:"items"`
	Next  *int64       `json:"next"`
}

type Customer struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
	Plan string `json:"plan"`
}

type TicketDetail struct {
	ID       int64    `json:"id"`
	Subject  string   `json:"subject"`
	Status   string   `json:"status"`
	Priority int64    `json:"priority"`
	Customer Customer `json:"customer"`
}

var (
	errTicketNotFound  = errors.New("ticket not found")
	errUnknownCustomer = errors.New("unknown customer")
)

// HelpdeskStore shares the Battle Suite's pool but prepares its statements
// apart, lazily, on the first helpdesk request: a database seeded for the
// Battle Suite only has no hd_ tables, and that must not break /db.
type HelpdeskStore struct {
	db    *sql.DB
	mu    sync.Mutex // serialises preparation
	stmts atomic.Pointer[helpdeskStatements]
}

type helpdeskStatements struct {
	list, get, customerExists, insertTicket, insertEvent *sql.Stmt
}

func NewHelpdeskStore(store *Store) *HelpdeskStore {
	return &HelpdeskStore{db: store.db}
}

func (s *HelpdeskStore) prepared(ctx context.Context) (*helpdeskStatements, error) {
	if st := s.stmts.Load(); st != nil {
		return st, nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if st := s.stmts.Load(); st != nil {
		return st, nil
	}
	var st helpdeskStatements
	var err error
	prepare := func(query string) *sql.Stmt {
		if err != nil {
			return nil
		}
		var stmt *sql.Stmt
		stmt, err = s.db.PrepareContext(ctx, query)
		return stmt
	}
	st.list = prepare(hdListTickets)
	st.get = prepare(hdGetTicket)
	st.customerExists = prepare(hdCustomerExists)
	st.insertTicket = prepare(hdInsertTicket)
	st.insertEvent = prepare(hdInsertEvent)
	if err != nil {
		for _, stmt := range []*sql.Stmt{st.list, st.get, st.customerExists, st.insertTicket, st.insertEvent} {
			if stmt != nil {
				stmt.Close()
			}
		}
		return nil, err
	}
	s.stmts.Store(&st)
	return &st, nil
}

// ListTickets runs the one list query.
func (s *HelpdeskStore) ListTickets(ctx context.Context, q TicketQuery) (TicketPage, error) {
	st, err := s.prepared(ctx)
	if err != nil {
		return TicketPage{}, err
	}
	rows, err := st.list.QueryContext(ctx, q.Status, q.After, q.Limit)
	if err != nil {
		return TicketPage{}, err
	}
	defer rows.Close()
	page := TicketPage{Items: make([]TicketItem, 0, q.Limit)}
	for rows.Next() {
		var t TicketItem
		if err := rows.Scan(&t.ID, &t.CustomerID, &t.Subject, &t.Status, &t.Priority); err != nil {
			return TicketPage{}, err
		}
		page.Items = append(page.Items, t)
	}
	if err := rows.Err(); err != nil {
		return TicketPage{}, err
	}
	if int64(len(page.Items)) == q.Limit {
		page.Next = &page.Items[len(page.Items)-1].ID
	}
	return page, nil
}

// Ticket reads one ticket with its customer; errTicketNotFound if none.
func (s *HelpdeskStore) Ticket(ctx context.Context, id int64) (TicketDetail, error) {
	st, err := s.prepared(ctx)
	if err != nil {
		return TicketDetail{}, err
	}
	var t TicketDetail
	c := &t.Customer
	err = st.get.QueryRowContext(ctx, id).Scan(&t.ID, &t.Subject, &t.Status, &t.Priority, &c.ID, &c.Name, &c.Plan)
	if errors.Is(err, sql.ErrNoRows) {
		return TicketDetail{}, errTicketNotFound
	}
	return t, err
}

// CreateTicket checks the customer, inserts the ticket and its 'created'
// event in one transaction; errUnknownCustomer (rolled back) if the
// customer does not exist. Tx.StmtContext reuses a statement already
// prepared on the transaction's connection.
func (s *HelpdeskStore) CreateTicket(ctx context.Context, t NewTicket, actor string) (TicketItem, error) {
	st, err := s.prepared(ctx)
	if err != nil {
		return TicketItem{}, err
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return TicketItem{}, err
	}
	defer tx.Rollback() // a no-op after Commit
	var one int
	err = tx.StmtContext(ctx, st.customerExists).QueryRowContext(ctx, t.CustomerID).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return TicketItem{}, errUnknownCustomer
	}
	if err != nil {
		return TicketItem{}, err
	}
	created := TicketItem{CustomerID: t.CustomerID, Subject: t.Subject, Status: "open", Priority: t.Priority}
	err = tx.StmtContext(ctx, st.insertTicket).QueryRowContext(ctx, t.CustomerID, t.Subject, t.Priority, actor).Scan(&created.ID)
	if err != nil {
		return TicketItem{}, err
	}
	if _, err = tx.StmtContext(ctx, st.insertEvent).ExecContext(ctx, created.ID, actor); err != nil {
		return TicketItem{}, err
	}
	if err = tx.Commit(); err != nil {
		return TicketItem{}, err
	}
	return created, nil
}
