// Command battle-go-fasthttp is a Go contender of battle: the Battle Suite
// v1 (docs/SUITE.md) on valyala/fasthttp (its own HTTP/1.1 server, not
// net/http), encoding/json, html/template and pgx v4's pgxpool.
package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"runtime"
	"strings"
	"syscall"
	"time"

	"github.com/valyala/fasthttp"
)

// shutdownGrace stays under the arena's 10 s between SIGTERM and SIGKILL.
const shutdownGrace = 8 * time.Second

func main() {
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelError}))
	slog.SetDefault(logger)
	if err := run(logger); err != nil {
		logger.Error("battle-go-fasthttp", "err", err)
		os.Exit(1)
	}
}

func run(logger *slog.Logger) error {
	cfg, err := LoadConfig(os.Getenv)
	if err != nil {
		return err
	}
	// Go sizes GOMAXPROCS from the affinity mask by itself; BATTLE_WORKERS
	// overrides it when the arena sets it.
	if cfg.Workers > 0 {
		runtime.GOMAXPROCS(cfg.Workers)
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt)
	defer stop()

	catalog, err := NewCatalog(ctx, cfg.LiveHeapMB)
	if err != nil {
		return nil // stopped while starting: nothing to shut down
	}
	store, err := OpenStore(cfg.DatabaseURL, cfg.DBPool)
	if err != nil {
		return err
	}
	defer store.Close()

	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return err
	}
	opts, err := loadTunedOptions(os.Getenv)
	if err != nil {
		return err
	}
	srv := newServer(&server{store: store, catalog: catalog}, logger, opts)

	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()

	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	stop()
	// Shutdown closes the listener and idle connections and waits for the
	// requests in flight.
	shutdownCtx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if err := srv.ShutdownWithContext(shutdownCtx); err != nil {
		return errors.Join(errors.New("requests still in flight at shutdown"), err)
	}
	return nil
}

// newServer is fasthttp's server with its defaults except: the Server
// header's name, the /orders body limit (413 from requestError), timeouts
// like the net/http contender's, and fasthttp's own log lines sent to the
// error logger. opts holds what the tuned tier may turn on (all off by default).
func newServer(s *server, logger *slog.Logger, opts tunedOptions) *fasthttp.Server {
	return &fasthttp.Server{
		Handler:                       s.handle,
		ErrorHandler:                  requestError,
		Name:                          "battle-go-fasthttp",
		MaxRequestBodySize:            maxOrderBytes,
		ReadTimeout:                   2 * time.Minute,
		IdleTimeout:                   2 * time.Minute,
		Logger:                        slog.NewLogLogger(logger.Handler(), slog.LevelError),
		DisableHeaderNamesNormalizing: opts.disableHeaderNamesNormalizing,
	}
}

// tunedOptions are the fasthttp.Server settings the tuned tier may turn on
// (contender.toml, [tiers.tuned.run.env]); the idiomatic build leaves them off.
type tunedOptions struct {
	// fasthttp's Server.DisableHeaderNamesNormalizing, as TechEmpower's fasthttp entry sets it.
	disableHeaderNamesNormalizing bool
}

func loadTunedOptions(getenv func(string) string) (tunedOptions, error) {
	on, err := envFlag(getenv, "BATTLE_FASTHTTP_DISABLE_HEADER_NAMES_NORMALIZING")
	return tunedOptions{disableHeaderNamesNormalizing: on}, err
}

// envFlag reads an on/off variable: off when unset or empty.
func envFlag(getenv func(string) string, name string) (bool, error) {
	value := getenv(name)
	switch strings.ToLower(strings.TrimSpace(value)) {
	case "", "0", "false", "no", "off":
		return false, nil
	case "1", "true", "yes", "on":
		return true, nil
	}
	return false, fmt.Errorf("invalid %s=%q: expected 1 or 0 (true/false, yes/no, on/off)", name, value)
}
