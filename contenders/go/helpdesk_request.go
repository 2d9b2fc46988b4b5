package main

import (
	"encoding/json"
	"io"
	"math"
	"net/url"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The helpdesk suite's request parsing and validation (suite/helpdesk, API
// contract): pure functions, no I/O. Every failure is an *APIError whose
// message is "<parameter or field>: <reason>", the contract's error body.

// APIError is every helpdesk error answer, {"error":"..."}: for 400 and
// 422 the message is "<field>: <reason>". One made while reading a body
// wraps the read error, so the caller can tell a body that was too large
// (*http.MaxBytesError) from one that was not JSON.
type APIError struct {
	Message string `json:"error"`
	err     error
}

func (e *APIError) Error() string { return e.Message }
func (e *APIError) Unwrap() error { return e.err }

func fieldError(field, reason string) *APIError {
	return &APIError{Message: field + ": " + reason}
}

// TicketQuery is a validated GET /api/tickets query.
type TicketQuery struct {
	Status string
	After  int64
	Limit  int64
}

var ticketStatuses = map[string]bool{"open": true, "pending": true, "closed": true}

const (
	defaultTicketLimit = 20
	maxTicketLimit     = 100
)

// ParseTicketQuery checks status, after and limit, in that order. A
// parameter given twice counts by its first value. Present but empty is
// not the default: "after=" is not an integer.
func ParseTicketQuery(q url.Values) (TicketQuery, *APIError) {
	t := TicketQuery{Limit: defaultTicketLimit}
	status, ok := q["status"]
	if !ok {
		return t, fieldError("status", "required")
	}
	if !ticketStatuses[status[0]] {
		return t, fieldError("status", "must be one of open, pending, closed")
	}
	t.Status = status[0]
	if after, ok := q["after"]; ok {
		n, ok := digits(after[0])
		if !ok {
			return t, fieldError("after", "must be a non-negative integer")
		}
		t.After = n
	}
	if limit, ok := q["limit"]; ok {
		n, ok := digits(limit[0])
		if !ok || n < 1 || n > maxTicketLimit {
			return t, fieldError("limit", "must be an integer from 1 to 100")
		}
		t.Limit = n
	}
	return t, nil
}

// ParseTicketID reads the {id} of GET /api/tickets/{id}. found is false for
// an id too large for a bigint: a positive integer no row can have (404).
func ParseTicketID(s string) (id int64, found bool, err *APIError) {
	if s == "" || strings.Trim(s, "0123456789") != "" {
		return 0, false, fieldError("id", "must be a positive integer")
	}
	n, ok := digits(s)
	if !ok {
		return 0, false, nil // only digits, so too large
	}
	if n == 0 {
		return 0, false, fieldError("id", "must be a positive integer")
	}
	return n, true, nil
}

// digits parses a non-negative decimal integer written with digits only
// (no sign, no spaces) that fits in an int64.
func digits(s string) (int64, bool) {
	if s == "" || strings.Trim(s, "0123456789") != "" {
		return 0, false
	}
	n, err := strconv.ParseInt(s, 10, 64)
	return n, err == nil
}

// NewTicket is a validated POST /api/tickets body.
type NewTicket struct {
	CustomerID int64
	Subject    string
	Priority   int64
}

const maxSubjectRunes = 200

// DecodeNewTicket reads one JSON object and checks customerId, subject and
// priority in that order; other keys are ignored. Like /orders it decodes
// into generic values, so the first failure is reported in the contract's
// order with its exact key, and 3.0 or 1e2 are not integers.
func DecodeNewTicket(r io.Reader) (NewTicket, *APIError) {
	dec := json.NewDecoder(r)
	dec.UseNumber()
	var body any
	if err := dec.Decode(&body); err != nil {
		return NewTicket{}, &APIError{Message: "body: not valid JSON", err: err}
	}
	if _, err := dec.Token(); err != io.EOF {
		return NewTicket{}, &APIError{Message: "body: not valid JSON (data after the value)", err: err}
	}
	return validateNewTicket(body)
}

func validateNewTicket(body any) (NewTicket, *APIError) {
	root, ok := body.(map[string]any)
	if !ok {
		return NewTicket{}, fieldError("body", "must be a JSON object")
	}
	var t NewTicket
	raw, present := root["customerId"]
	if !present {
		return t, fieldError("customerId", "required")
	}
	if t.CustomerID, ok = integer(raw, 1, math.MaxInt32); !ok {
		return t, fieldError("customerId", "must be an integer from 1 to 2147483647")
	}
	raw, present = root["subject"]
	if !present {
		return t, fieldError("subject", "required")
	}
	subject, ok := raw.(string)
	if !ok {
		return t, fieldError("subject", "must be a string")
	}
	if n := utf8.RuneCountInString(subject); n < 1 || n > maxSubjectRunes {
		return t, fieldError("subject", "must be 1 to 200 characters")
	}
	if strings.TrimFunc(subject, unicode.IsSpace) == "" {
		return t, fieldError("subject", "must not be only whitespace")
	}
	// PostgreSQL's text cannot hold U+0000; refuse it here rather than fail
	// in the INSERT.
	if strings.IndexByte(subject, 0) >= 0 {
		return t, fieldError("subject", "must not contain U+0000")
	}
	t.Subject = subject
	raw, present = root["priority"]
	if !present {
		return t, fieldError("priority", "required")
	}
	if t.Priority, ok = integer(raw, 1, 4); !ok {
		return t, fieldError("priority", "must be an integer from 1 to 4")
	}
	return t, nil
}
