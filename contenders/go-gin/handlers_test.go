package main

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestClampQueries(t *testing.T) {
	tests := map[string]int{
		"": 1, "0": 1, "-3": 1, "foo": 1, "5abc": 1, "1;DROP TABLE world": 1, " 5": 1, "2.0": 1,
		"1": 1, "2": 2, "20": 20, "500": 500, "501": 500,
		"99999999999999999999": 500, "-99999999999999999999": 1,
	}
	for in, want := range tests {
		if got := clampQueries(in); got != want {
			t.Errorf("clampQueries(%q) = %d, want %d", in, got, want)
		}
	}
}

func TestRenderFortunes(t *testing.T) {
	var page strings.Builder
	err := fortunesPage.Execute(&page, sortFortunes([]Fortune{
		{ID: 12, Message: "フレームワークのベンチマーク"},
		{ID: 11, Message: `<script>alert("x");</script>`},
		{ID: 2, Message: "aren't & fine"},
	}))
	if err != nil {
		t.Fatal(err)
	}
	want := `<!DOCTYPE html><html><head><title>Fortunes</title></head><body><table><tr><th>id</th><th>message</th></tr>` +
		`<tr><td>11</td><td>&lt;script&gt;alert(&#34;x&#34;);&lt;/script&gt;</td></tr>` +
		`<tr><td>0</td><td>Additional fortune added at request time.</td></tr>` +
		`<tr><td>2</td><td>aren&#39;t &amp; fine</td></tr>` +
		`<tr><td>12</td><td>フレームワークのベンチマーク</td></tr>` +
		`</table></body></html>`
	if got := page.String(); got != want {
		t.Errorf("page\n got %s\nwant %s", got, want)
	}
}

// newTestServer serves the routes with a store whose database does not
// exist: the tests that need no database must work regardless.
func newTestServer(t *testing.T) *httptest.Server {
	t.Helper()
	store, err := OpenStore("postgres://nobody@127.0.0.1:1/none?sslmode=disable&connect_timeout=1", 2)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer((&server{store: store, catalog: testCatalog}).routes())
	t.Cleanup(func() { ts.Close(); store.Close() })
	return ts
}

func TestRoutes(t *testing.T) {
	ts := newTestServer(t)
	tests := []struct {
		method, path, body string
		status             int
		contentType        string
		wantBody           string
	}{
		{"GET", "/plaintext", "", 200, "text/plain; charset=utf-8", "Hello, World!"},
		{"GET", "/json", "", 200, "application/json; charset=utf-8", `{"message":"Hello, World!"}`},
		{"POST", "/orders", `{"orderId":""}`, 400, "application/json; charset=utf-8", `{"error":"must be a string of 1..64 characters","field":"orderId"}`},
		{"POST", "/orders", order(map[string]any{"items": []any{map[string]any{"sku": "SKU-00000", "quantity": 20, "unitPriceCents": 100}}}), 200, "application/json; charset=utf-8",
			`{"orderId":"ord-000017","customerId":42,"currency":"EUR","itemCount":20,"subtotalCents":2000,"discountCents":290,"taxCents":380,"shippingCents":598,"totalCents":2688,"totalWeightGrams":1000,` +
				`"lines":[{"sku":"SKU-00000","name":"Product 0","quantity":20,"netCents":1900,"taxCents":380,"weightGrams":1000}]}`},
		{"POST", "/orders", strings.Repeat(" ", maxOrderBytes+1), 413, "application/json; charset=utf-8", `{"error":"body exceeds 1048576 bytes","field":""}`},
		{"GET", "/db", "", 503, "text/plain; charset=utf-8", "database unavailable"},
		{"GET", "/nope", "", 404, "text/plain", "404 page not found"},
		{"GET", "/plaintext/extra", "", 404, "text/plain", "404 page not found"},
		{"GET", "/orders", "", 405, "text/plain", "405 method not allowed"},
	}
	for _, tc := range tests {
		t.Run(tc.method+" "+tc.path, func(t *testing.T) {
			req, _ := http.NewRequest(tc.method, ts.URL+tc.path, strings.NewReader(tc.body))
			resp, err := ts.Client().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != tc.status || string(body) != tc.wantBody {
				t.Errorf("got %d %q, want %d %q", resp.StatusCode, body, tc.status, tc.wantBody)
			}
			if got := resp.Header.Get("Content-Type"); got != tc.contentType {
				t.Errorf("Content-Type %q, want %q", got, tc.contentType)
			}
			if resp.Header.Get("Server") == "" {
				t.Error("no Server header")
			}
			if _, err := http.ParseTime(resp.Header.Get("Date")); err != nil {
				t.Errorf("Date header %q: %v", resp.Header.Get("Date"), err)
			}
			if resp.ContentLength != int64(len(body)) {
				t.Errorf("Content-Length %d for a %d-byte body", resp.ContentLength, len(body))
			}
		})
	}
}

// TestPipelining sends three requests before reading any answer.
func TestPipelining(t *testing.T) {
	ts := newTestServer(t)
	conn, err := net.Dial("tcp", ts.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(5 * time.Second))
	paths := []string{"/plaintext", "/json", "/plaintext"}
	var requests strings.Builder
	for _, p := range paths {
		requests.WriteString("GET " + p + " HTTP/1.1\r\nHost: test\r\n\r\n")
	}
	if _, err := io.WriteString(conn, requests.String()); err != nil {
		t.Fatal(err)
	}
	r := bufio.NewReader(conn)
	for _, want := range []string{"Hello, World!", `{"message":"Hello, World!"}`, "Hello, World!"} {
		resp, err := http.ReadResponse(r, nil)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if string(body) != want {
			t.Errorf("got %q, want %q", body, want)
		}
	}
}
