package main

import "testing"

func env(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func TestLoadConfigDefaults(t *testing.T) {
	cfg, err := LoadConfig(env(nil))
	if err != nil {
		t.Fatal(err)
	}
	want := Config{Addr: "127.0.0.1:8080", DatabaseURL: "postgres://battle@127.0.0.1:5432/battle?sslmode=disable", DBPool: 16}
	if cfg != want {
		t.Errorf("got %+v, want %+v", cfg, want)
	}
}

func TestLoadConfigFromParts(t *testing.T) {
	cfg, err := LoadConfig(env(map[string]string{
		"BATTLE_HOST": "::1", "BATTLE_PORT": "28081", "BATTLE_DB_HOST": "127.0.0.1", "BATTLE_DB_PORT": "25432",
		"BATTLE_DB_NAME": "w", "BATTLE_DB_USER": "u", "BATTLE_DB_PASSWORD": "p@ss",
		"BATTLE_DB_POOL": "4", "BATTLE_WORKERS": "2", "BATTLE_LIVE_HEAP_MB": "512",
	}))
	if err != nil {
		t.Fatal(err)
	}
	want := Config{Addr: "[::1]:28081", DatabaseURL: "postgres://u:p%40ss@127.0.0.1:25432/w?sslmode=disable", DBPool: 4, Workers: 2, LiveHeapMB: 512}
	if cfg != want {
		t.Errorf("got %+v, want %+v", cfg, want)
	}
}

func TestLoadConfigURL(t *testing.T) {
	for in, want := range map[string]string{
		"postgres://battle@127.0.0.1:5432/battle":                "postgres://battle@127.0.0.1:5432/battle?sslmode=disable",
		"postgresql://battle:pw@db:6543/x?sslmode=require":       "postgresql://battle:pw@db:6543/x?sslmode=require",
		"postgres://battle@127.0.0.1/battle?application_name=go": "postgres://battle@127.0.0.1/battle?application_name=go&sslmode=disable",
	} {
		cfg, err := LoadConfig(env(map[string]string{"BATTLE_DB_URL": in, "BATTLE_DB_HOST": "ignored"}))
		if err != nil {
			t.Fatal(err)
		}
		if cfg.DatabaseURL != want {
			t.Errorf("BATTLE_DB_URL=%s gave %s, want %s", in, cfg.DatabaseURL, want)
		}
	}
}

func TestLoadConfigErrors(t *testing.T) {
	for _, m := range []map[string]string{
		{"BATTLE_PORT": "http"}, {"BATTLE_PORT": "70000"}, {"BATTLE_DB_POOL": "0"}, {"BATTLE_DB_POOL": "x"},
		{"BATTLE_WORKERS": "-1"}, {"BATTLE_LIVE_HEAP_MB": "1.5"}, {"BATTLE_DB_URL": "mysql://x"},
	} {
		if cfg, err := LoadConfig(env(m)); err == nil {
			t.Errorf("%v accepted: %+v", m, cfg)
		}
	}
}
