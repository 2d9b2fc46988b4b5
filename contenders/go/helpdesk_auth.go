package main

import (
	"encoding/json"
	"errors"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// The helpdesk suite's scopes (suite/helpdesk, API contract): GET routes
// need tickets:read, POST tickets:write.
const (
	scopeRead  = "tickets:read"
	scopeWrite = "tickets:write"
)

// TokenVerifier checks the helpdesk suite's bearer tokens with golang-jwt
// v5 on every request (no cache of verified tokens): HS256 only, the
// signature against the secret, exp present and in the future (no leeway),
// sub a non-empty string. One parser serves every request; golang-jwt's
// Parser is read-only once built.
type TokenVerifier struct {
	secret []byte
	parser *jwt.Parser
}

// Principal is who a verified token speaks for and what it may do.
type Principal struct {
	Subject string
	scopes  []string
}

func (p Principal) HasScope(scope string) bool {
	for _, s := range p.scopes {
		if s == scope {
			return true
		}
	}
	return false
}

// helpdeskClaims are the registered claims plus scope. Scope is decoded as
// any value: a scope that is not a string grants nothing (403), while a
// token whose sub has the wrong type fails to decode (401).
//
// Exp shadows RegisteredClaims.ExpiresAt: golang-jwt's NumericDate also
// takes a number written as a string ("exp":"4102444800"), and the contract
// wants a JSON number; GetExpirationTime below reads it.
type helpdeskClaims struct {
	jwt.RegisteredClaims
	Exp   json.RawMessage `json:"exp"`
	Scope any             `json:"scope"`
}

var errExpNotNumber = errors.New("exp is not a JSON number")

// GetExpirationTime replaces RegisteredClaims' for golang-jwt's validator:
// absent or null is "missing" (WithExpirationRequired refuses it), a
// number is read as NumericDate does, anything else is an error.
func (c *helpdeskClaims) GetExpirationTime() (*jwt.NumericDate, error) {
	if len(c.Exp) == 0 || string(c.Exp) == "null" {
		return nil, nil
	}
	if b := c.Exp[0]; b != '-' && (b < '0' || b > '9') {
		return nil, errExpNotNumber
	}
	var exp jwt.NumericDate
	if err := exp.UnmarshalJSON(c.Exp); err != nil {
		return nil, err
	}
	return &exp, nil
}

// Validate runs after golang-jwt's own checks (exp, nbf): sub is required.
func (c *helpdeskClaims) Validate() error {
	if c.Subject == "" {
		return errors.New("sub is missing or empty")
	}
	return nil
}

// NewTokenVerifier returns nil for an empty secret: the helpdesk routes
// then answer 500 naming HELPDESK_JWT_SECRET. now is the clock exp is
// checked against (time.Now in the server; fixed in tests).
func NewTokenVerifier(secret string, now func() time.Time) *TokenVerifier {
	if secret == "" {
		return nil
	}
	return &TokenVerifier{
		secret: []byte(secret),
		parser: jwt.NewParser(
			jwt.WithValidMethods([]string{jwt.SigningMethodHS256.Alg()}),
			jwt.WithExpirationRequired(),
			jwt.WithTimeFunc(now),
		),
	}
}

var errNotBearer = errors.New("the Authorization header is missing or not Bearer")

// Verify reads an Authorization header value ("Bearer <JWT>") and returns
// the token's principal, or an error for any reason the token is refused.
func (v *TokenVerifier) Verify(authorization string) (Principal, error) {
	raw, ok := strings.CutPrefix(authorization, "Bearer ")
	if !ok || raw == "" {
		return Principal{}, errNotBearer
	}
	var claims helpdeskClaims
	_, err := v.parser.ParseWithClaims(raw, &claims, func(t *jwt.Token) (any, error) {
		// WithValidMethods already refused every alg but HS256; the type
		// check keeps the key from reaching any other method.
		if _, ok := t.Method.(*jwt.SigningMethodHMAC); !ok {
			return nil, errors.New("not an HMAC token")
		}
		return v.secret, nil
	})
	if err != nil {
		return Principal{}, err
	}
	p := Principal{Subject: claims.Subject}
	if scope, ok := claims.Scope.(string); ok {
		p.scopes = strings.Fields(scope)
	}
	return p, nil
}
