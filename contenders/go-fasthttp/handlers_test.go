package main

import (
	"fmt"
	"bufio"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/valyala/fasthttp"
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
	page, err := renderFortunes([]Fortune{
		{ID: 12, Message: "フレームワークのベンチマーク"},
		{ID: 11, Message: `<script>alert("x");</script>`},
		{ID: 2, Message: "aren't & fine"},
	})
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

// testServer is the handler with a store whose database does not exist:
// the tests that need no database must work regardless.
func testServer(t *testing.T) *server {
	t.Helper()
	store, err := OpenStore("postgres://nobody@127.0.0.1:1/none?sslmode=disable&connect_timeout=1", 2)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(store.Close)
	return &server{store: store, catalog: testCatalog}
}

// call runs the handler on one request, as fasthttp's own tests do.
func call(s *server, method, uri, body string) *fasthttp.RequestCtx {
	var ctx fasthttp.RequestCtx
	ctx.Request.Header.SetMethod(method)
	ctx.Request.SetRequestURI(uri)
	ctx.Request.SetBodyString(body)
	s.handle(&ctx)
	return &ctx
}

func TestRoutes(t *testing.T) {
	s := testServer(t)
	tests := []struct {
		method, path, body string
		status             int
		contentType        string
		wantBody           string
	}{
		{"GET", "/plaintext", "", 200, "text/plain", "Hello, World!"},
		{"GET", "/json", "", 200, "application/json", `{"message":"Hello, World!"}`},
		{"POST", "/orders", `{"orderId":""}`, 400, "application/json", `{"error":"must be a string of 1..64 characters","field":"orderId"}`},
		{"POST", "/orders", order(map[string]any{"items": []any{map[string]any{"sku": "SKU-00000", "quantity": 20, "unitPriceCents": 100}}}), 200, "application/json",
			`{"orderId":"ord-000017","customerId":42,"currency":"EUR","itemCount":20,"subtotalCents":2000,"discountCents":290,"taxCents":380,"shippingCents":598,"totalCents":2688,"totalWeightGrams":1000,` +
				`"lines":[{"sku":"SKU-00000","name":"Product 0","quantity":20,"netCents":1900,"taxCents":380,"weightGrams":1000}]}`},
		{"GET", "/db", "", 503, "text/plain; charset=utf-8", "database unavailable"},
		{"GET", "/queries?queries=3", "", 503, "text/plain; charset=utf-8", "database unavailable"},
		{"GET", "/nope", "", 404, "text/plain; charset=utf-8", "Not Found"},
		{"GET", "/plaintext/extra", "", 404, "text/plain; charset=utf-8", "Not Found"},
		{"GET", "/orders", "", 405, "text/plain; charset=utf-8", "Method Not Allowed"},
	}
	slog.SetDefault(slog.New(slog.NewTextHandler(io.Discard, nil)))
	for _, tc := range tests {
		t.Run(tc.method+" "+tc.path, func(t *testing.T) {
			ctx := call(s, tc.method, tc.path, tc.body)
			if got, body := ctx.Response.StatusCode(), string(ctx.Response.Body()); got != tc.status || body != tc.wantBody {
				t.Errorf("got %d %q, want %d %q", got, body, tc.status, tc.wantBody)
			}
			if got := string(ctx.Response.Header.ContentType()); got != tc.contentType {
				t.Errorf("Content-Type %q, want %q", got, tc.contentType)
			}
		})
	}
}

// TestServerOverTCP runs the real server on a loopback port: Server and
// Date headers, Content-Length, pipelining, the body limit.
func TestServerOverTCP(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := newServer(testServer(t), slog.Default(), tunedOptions{})
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Shutdown() })

	conn, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(5 * time.Second))
	var requests strings.Builder
	for _, p := range []string{"/plaintext", "/json", "/plaintext"} {
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
		if string(body) != want || resp.ContentLength != int64(len(body)) {
			t.Errorf("got %q (Content-Length %d), want %q", body, resp.ContentLength, want)
		}
		if resp.Header.Get("Server") != "battle-go-fasthttp" {
			t.Errorf("Server %q", resp.Header.Get("Server"))
		}
		if _, err := http.ParseTime(resp.Header.Get("Date")); err != nil {
			t.Errorf("Date header %q: %v", resp.Header.Get("Date"), err)
		}
	}

	// A body over the limit: fasthttp answers 413 from the Content-Length
	// alone and closes the connection. Only the head is sent, since a client
	// still writing the body when the server closes gets a reset instead of
	// the answer (a flaky failure with http.Post).
	big, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer big.Close()
	big.SetDeadline(time.Now().Add(5 * time.Second))
	head := fmt.Sprintf("POST /orders HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n", maxOrderBytes+1)
	if _, err := io.WriteString(big, head); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(big), nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("a body over the limit got %d, want 413", resp.StatusCode)
	}
}

// TestSuiteOrderFixtures posts every suite/orders/NAME.json to the handler
// and compares the answer with NAME.expected.json (see that folder's README).
func TestSuiteOrderFixtures(t *testing.T) {
	dir := filepath.Join("..", "..", "suite", "orders")
	if root := os.Getenv("BATTLE_ROOT"); root != "" {
		dir = filepath.Join(root, "suite", "orders")
	}
	expected, _ := filepath.Glob(filepath.Join(dir, "*.expected.json"))
	if len(expected) == 0 {
		t.Skipf("no fixtures in %s", dir)
	}
	s := &server{catalog: testCatalog}
	for _, exp := range expected {
		name := strings.TrimSuffix(filepath.Base(exp), ".expected.json")
		t.Run(name, func(t *testing.T) {
			body := mustRead(t, filepath.Join(dir, name+".json"))
			want := readJSON(t, mustRead(t, exp))
			ctx := call(s, "POST", "/orders", string(body))
			status, answer := ctx.Response.StatusCode(), ctx.Response.Body()
			got := readJSON(t, answer)
			if strings.HasPrefix(name, "good-") {
				if status != http.StatusOK || !reflect.DeepEqual(got, want) {
					t.Errorf("got %d %s\nwant 200 %s", status, answer, mustRead(t, exp))
				}
				return
			}
			wantStatus, _ := want.(map[string]any)["status"].(json.Number).Int64()
			if int64(status) != wantStatus || got.(map[string]any)["field"] != want.(map[string]any)["field"] {
				t.Errorf("got %d %s, want %d field %v", status, answer, wantStatus, want.(map[string]any)["field"])
			}
		})
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func readJSON(t *testing.T, b []byte) any {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("not JSON: %s (%v)", b, err)
	}
	return v
}
