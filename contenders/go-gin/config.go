package main

import (
	"fmt"
	"net"
	"net/url"
	"strconv"
)

// Config is what the arena tells the server through the environment
// (docs/SUITE.md section 4).
type Config struct {
	Addr        string // host:port to listen on
	DatabaseURL string
	DBPool      int // open and idle connections in the pool
	Workers     int // GOMAXPROCS; 0 keeps Go's default (the affinity mask)
	LiveHeapMB  int // sizes the resident catalog
}

const defaultDBPool = 16

// LoadConfig reads the BATTLE_* variables through getenv (os.Getenv in main,
// a map in tests).
func LoadConfig(getenv func(string) string) (Config, error) {
	port := orDefault(getenv("BATTLE_PORT"), "8080")
	if _, err := strconv.ParseUint(port, 10, 16); err != nil {
		return Config{}, fmt.Errorf("BATTLE_PORT=%q is not a TCP port number", port)
	}
	cfg := Config{Addr: net.JoinHostPort(orDefault(getenv("BATTLE_HOST"), "127.0.0.1"), port)}
	var err error
	if cfg.DBPool, err = intVar(getenv, "BATTLE_DB_POOL", defaultDBPool, 1); err != nil {
		return cfg, err
	}
	if cfg.Workers, err = intVar(getenv, "BATTLE_WORKERS", 0, 0); err != nil {
		return cfg, err
	}
	if cfg.LiveHeapMB, err = intVar(getenv, "BATTLE_LIVE_HEAP_MB", 0, 0); err != nil {
		return cfg, err
	}
	cfg.DatabaseURL, err = databaseURL(getenv)
	return cfg, err
}

// databaseURL prefers BATTLE_DB_URL and otherwise assembles one from the
// separate variables. Both drivers of the Go stacks ask for TLS unless told
// otherwise (lib/pq by default, pgx first with sslmode=prefer); the arena's
// database is a loopback one without TLS, so sslmode=disable is added when
// the URL does not choose.
func databaseURL(getenv func(string) string) (string, error) {
	raw := getenv("BATTLE_DB_URL")
	var u *url.URL
	if raw != "" {
		var err error
		if u, err = url.Parse(raw); err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
			return "", fmt.Errorf("BATTLE_DB_URL=%q is not a postgres:// URL", raw)
		}
	} else {
		u = &url.URL{
			Scheme: "postgres",
			Host: net.JoinHostPort(orDefault(getenv("BATTLE_DB_HOST"), "127.0.0.1"),
				orDefault(getenv("BATTLE_DB_PORT"), "5432")),
			Path: "/" + orDefault(getenv("BATTLE_DB_NAME"), "battle"),
		}
		user := orDefault(getenv("BATTLE_DB_USER"), "battle")
		if pw := getenv("BATTLE_DB_PASSWORD"); pw != "" {
			u.User = url.UserPassword(user, pw)
		} else {
			u.User = url.User(user)
		}
	}
	q := u.Query()
	if q.Get("sslmode") == "" {
		q.Set("sslmode", "disable")
		u.RawQuery = q.Encode()
	}
	return u.String(), nil
}

func intVar(getenv func(string) string, name string, def, min int) (int, error) {
	s := getenv(name)
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < min {
		return 0, fmt.Errorf("%s=%q: want an integer >= %d", name, s, min)
	}
	return n, nil
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
