// Command battle-go-gin is a Go contender of battle: the Battle Suite v1
// (docs/SUITE.md) on gin 1.8 (over net/http's server), encoding/json,
// html/template and pgx v4's pgxpool.
package main

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime"
	"syscall"
	"time"
)

// shutdownGrace stays under the arena's 10 s between SIGTERM and SIGKILL.
const shutdownGrace = 8 * time.Second

func main() {
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelError}))
	slog.SetDefault(logger)
	if err := run(logger); err != nil {
		logger.Error("battle-go-gin", "err", err)
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
	srv := &http.Server{
		Handler:           (&server{store: store, catalog: catalog}).routes(),
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelError),
	}

	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()

	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	stop()
	// Shutdown stops accepting, closes idle connections and waits for the
	// requests in flight.
	shutdownCtx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		srv.Close()
		return errors.Join(errors.New("requests still in flight at shutdown"), err)
	}
	return nil
}
