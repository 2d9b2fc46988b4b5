package main

import (
	"context"
	"errors"
	"math/rand/v2"
	"slices"

	"github.com/jackc/pgconn"
	"github.com/jackc/pgx/v4"
	"github.com/jackc/pgx/v4/pgxpool"
)

type World struct {
	ID           int32 `json:"id"`
	RandomNumber int32 `json:"randomNumber"`
}

type Fortune struct {
	ID      int32
	Message string
}

// Prepared on every new connection (pgxpool's AfterConnect) and then used
// by name.
const (
	stmtWorld    = "world"
	stmtFortunes = "fortunes"
	stmtUpdate   = "update"
)

var statements = map[string]string{
	stmtWorld:    `SELECT id, randomnumber FROM world WHERE id = $1`,
	stmtFortunes: `SELECT id, message FROM fortune`,
	// One statement for the whole batch: the arrays are sorted by id so that
	// concurrent batches lock rows in the same order.
	stmtUpdate: `UPDATE world SET randomnumber = u.r
FROM unnest($1::integer[], $2::integer[]) AS u(id, r) WHERE world.id = u.id`,
}

// Store runs the suite's queries through a pgxpool of BATTLE_DB_POOL
// connections, each with the statements above prepared.
type Store struct {
	pool *pgxpool.Pool
}

// OpenStore configures the pool; connections open on first use
// (LazyConnect), so the server starts and serves the tests that need no
// database while the database is down.
func OpenStore(dsn string, size int) (*Store, error) {
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return nil, err
	}
	cfg.MaxConns = int32(size)
	cfg.LazyConnect = true
	cfg.AfterConnect = func(ctx context.Context, conn *pgx.Conn) error {
		for name, sql := range statements {
			if _, err := conn.Prepare(ctx, name, sql); err != nil {
				return err
			}
		}
		return nil
	}
	pool, err := pgxpool.ConnectConfig(context.Background(), cfg)
	if err != nil {
		return nil, err
	}
	return &Store{pool: pool}, nil
}

func (s *Store) Close() { s.pool.Close() }

func randomWorldID() int32 { return rand.Int32N(10000) + 1 }

func (s *Store) RandomWorld(ctx context.Context) (World, error) {
	var w World
	err := s.pool.QueryRow(ctx, stmtWorld, randomWorldID()).Scan(&w.ID, &w.RandomNumber)
	return w, err
}

// RandomWorlds reads n random rows, one query each, sent together as one
// pgx.Batch on one connection (pipelined: one round trip, n statements).
func (s *Store) RandomWorlds(ctx context.Context, n int) ([]World, error) {
	batch := &pgx.Batch{}
	for range n {
		batch.Queue(stmtWorld, randomWorldID())
	}
	results := s.pool.SendBatch(ctx, batch)
	defer results.Close()
	worlds := make([]World, n)
	for i := range worlds {
		if err := results.QueryRow().Scan(&worlds[i].ID, &worlds[i].RandomNumber); err != nil {
			return nil, err
		}
	}
	return worlds, results.Close()
}

func (s *Store) Fortunes(ctx context.Context) ([]Fortune, error) {
	rows, err := s.pool.Query(ctx, stmtFortunes)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	fortunes := make([]Fortune, 0, 16)
	for rows.Next() {
		var f Fortune
		if err := rows.Scan(&f.ID, &f.Message); err != nil {
			return nil, err
		}
		fortunes = append(fortunes, f)
	}
	return fortunes, rows.Err()
}

// UpdateWorlds reads n random rows, gives each a new random number and
// stores them all with one UPDATE. A row drawn twice is stored once, and
// every copy in the answer shows the number stored.
func (s *Store) UpdateWorlds(ctx context.Context, n int) ([]World, error) {
	worlds, err := s.RandomWorlds(ctx, n)
	if err != nil {
		return nil, err
	}
	stored := make(map[int32]int32, len(worlds))
	for _, w := range worlds {
		stored[w.ID] = randomWorldID()
	}
	ids := make([]int32, 0, len(stored))
	for id := range stored {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	numbers := make([]int32, len(ids))
	for i, id := range ids {
		numbers[i] = stored[id]
	}
	for i := range worlds {
		worlds[i].RandomNumber = stored[worlds[i].ID]
	}
	// Sorted ids make deadlocks between batches unlikely but the plan
	// decides the locking order, so a deadlock victim is retried.
	for attempt := 1; ; attempt++ {
		_, err = s.pool.Exec(ctx, stmtUpdate, ids, numbers)
		if err == nil {
			return worlds, nil
		}
		var pgErr *pgconn.PgError
		if attempt == 3 || !errors.As(err, &pgErr) || pgErr.Code != "40P01" {
			return nil, err
		}
	}
}
