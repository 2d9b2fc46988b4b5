package main

import (
	"errors"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
)

// Helpdesk serves the helpdesk example suite's API (suite/helpdesk) beside
// the Battle Suite's routes. Its zero value answers every /api request 500,
// as when HELPDESK_JWT_SECRET is unset.
type Helpdesk struct {
	verifier *TokenVerifier // nil: HELPDESK_JWT_SECRET is unset
	store    *HelpdeskStore
}

// maxTicketBytes bounds a POST /api/tickets body; real ones are < 300 B.
const maxTicketBytes = 64 << 10

func (h *Helpdesk) register(mux *http.ServeMux) {
	mux.HandleFunc("GET /api/tickets", h.authorized(scopeRead, h.list))
	mux.HandleFunc("GET /api/tickets/{id}", h.authorized(scopeRead, h.get))
	mux.HandleFunc("POST /api/tickets", h.authorized(scopeWrite, h.create))
	// Everything else under /api/ answers in JSON too (ServeMux's own 404
	// and 405 are text/plain).
	mux.HandleFunc("/api/", apiFallback)
}

type principalHandler func(w http.ResponseWriter, r *http.Request, p Principal)

var (
	errBodyUnauthorized = &APIError{Message: "unauthorized"}
	errBodyForbidden    = &APIError{Message: "forbidden"}
	errBodyNoSecret     = &APIError{Message: "HELPDESK_JWT_SECRET is not set"}
	errBodyNotFound     = &APIError{Message: "not found"}
)

// authorized verifies the bearer token on every request, then the scope:
// 401 for a missing or invalid token, 403 for a valid one without scope.
func (h *Helpdesk) authorized(scope string, next principalHandler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if h.verifier == nil {
			writeJSON(w, http.StatusInternalServerError, errBodyNoSecret)
			return
		}
		p, err := h.verifier.Verify(r.Header.Get("Authorization"))
		if err != nil {
			w.Header().Set("WWW-Authenticate", "Bearer")
			writeJSON(w, http.StatusUnauthorized, errBodyUnauthorized)
			return
		}
		if !p.HasScope(scope) {
			writeJSON(w, http.StatusForbidden, errBodyForbidden)
			return
		}
		next(w, r, p)
	}
}

func (h *Helpdesk) list(w http.ResponseWriter, r *http.Request, _ Principal) {
	q, ferr := ParseTicketQuery(r.URL.Query())
	if ferr != nil {
		writeJSON(w, http.StatusBadRequest, ferr)
		return
	}
	page, err := h.store.ListTickets(r.Context(), q)
	if err != nil {
		apiDBFailed(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, page)
}

func (h *Helpdesk) get(w http.ResponseWriter, r *http.Request, _ Principal) {
	id, found, ferr := ParseTicketID(r.PathValue("id"))
	if ferr != nil {
		writeJSON(w, http.StatusBadRequest, ferr)
		return
	}
	if !found {
		writeJSON(w, http.StatusNotFound, errBodyNotFound)
		return
	}
	ticket, err := h.store.Ticket(r.Context(), id)
	switch {
	case errors.Is(err, errTicketNotFound):
		writeJSON(w, http.StatusNotFound, errBodyNotFound)
	case err != nil:
		apiDBFailed(w, r, err)
	default:
		writeJSON(w, http.StatusOK, ticket)
	}
}

func (h *Helpdesk) create(w http.ResponseWriter, r *http.Request, p Principal) {
	t, ferr := DecodeNewTicket(http.MaxBytesReader(w, r.Body, maxTicketBytes))
	if ferr != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(ferr, &tooLarge) {
			writeJSON(w, http.StatusRequestEntityTooLarge, fieldError("body", "exceeds "+strconv.Itoa(maxTicketBytes)+" bytes"))
			return
		}
		writeJSON(w, http.StatusUnprocessableEntity, ferr)
		return
	}
	created, err := h.store.CreateTicket(r.Context(), t, p.Subject)
	switch {
	case errors.Is(err, errUnknownCustomer):
		writeJSON(w, http.StatusUnprocessableEntity, fieldError("customerId", "unknown customer"))
	case err != nil:
		apiDBFailed(w, r, err)
	default:
		w.Header().Set("Location", "/api/tickets/"+strconv.FormatInt(created.ID, 10))
		writeJSON(w, http.StatusCreated, created)
	}
}

// apiFallback: a known path with another method is 405 (with Allow), any
// other path under /api/ 404, both in JSON.
func apiFallback(w http.ResponseWriter, r *http.Request) {
	path := r.URL.Path
	rest, isTicket := strings.CutPrefix(path, "/api/tickets/")
	switch {
	case path == "/api/tickets":
		w.Header().Set("Allow", "GET, HEAD, POST")
	case isTicket && rest != "" && !strings.Contains(rest, "/"):
		w.Header().Set("Allow", "GET, HEAD")
	default:
		writeJSON(w, http.StatusNotFound, errBodyNotFound)
		return
	}
	writeJSON(w, http.StatusMethodNotAllowed, &APIError{Message: "method not allowed"})
}

// apiDBFailed answers 503 in JSON when the database cannot be reached or a
// query fails; a request whose client went away is not logged.
func apiDBFailed(w http.ResponseWriter, r *http.Request, err error) {
	if r.Context().Err() != nil {
		return
	}
	slog.Error("database", "path", r.URL.Path, "err", err)
	writeJSON(w, http.StatusServiceUnavailable, &APIError{Message: "database unavailable"})
}
