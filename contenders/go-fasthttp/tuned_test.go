package main

import (
	"log/slog"
	"testing"
)

func TestTunedOptionsAreOffUnlessSet(t *testing.T) {
	env := map[string]string{}
	getenv := func(k string) string { return env[k] }
	opts, err := loadTunedOptions(getenv)
	if err != nil || opts.disableHeaderNamesNormalizing {
		t.Fatalf("unset: got %+v, %v; want off", opts, err)
	}
	if srv := newServer(testServer(t), slog.Default(), opts); srv.DisableHeaderNamesNormalizing {
		t.Fatal("the idiomatic server normalizes header names (fasthttp's default)")
	}
	env["BATTLE_FASTHTTP_DISABLE_HEADER_NAMES_NORMALIZING"] = "1"
	opts, err = loadTunedOptions(getenv)
	if err != nil || !opts.disableHeaderNamesNormalizing {
		t.Fatalf("1: got %+v, %v; want on", opts, err)
	}
	if srv := newServer(testServer(t), slog.Default(), opts); !srv.DisableHeaderNamesNormalizing {
		t.Fatal("the tuned server should not normalize header names")
	}
}

func TestEnvFlag(t *testing.T) {
	for value, want := range map[string]bool{"": false, "0": false, "off": false, " True ": true, "yes": true} {
		got, err := envFlag(func(string) string { return value }, "X")
		if err != nil || got != want {
			t.Errorf("%q: got %v, %v; want %v", value, got, err, want)
		}
	}
	if _, err := envFlag(func(string) string { return "2" }, "X"); err == nil {
		t.Error("2: want an error naming X")
	}
}
