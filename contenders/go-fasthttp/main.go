// Command battle-go-fasthttp is a Go contender of battle: the Battle Suite
// v1 (docs/SUITE.md) on valyala/fasthttp (its own HTTP/1.1 server, not
// net/http), encoding/json, html/template and pgx v4's pgxpool.
package main

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"runtime"
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
	srv := newServer(&server{store: store, catalog: catalog}, logger)

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
// error logger.
func newServer(s *server, logger *slog.Logger) *fasthttp.Server {
	return &fasthttp.Server{
		Handler:            s.handle,
		ErrorHandler:       requestError,
		Name:               "battle-go-fasthttp",
		MaxRequestBodySize: maxOrderBytes,
		ReadTimeout:        2 * time.Minute,
		IdleTimeout:        2 * time.Minute,
		Logger:             slog.NewLogLogger(logger.Handler(), slog.LevelError),
	}
}
