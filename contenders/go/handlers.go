package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"html/template"
	"log/slog"
	"net/http"
	"slices"
	"strconv"
	"strings"
)

// maxOrderBytes bounds an /orders body; the suite's are 1-3 KB.
const maxOrderBytes = 1 << 20

type server struct {
	store    *Store
	catalog  Catalog
	helpdesk *Helpdesk // the helpdesk suite's /api routes; nil answers them 500
}

func (s *server) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /plaintext", plaintext)
	mux.HandleFunc("GET /json", hello)
	mux.HandleFunc("GET /db", s.db)
	mux.HandleFunc("GET /queries", s.queries)
	mux.HandleFunc("GET /fortunes", s.fortunes)
	mux.HandleFunc("GET /updates", s.updates)
	mux.HandleFunc("POST /orders", s.orders)
	helpdesk := s.helpdesk
	if helpdesk == nil {
		helpdesk = &Helpdesk{}
	}
	helpdesk.register(mux)
	return withServerHeader(mux)
}

// withServerHeader adds the Server header the suite asks for; net/http
// writes Date itself.
func withServerHeader(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Server", "battle-go")
		next.ServeHTTP(w, r)
	})
}

var helloWorld = []byte("Hello, World!")

func plaintext(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Type", "text/plain")
	h.Set("Content-Length", strconv.Itoa(len(helloWorld)))
	w.Write(helloWorld)
}

type message struct {
	Message string `json:"message"`
}

func hello(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, message{Message: "Hello, World!"})
}

func (s *server) db(w http.ResponseWriter, r *http.Request) {
	world, err := s.store.RandomWorld(r.Context())
	if err != nil {
		dbFailed(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, world)
}

func (s *server) queries(w http.ResponseWriter, r *http.Request) {
	worlds, err := s.store.RandomWorlds(r.Context(), queryCount(r))
	if err != nil {
		dbFailed(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, worlds)
}

func (s *server) updates(w http.ResponseWriter, r *http.Request) {
	worlds, err := s.store.UpdateWorlds(r.Context(), queryCount(r))
	if err != nil {
		dbFailed(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, worlds)
}

// queryCount reads the queries parameter, clamped to 1..500.
func queryCount(r *http.Request) int {
	return clampQueries(r.URL.Query().Get("queries"))
}

// clampQueries: missing, empty or not an integer gives 1; an integer too
// large for an int still counts as large (strconv.Atoi returns the nearest
// bound with ErrRange).
func clampQueries(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil && !errors.Is(err, strconv.ErrRange) {
		return 1
	}
	return min(max(n, 1), 500)
}

var fortunesPage = template.Must(template.New("fortunes").Parse(
	`<!DOCTYPE html><html><head><title>Fortunes</title></head><body><table>` +
		`<tr><th>id</th><th>message</th></tr>` +
		`{{range .}}<tr><td>{{.ID}}</td><td>{{.Message}}</td></tr>{{end}}` +
		`</table></body></html>`))

// renderFortunes adds the request-time fortune, sorts by message (Go
// compares strings byte-wise, which is code-point order for UTF-8) and
// renders the page; html/template escapes the messages.
func renderFortunes(fortunes []Fortune) (*bytes.Buffer, error) {
	fortunes = append(fortunes, Fortune{ID: 0, Message: "Additional fortune added at request time."})
	slices.SortFunc(fortunes, func(a, b Fortune) int { return strings.Compare(a.Message, b.Message) })
	var page bytes.Buffer
	err := fortunesPage.Execute(&page, fortunes)
	return &page, err
}

func (s *server) fortunes(w http.ResponseWriter, r *http.Request) {
	fortunes, err := s.store.Fortunes(r.Context())
	if err != nil {
		dbFailed(w, r, err)
		return
	}
	page, err := renderFortunes(fortunes)
	if err != nil {
		slog.Error("rendering fortunes", "err", err)
		http.Error(w, "internal server error", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(page.Len()))
	w.Write(page.Bytes())
}

func (s *server) orders(w http.ResponseWriter, r *http.Request) {
	order, err := DecodeOrder(http.MaxBytesReader(w, r.Body, maxOrderBytes), s.catalog)
	if err != nil {
		var tooLarge *http.MaxBytesError
		var verr *ValidationError
		switch {
		case errors.As(err, &tooLarge):
			writeJSON(w, http.StatusRequestEntityTooLarge, invalid("", "body exceeds "+strconv.Itoa(maxOrderBytes)+" bytes"))
		case errors.As(err, &verr):
			writeJSON(w, http.StatusBadRequest, verr)
		default:
			writeJSON(w, http.StatusBadRequest, invalid("", err.Error()))
		}
		return
	}
	writeJSON(w, http.StatusOK, order.Summarize())
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		slog.Error("encoding JSON", "err", err)
		http.Error(w, "internal server error", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	w.Write(body)
}

// dbFailed answers 503 when the database cannot be reached or a query
// fails. A request whose client went away is not worth a log line.
func dbFailed(w http.ResponseWriter, r *http.Request, err error) {
	if r.Context().Err() != nil {
		return // lib/pq reports the cancelled query as its own error
	}
	slog.Error("database", "path", r.URL.Path, "err", err)
	http.Error(w, "database unavailable", http.StatusServiceUnavailable)
}
