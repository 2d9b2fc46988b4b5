package main

import (
	"errors"
	"html/template"
	"log/slog"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"
)

// maxOrderBytes bounds an /orders body; the suite's are 1-3 KB.
const maxOrderBytes = 1 << 20

type server struct {
	store   *Store
	catalog Catalog
}

// routes is the gin engine: no Logger middleware (the suite allows logging
// errors only), Recovery so a panic is a 500 and a stderr line, and 405 for a
// known path with another method.
func (s *server) routes() *gin.Engine {
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	r.HandleMethodNotAllowed = true
	r.Use(gin.Recovery(), serverHeader)
	r.SetHTMLTemplate(fortunesPage)
	r.GET("/plaintext", plaintext)
	r.GET("/json", hello)
	r.GET("/db", s.db)
	r.GET("/queries", s.queries)
	r.GET("/fortunes", s.fortunes)
	r.GET("/updates", s.updates)
	r.POST("/orders", s.orders)
	return r
}

// serverHeader adds the Server header the suite asks for; net/http writes
// Date itself.
func serverHeader(c *gin.Context) {
	c.Header("Server", "battle-go-gin")
}

func plaintext(c *gin.Context) {
	c.String(http.StatusOK, "Hello, World!")
}

type message struct {
	Message string `json:"message"`
}

func hello(c *gin.Context) {
	c.JSON(http.StatusOK, message{Message: "Hello, World!"})
}

func (s *server) db(c *gin.Context) {
	world, err := s.store.RandomWorld(c.Request.Context())
	if err != nil {
		dbFailed(c, err)
		return
	}
	c.JSON(http.StatusOK, world)
}

func (s *server) queries(c *gin.Context) {
	worlds, err := s.store.RandomWorlds(c.Request.Context(), clampQueries(c.Query("queries")))
	if err != nil {
		dbFailed(c, err)
		return
	}
	c.JSON(http.StatusOK, worlds)
}

func (s *server) updates(c *gin.Context) {
	worlds, err := s.store.UpdateWorlds(c.Request.Context(), clampQueries(c.Query("queries")))
	if err != nil {
		dbFailed(c, err)
		return
	}
	c.JSON(http.StatusOK, worlds)
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

// fortunesPage is gin's HTML template (html/template: contextual escaping).
var fortunesPage = template.Must(template.New("fortunes").Parse(
	`<!DOCTYPE html><html><head><title>Fortunes</title></head><body><table>` +
		`<tr><th>id</th><th>message</th></tr>` +
		`{{range .}}<tr><td>{{.ID}}</td><td>{{.Message}}</td></tr>{{end}}` +
		`</table></body></html>`))

// sortFortunes adds the request-time fortune and sorts by message (Go
// compares strings byte-wise, which is code-point order for UTF-8).
func sortFortunes(fortunes []Fortune) []Fortune {
	fortunes = append(fortunes, Fortune{ID: 0, Message: "Additional fortune added at request time."})
	slices.SortFunc(fortunes, func(a, b Fortune) int { return strings.Compare(a.Message, b.Message) })
	return fortunes
}

func (s *server) fortunes(c *gin.Context) {
	fortunes, err := s.store.Fortunes(c.Request.Context())
	if err != nil {
		dbFailed(c, err)
		return
	}
	c.HTML(http.StatusOK, "fortunes", sortFortunes(fortunes))
}

// orders decodes the body itself rather than with c.ShouldBindJSON: binding
// into a struct stops at the first type error in document order and matches
// keys case-insensitively, where the suite wants the first failure in its
// own field order (see orders.go).
func (s *server) orders(c *gin.Context) {
	order, err := DecodeOrder(http.MaxBytesReader(c.Writer, c.Request.Body, maxOrderBytes), s.catalog)
	if err != nil {
		var tooLarge *http.MaxBytesError
		var verr *ValidationError
		switch {
		case errors.As(err, &tooLarge):
			c.JSON(http.StatusRequestEntityTooLarge, invalid("", "body exceeds "+strconv.Itoa(maxOrderBytes)+" bytes"))
		case errors.As(err, &verr):
			c.JSON(http.StatusBadRequest, verr)
		default:
			c.JSON(http.StatusBadRequest, invalid("", err.Error()))
		}
		return
	}
	c.JSON(http.StatusOK, order.Summarize())
}

// dbFailed answers 503 when the database cannot be reached or a query
// fails. A request whose client went away is not worth a log line.
func dbFailed(c *gin.Context, err error) {
	if c.Request.Context().Err() != nil {
		c.AbortWithStatus(http.StatusServiceUnavailable)
		return
	}
	slog.Error("database", "path", c.Request.URL.Path, "err", err)
	c.String(http.StatusServiceUnavailable, "database unavailable")
}
