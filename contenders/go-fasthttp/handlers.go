package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"html/template"
	"log/slog"
	"slices"
	"strconv"
	"strings"

	"github.com/valyala/fasthttp"
)

// maxOrderBytes bounds an /orders body; the suite's are 1-3 KB. fasthttp
// itself answers a larger body with 413 (Server.MaxRequestBodySize).
const maxOrderBytes = 1 << 20

type server struct {
	store   *Store
	catalog Catalog
}

// queryContext is the context of the database calls. Not the RequestCtx
// itself: fasthttp's RequestCtx.Done() closes when the server shuts down,
// which would cancel the in-flight requests SIGTERM must let finish.
var queryContext = context.Background()

// handle routes by method and path: fasthttp has no router of its own, and
// a switch is what its examples (and most fasthttp services) do.
func (s *server) handle(ctx *fasthttp.RequestCtx) {
	// fasthttp does not recover panics (one would stop the process).
	defer func() {
		if p := recover(); p != nil {
			slog.Error("panic", "path", string(ctx.Path()), "panic", p)
			ctx.ResetBody()
			ctx.Error("internal server error", fasthttp.StatusInternalServerError)
		}
	}()
	path := string(ctx.Path())
	method := string(ctx.Method())
	want := fasthttp.MethodGet
	switch path {
	case "/orders":
		want = fasthttp.MethodPost
	case "/plaintext", "/json", "/db", "/queries", "/fortunes", "/updates":
	default:
		ctx.Error("Not Found", fasthttp.StatusNotFound)
		return
	}
	if method != want {
		ctx.Response.Header.Set("Allow", want)
		ctx.Error("Method Not Allowed", fasthttp.StatusMethodNotAllowed)
		return
	}
	switch path {
	case "/plaintext":
		ctx.SetContentType("text/plain")
		ctx.SetBodyString("Hello, World!")
	case "/json":
		writeJSON(ctx, fasthttp.StatusOK, message{Message: "Hello, World!"})
	case "/db":
		s.db(ctx)
	case "/queries":
		s.queries(ctx)
	case "/fortunes":
		s.fortunes(ctx)
	case "/updates":
		s.updates(ctx)
	case "/orders":
		s.orders(ctx)
	}
}

// requestError answers a request fasthttp could not read: a body over
// MaxRequestBodySize gets 413 as in the other contenders, the rest fasthttp's
// usual 400.
func requestError(ctx *fasthttp.RequestCtx, err error) {
	if errors.Is(err, fasthttp.ErrBodyTooLarge) {
		writeJSON(ctx, fasthttp.StatusRequestEntityTooLarge, invalid("", "body exceeds "+strconv.Itoa(maxOrderBytes)+" bytes"))
		return
	}
	ctx.Error("Error when parsing request", fasthttp.StatusBadRequest)
}

type message struct {
	Message string `json:"message"`
}

func (s *server) db(ctx *fasthttp.RequestCtx) {
	world, err := s.store.RandomWorld(queryContext)
	if err != nil {
		dbFailed(ctx, err)
		return
	}
	writeJSON(ctx, fasthttp.StatusOK, world)
}

func (s *server) queries(ctx *fasthttp.RequestCtx) {
	worlds, err := s.store.RandomWorlds(queryContext, queryCount(ctx))
	if err != nil {
		dbFailed(ctx, err)
		return
	}
	writeJSON(ctx, fasthttp.StatusOK, worlds)
}

func (s *server) updates(ctx *fasthttp.RequestCtx) {
	worlds, err := s.store.UpdateWorlds(queryContext, queryCount(ctx))
	if err != nil {
		dbFailed(ctx, err)
		return
	}
	writeJSON(ctx, fasthttp.StatusOK, worlds)
}

// queryCount reads the queries parameter (percent-decoded by fasthttp).
func queryCount(ctx *fasthttp.RequestCtx) int {
	return clampQueries(string(ctx.QueryArgs().Peek("queries")))
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

func (s *server) fortunes(ctx *fasthttp.RequestCtx) {
	fortunes, err := s.store.Fortunes(queryContext)
	if err != nil {
		dbFailed(ctx, err)
		return
	}
	page, err := renderFortunes(fortunes)
	if err != nil {
		slog.Error("rendering fortunes", "err", err)
		ctx.Error("internal server error", fasthttp.StatusInternalServerError)
		return
	}
	ctx.SetContentType("text/html; charset=utf-8")
	ctx.SetBody(page.Bytes())
}

func (s *server) orders(ctx *fasthttp.RequestCtx) {
	order, err := DecodeOrder(bytes.NewReader(ctx.PostBody()), s.catalog)
	if err != nil {
		var verr *ValidationError
		if errors.As(err, &verr) {
			writeJSON(ctx, fasthttp.StatusBadRequest, verr)
		} else {
			writeJSON(ctx, fasthttp.StatusBadRequest, invalid("", err.Error()))
		}
		return
	}
	writeJSON(ctx, fasthttp.StatusOK, order.Summarize())
}

func writeJSON(ctx *fasthttp.RequestCtx, status int, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		slog.Error("encoding JSON", "err", err)
		ctx.Error("internal server error", fasthttp.StatusInternalServerError)
		return
	}
	ctx.SetStatusCode(status)
	ctx.SetContentType("application/json")
	ctx.SetBody(body)
}

// dbFailed answers 503 when the database cannot be reached or a query fails.
func dbFailed(ctx *fasthttp.RequestCtx, err error) {
	slog.Error("database", "path", string(ctx.Path()), "err", err)
	ctx.Error("database unavailable", fasthttp.StatusServiceUnavailable)
}
