package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// apiCall makes one request to handler and returns status, headers, body.
func apiCall(t *testing.T, handler http.Handler, method, target, token, body string) (int, http.Header, string) {
	t.Helper()
	req := httptest.NewRequest(method, target, strings.NewReader(body))
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	rec := httptest.NewRecorder()
	handler.ServeHTTP(rec, req)
	res := rec.Result()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, res.Header, string(b)
}

var (
	readToken  = hs256(`{"sub":"alice","exp":4102444800,"scope":"tickets:read"}`)
	writeToken = hs256(`{"sub":"alice","exp":4102444800,"scope":"tickets:read tickets:write"}`)
)

// Without a database: every answer that comes before the first query.
func TestHelpdeskAnswersBeforeTheDatabase(t *testing.T) {
	handler := (&server{catalog: testCatalog, helpdesk: &Helpdesk{verifier: testVerifier()}}).routes()
	for _, tc := range []struct {
		method, target, token, body string
		status                      int
		want                        string
	}{
		{"GET", "/api/tickets?status=open", "", "", 401, `{"error":"unauthorized"}`},
		{"GET", "/api/tickets/1", hs256(`{"sub":"a","exp":1}`), "", 401, `{"error":"unauthorized"}`},
		{"POST", "/api/tickets", "x.y.z", `{}`, 401, `{"error":"unauthorized"}`},
		{"GET", "/api/tickets?status=open", hs256(`{"sub":"a","exp":4102444800,"scope":"tickets:write"}`), "", 403, `{"error":"forbidden"}`},
		{"POST", "/api/tickets", readToken, `{}`, 403, `{"error":"forbidden"}`},
		// authentication comes before validation
		{"GET", "/api/tickets", "", "", 401, `{"error":"unauthorized"}`},
		{"GET", "/api/tickets", readToken, "", 400, `{"error":"status: required"}`},
		{"GET", "/api/tickets?status=open&limit=500", readToken, "", 400, `{"error":"limit: must be an integer from 1 to 100"}`},
		{"GET", "/api/tickets/abc", readToken, "", 400, `{"error":"id: must be a positive integer"}`},
		{"GET", "/api/tickets/0", readToken, "", 400, `{"error":"id: must be a positive integer"}`},
		{"GET", "/api/tickets/99999999999999999999", readToken, "", 404, `{"error":"not found"}`},
		{"POST", "/api/tickets", writeToken, `{"customerId":1e2}`, 422, `{"error":"customerId: must be an integer from 1 to 2147483647"}`},
		{"POST", "/api/tickets", writeToken, `not json`, 422, `{"error":"body: not valid JSON"}`},
		{"DELETE", "/api/tickets/1", writeToken, "", 405, `{"error":"method not allowed"}`},
		{"GET", "/api/customers", readToken, "", 404, `{"error":"not found"}`},
	} {
		status, h, body := apiCall(t, handler, tc.method, tc.target, tc.token, tc.body)
		if status != tc.status || body != tc.want {
			t.Errorf("%s %s: %d %s, want %d %s", tc.method, tc.target, status, body, tc.status, tc.want)
		}
		if ct := h.Get("Content-Type"); ct != "application/json" {
			t.Errorf("%s %s: Content-Type %q", tc.method, tc.target, ct)
		}
		if h.Get("Server") == "" {
			t.Errorf("%s %s: no Server header", tc.method, tc.target)
		}
		if got := h.Get("WWW-Authenticate"); (status == 401) != (got == "Bearer") {
			t.Errorf("%s %s: status %d with WWW-Authenticate %q", tc.method, tc.target, status, got)
		}
	}
}

func TestHelpdeskWithoutSecret(t *testing.T) {
	handler := (&server{catalog: testCatalog}).routes()
	status, _, body := apiCall(t, handler, "GET", "/api/tickets?status=open", readToken, "")
	if status != 500 || body != `{"error":"HELPDESK_JWT_SECRET is not set"}` {
		t.Errorf("without a secret: %d %s", status, body)
	}
	// the Battle Suite is still served
	if status, _, body := apiCall(t, handler, "GET", "/json", "", ""); status != 200 || body != `{"message":"Hello, World!"}` {
		t.Errorf("/json without a secret: %d %s", status, body)
	}
}

func TestHelpdeskBodyTooLarge(t *testing.T) {
	handler := (&server{helpdesk: &Helpdesk{verifier: testVerifier()}}).routes()
	big := `{"customerId":1,"subject":"` + strings.Repeat("x", maxTicketBytes) + `","priority":1}`
	status, _, body := apiCall(t, handler, "POST", "/api/tickets", writeToken, big)
	if status != 413 || !strings.HasPrefix(body, `{"error":"body: exceeds`) {
		t.Errorf("large body: %d %s", status, body)
	}
}
