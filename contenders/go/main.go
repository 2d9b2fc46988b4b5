// Command battle-go is the Go contender of battle: the Battle Suite v1
// (docs/SUITE.md) on the standard library's net/http, encoding/json and
// html/template, with database/sql over lib/pq; and the helpdesk example
// suite's JWT-authenticated /api routes (suite/helpdesk) with golang-jwt v5.
package main

import (
	"context"
	"errors"
	"fmt"
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
		logger.Error("battle-go", "err", err)
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
	// The one line docs/SUITE.md §4 allows besides errors: how the runtime sized itself.
	fmt.Fprintf(os.Stderr, "battle-runtime: GOMAXPROCS=%d NumCPU=%d\n", runtime.GOMAXPROCS(0), runtime.NumCPU())

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
	// The helpdesk suite's secret; unset, its routes answer 500 and the
	// Battle Suite is served as ever.
	helpdesk := &Helpdesk{
		verifier: NewTokenVerifier(os.Getenv("HELPDESK_JWT_SECRET"), time.Now),
		store:    NewHelpdeskStore(store),
	}

	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           (&server{store: store, catalog: catalog, helpdesk: helpdesk}).routes(),
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
