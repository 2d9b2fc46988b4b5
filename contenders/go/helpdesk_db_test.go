package main

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"testing"
)

// These tests need BATTLE_TEST_DB_URL (as db_test.go) seeded with the
// helpdesk suite too (suite/helpdesk/sql); without hd_ticket they are
// skipped. They create tickets, so run them on a throwaway database.
func helpdeskTestServer(t *testing.T) (http.Handler, *Store) {
	t.Helper()
	store := testStore(t)
	var table *string
	if err := store.db.QueryRow(`SELECT to_regclass('hd_ticket')::text`).Scan(&table); err != nil {
		t.Fatal(err)
	}
	if table == nil {
		t.Skip("the database has no hd_ticket table (load suite/helpdesk/sql)")
	}
	h := &Helpdesk{verifier: testVerifier(), store: NewHelpdeskStore(store)}
	return (&server{store: store, helpdesk: h}).routes(), store
}

func TestHelpdeskListAndRead(t *testing.T) {
	handler, _ := helpdeskTestServer(t)
	status, _, body := apiCall(t, handler, "GET", "/api/tickets?status=open&limit=2", readToken, "")
	want := `{"items":[{"id":1,"customerId":8,"subject":"Ticket 1","status":"open","priority":2},` +
		`{"id":2,"customerId":15,"subject":"Ticket 2","status":"open","priority":3}],"next":2}`
	if status != 200 || body != want {
		t.Errorf("list: %d %s\nwant %s", status, body, want)
	}
	// the last page is not full: next is null
	status, _, body = apiCall(t, handler, "GET", "/api/tickets?status=closed&after=9990", readToken, "")
	want = `{"items":[{"id":9998,"customerId":87,"subject":"Ticket 9998","status":"closed","priority":3},` +
		`{"id":9999,"customerId":94,"subject":"Ticket 9999","status":"closed","priority":4}],"next":null}`
	if status != 200 || body != want {
		t.Errorf("last page: %d %s\nwant %s", status, body, want)
	}
	status, _, body = apiCall(t, handler, "GET", "/api/tickets?status=pending&after=100000", readToken, "")
	if status != 200 || body != `{"items":[],"next":null}` {
		t.Errorf("empty page: %d %s", status, body)
	}
	status, _, body = apiCall(t, handler, "GET", "/api/tickets/1", readToken, "")
	want = `{"id":1,"subject":"Ticket 1","status":"open","priority":2,"customer":{"id":8,"name":"Customer 8","plan":"enterprise"}}`
	if status != 200 || body != want {
		t.Errorf("read: %d %s\nwant %s", status, body, want)
	}
	status, _, body = apiCall(t, handler, "GET", "/api/tickets/999999", readToken, "")
	if status != 404 || body != `{"error":"not found"}` {
		t.Errorf("unknown id: %d %s", status, body)
	}
}

func TestHelpdeskCreate(t *testing.T) {
	handler, store := helpdeskTestServer(t)
	ctx := context.Background()
	count := func() (tickets, events int) {
		t.Helper()
		err := store.db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM hd_ticket), (SELECT count(*) FROM hd_event)`).Scan(&tickets, &events)
		if err != nil {
			t.Fatal(err)
		}
		return
	}
	tickets, events := count()

	status, h, body := apiCall(t, handler, "POST", "/api/tickets", writeToken, `{"customerId":5,"subject":"Printer on fire","priority":3}`)
	var created TicketItem
	if status != 201 || json.Unmarshal([]byte(body), &created) != nil {
		t.Fatalf("create: %d %s", status, body)
	}
	want := TicketItem{ID: created.ID, CustomerID: 5, Subject: "Printer on fire", Status: "open", Priority: 3}
	if created != want || created.ID <= 10000 {
		t.Errorf("create: %s", body)
	}
	if loc := h.Get("Location"); loc != "/api/tickets/"+strconv.FormatInt(created.ID, 10) {
		t.Errorf("Location %q for id %d", loc, created.ID)
	}
	var subject, createdBy, kind, actor string
	err := store.db.QueryRowContext(ctx, `SELECT t.subject, t.created_by, e.kind, e.actor
FROM hd_ticket t JOIN hd_event e ON e.ticket_id = t.id WHERE t.id = $1`, created.ID).Scan(&subject, &createdBy, &kind, &actor)
	if err != nil || subject != "Printer on fire" || createdBy != "alice" || kind != "created" || actor != "alice" {
		t.Errorf("stored: %q %q %q %q, %v", subject, createdBy, kind, actor, err)
	}
	if tk, ev := count(); tk != tickets+1 || ev != events+1 {
		t.Errorf("after one create: %d tickets, %d events; want %d, %d", tk, ev, tickets+1, events+1)
	}

	// an unknown customer and an invalid body write nothing
	status, _, body = apiCall(t, handler, "POST", "/api/tickets", writeToken, `{"customerId":101,"subject":"x","priority":1}`)
	if status != 422 || body != `{"error":"customerId: unknown customer"}` {
		t.Errorf("unknown customer: %d %s", status, body)
	}
	status, _, _ = apiCall(t, handler, "POST", "/api/tickets", writeToken, `{"customerId":5,"subject":"x","priority":9}`)
	if tk, ev := count(); status != 422 || tk != tickets+1 || ev != events+1 {
		t.Errorf("refused creates wrote rows: %d tickets, %d events (status %d)", tk, ev, status)
	}
}
