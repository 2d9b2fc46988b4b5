package main

import (
	"net/url"
	"strings"
	"testing"
)

func TestParseTicketQuery(t *testing.T) {
	for _, tc := range []struct {
		query string
		want  TicketQuery
		err   string
	}{
		{"status=open", TicketQuery{"open", 0, 20}, ""},
		{"status=pending&after=42&limit=100", TicketQuery{"pending", 42, 100}, ""},
		{"limit=1&status=closed&after=0", TicketQuery{"closed", 0, 1}, ""},
		{"status=open&status=bogus", TicketQuery{"open", 0, 20}, ""},
		{"", TicketQuery{}, "status: required"},
		{"after=1", TicketQuery{}, "status: required"},
		{"status=", TicketQuery{}, "status: must be one of open, pending, closed"},
		{"status=OPEN", TicketQuery{}, "status: must be one of open, pending, closed"},
		{"status=open&after=", TicketQuery{}, "after: must be a non-negative integer"},
		{"status=open&after=-1", TicketQuery{}, "after: must be a non-negative integer"},
		{"status=open&after=%2B1", TicketQuery{}, "after: must be a non-negative integer"},
		{"status=open&after=1.5", TicketQuery{}, "after: must be a non-negative integer"},
		{"status=open&after=99999999999999999999", TicketQuery{}, "after: must be a non-negative integer"},
		{"status=open&limit=0", TicketQuery{}, "limit: must be an integer from 1 to 100"},
		{"status=open&limit=101", TicketQuery{}, "limit: must be an integer from 1 to 100"},
		{"status=open&limit=1e1", TicketQuery{}, "limit: must be an integer from 1 to 100"},
		{"status=open&limit=%2010", TicketQuery{}, "limit: must be an integer from 1 to 100"},
		// status is checked first, then after, then limit
		{"status=x&after=-1&limit=0", TicketQuery{}, "status: must be one of open, pending, closed"},
		{"status=open&after=-1&limit=0", TicketQuery{}, "after: must be a non-negative integer"},
	} {
		values, err := url.ParseQuery(tc.query)
		if err != nil {
			t.Fatal(err)
		}
		got, ferr := ParseTicketQuery(values)
		switch {
		case tc.err != "" && (ferr == nil || ferr.Message != tc.err):
			t.Errorf("%q: error %v, want %q", tc.query, ferr, tc.err)
		case tc.err == "" && (ferr != nil || got != tc.want):
			t.Errorf("%q: %+v, %v; want %+v", tc.query, got, ferr, tc.want)
		}
	}
}

func TestParseTicketID(t *testing.T) {
	for _, tc := range []struct {
		in    string
		id    int64
		found bool
		bad   bool
	}{
		{"1", 1, true, false},
		{"10000", 10000, true, false},
		{"007", 7, true, false},
		{"9223372036854775807", 9223372036854775807, true, false},
		{"9223372036854775808", 0, false, false}, // a positive integer, but no bigint: 404
		{"0", 0, false, true},
		{"-1", 0, false, true},
		{"+1", 0, false, true},
		{"1.0", 0, false, true},
		{"abc", 0, false, true},
		{"", 0, false, true},
	} {
		id, found, ferr := ParseTicketID(tc.in)
		if id != tc.id || found != tc.found || (ferr != nil) != tc.bad {
			t.Errorf("ParseTicketID(%q) = %d, %v, %v; want %d, %v, bad %v", tc.in, id, found, ferr, tc.id, tc.found, tc.bad)
		}
		if ferr != nil && ferr.Message != "id: must be a positive integer" {
			t.Errorf("ParseTicketID(%q): message %q", tc.in, ferr.Message)
		}
	}
}

func TestDecodeNewTicket(t *testing.T) {
	long := strings.Repeat("é", 200)
	for _, tc := range []struct {
		body string
		want NewTicket
		err  string
	}{
		{`{"customerId":5,"subject":"Printer on fire","priority":3}`, NewTicket{5, "Printer on fire", 3}, ""},
		{`{"priority":1,"subject":"` + long + `","customerId":2147483647,"extra":[1]}`, NewTicket{2147483647, long, 1}, ""},
		{`{"customerId":1,"subject":" x ","priority":4}`, NewTicket{1, " x ", 4}, ""},
		{``, NewTicket{}, "body: not valid JSON"},
		{`{"customerId":1,`, NewTicket{}, "body: not valid JSON"},
		{`nope`, NewTicket{}, "body: not valid JSON"},
		{`{"customerId":1,"subject":"x","priority":1} {}`, NewTicket{}, "body: not valid JSON (data after the value)"},
		{`[{"customerId":1}]`, NewTicket{}, "body: must be a JSON object"},
		{`null`, NewTicket{}, "body: must be a JSON object"},
		{`{}`, NewTicket{}, "customerId: required"},
		{`{"customerId":null,"subject":"x","priority":1}`, NewTicket{}, "customerId: must be an integer from 1 to 2147483647"},
		{`{"customerId":3.0,"subject":"x","priority":1}`, NewTicket{}, "customerId: must be an integer from 1 to 2147483647"},
		{`{"customerId":1e2,"subject":"x","priority":1}`, NewTicket{}, "customerId: must be an integer from 1 to 2147483647"},
		{`{"customerId":"5","subject":"x","priority":1}`, NewTicket{}, "customerId: must be an integer from 1 to 2147483647"},
		{`{"customerId":0,"subject":"x","priority":1}`, NewTicket{}, "customerId: must be an integer from 1 to 2147483647"},
		{`{"customerId":2147483648,"subject":"x","priority":1}`, NewTicket{}, "customerId: must be an integer from 1 to 2147483647"},
		{`{"CustomerId":5,"subject":"x","priority":1}`, NewTicket{}, "customerId: required"},
		{`{"customerId":5,"priority":1}`, NewTicket{}, "subject: required"},
		{`{"customerId":5,"subject":["x"],"priority":1}`, NewTicket{}, "subject: must be a string"},
		{`{"customerId":5,"subject":"","priority":1}`, NewTicket{}, "subject: must be 1 to 200 characters"},
		{`{"customerId":5,"subject":"` + long + `e","priority":1}`, NewTicket{}, "subject: must be 1 to 200 characters"},
		{`{"customerId":5,"subject":" \t\n\u00a0\u3000","priority":1}`, NewTicket{}, "subject: must not be only whitespace"},
		{`{"customerId":5,"subject":"a\u0000b","priority":1}`, NewTicket{}, "subject: must not contain U+0000"},
		{`{"customerId":5,"subject":"x"}`, NewTicket{}, "priority: required"},
		{`{"customerId":5,"subject":"x","priority":0}`, NewTicket{}, "priority: must be an integer from 1 to 4"},
		{`{"customerId":5,"subject":"x","priority":5}`, NewTicket{}, "priority: must be an integer from 1 to 4"},
		{`{"customerId":5,"subject":"x","priority":2.5}`, NewTicket{}, "priority: must be an integer from 1 to 4"},
		// the contract's order: customerId, then subject, then priority
		{`{"priority":9,"subject":"","customerId":-1}`, NewTicket{}, "customerId: must be an integer from 1 to 2147483647"},
		{`{"priority":9,"subject":""}`, NewTicket{}, "customerId: required"},
		{`{"priority":9,"subject":"","customerId":1}`, NewTicket{}, "subject: must be 1 to 200 characters"},
	} {
		got, ferr := DecodeNewTicket(strings.NewReader(tc.body))
		switch {
		case tc.err != "" && (ferr == nil || ferr.Message != tc.err):
			t.Errorf("%s: error %v, want %q", tc.body, ferr, tc.err)
		case tc.err == "" && (ferr != nil || got != tc.want):
			t.Errorf("%s: %+v, %v; want %+v", tc.body, got, ferr, tc.want)
		}
	}
}
