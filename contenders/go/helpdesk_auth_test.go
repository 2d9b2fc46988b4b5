package main

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"hash"
	"strings"
	"testing"
	"time"
)

const testSecret = "helpdesk-example-secret-do-not-use-in-production"

// testNow is the verifier's clock in tests: 2026-12-06T00:00:00Z.
var testNow = time.Unix(1796601600, 0)

func b64(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }

// signToken builds a JWT by hand (not with golang-jwt, the library under
// test): header and claims as raw JSON, signed with HMAC over newHash.
func signToken(header, claims, secret string, newHash func() hash.Hash) string {
	input := b64(header) + "." + b64(claims)
	mac := hmac.New(newHash, []byte(secret))
	mac.Write([]byte(input))
	return input + "." + base64.RawURLEncoding.EncodeToString(mac.Sum(nil))
}

func hs256(claims string) string {
	return signToken(`{"alg":"HS256","typ":"JWT"}`, claims, testSecret, sha256.New)
}

func testVerifier() *TokenVerifier {
	return NewTokenVerifier(testSecret, func() time.Time { return testNow })
}

func TestVerifierAcceptsValidTokens(t *testing.T) {
	v := testVerifier()
	for _, tc := range []struct {
		name, claims string
		read, write  bool
	}{
		{"read", `{"sub":"alice","exp":1796601700,"scope":"tickets:read"}`, true, false},
		{"both", `{"sub":"bob","exp":4102444800,"scope":"tickets:read tickets:write"}`, true, true},
		{"fractional exp", `{"sub":"bob","exp":1796601660.5,"scope":"tickets:write"}`, false, true},
		{"no scope", `{"sub":"carol","exp":4102444800}`, false, false},
		{"scope not a string", `{"sub":"carol","exp":4102444800,"scope":["tickets:read"]}`, false, false},
		{"scope prefix only", `{"sub":"carol","exp":4102444800,"scope":"tickets:reader"}`, false, false},
	} {
		p, err := v.Verify("Bearer " + hs256(tc.claims))
		if err != nil {
			t.Errorf("%s: Verify = %v, want a principal", tc.name, err)
			continue
		}
		if p.Subject == "" || p.HasScope(scopeRead) != tc.read || p.HasScope(scopeWrite) != tc.write {
			t.Errorf("%s: principal %+v, read %v write %v; want read %v write %v",
				tc.name, p, p.HasScope(scopeRead), p.HasScope(scopeWrite), tc.read, tc.write)
		}
	}
}

func TestVerifierRefusesInvalidTokens(t *testing.T) {
	v := testVerifier()
	good := `{"sub":"alice","exp":4102444800,"scope":"tickets:read"}`
	valid := hs256(good)
	parts := strings.Split(valid, ".")
	for _, tc := range []struct{ name, header string }{
		{"no header", ""},
		{"not Bearer", "Basic " + valid},
		{"lower-case scheme", "bearer " + valid},
		{"Bearer alone", "Bearer "},
		{"two parts", "Bearer " + parts[0] + "." + parts[1]},
		{"four parts", "Bearer " + valid + ".x"},
		{"not base64", "Bearer !!." + parts[1] + "." + parts[2]},
		{"wrong secret", "Bearer " + signToken(`{"alg":"HS256"}`, good, "other", sha256.New)},
		{"claims changed", "Bearer " + parts[0] + "." + b64(`{"sub":"mallory","exp":4102444800,"scope":"tickets:read tickets:write"}`) + "." + parts[2]},
		{"alg none", "Bearer " + b64(`{"alg":"none"}`) + "." + b64(good) + "."},
		{"alg HS384", "Bearer " + signToken(`{"alg":"HS384"}`, good, testSecret, sha512.New384)},
		{"no alg", "Bearer " + signToken(`{"typ":"JWT"}`, good, testSecret, sha256.New)},
		{"expired", "Bearer " + hs256(`{"sub":"alice","exp":1796601599,"scope":"tickets:read"}`)},
		{"exp now", "Bearer " + hs256(`{"sub":"alice","exp":1796601600,"scope":"tickets:read"}`)},
		{"no exp", "Bearer " + hs256(`{"sub":"alice","scope":"tickets:read"}`)},
		{"exp null", "Bearer " + hs256(`{"sub":"alice","exp":null,"scope":"tickets:read"}`)},
		{"exp a string", "Bearer " + hs256(`{"sub":"alice","exp":"4102444800","scope":"tickets:read"}`)},
		{"no sub", "Bearer " + hs256(`{"exp":4102444800,"scope":"tickets:read"}`)},
		{"empty sub", "Bearer " + hs256(`{"sub":"","exp":4102444800,"scope":"tickets:read"}`)},
		{"sub a number", "Bearer " + hs256(`{"sub":42,"exp":4102444800,"scope":"tickets:read"}`)},
		{"claims not an object", "Bearer " + hs256(`[1,2]`)},
	} {
		if p, err := v.Verify(tc.header); err == nil {
			t.Errorf("%s: Verify accepted %q as %+v", tc.name, tc.header, p)
		}
	}
}

func TestNoSecretNoVerifier(t *testing.T) {
	if v := NewTokenVerifier("", time.Now); v != nil {
		t.Fatalf("NewTokenVerifier(\"\") = %+v, want nil (routes answer 500)", v)
	}
}

// BenchmarkVerify: one token check as every helpdesk request pays it
// (./test.sh -run X -bench Verify -benchmem); no timed assertion.
func BenchmarkVerify(b *testing.B) {
	v := testVerifier()
	header := "Bearer " + hs256(`{"sub":"alice","scope":"tickets:read tickets:write","iat":1767225600,"exp":4102444800}`)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := v.Verify(header); err != nil {
			b.Fatal(err)
		}
	}
}
