package main

import (
	"context"
	"database/sql"
	"errors"
	"math/rand/v2"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/lib/pq"
)

type World struct {
	ID           int32 `json:"id"`
	RandomNumber int32 `json:"randomNumber"`
}

type Fortune struct {
	ID      int32
	Message string
}

const (
	selectWorld    = `SELECT id, randomnumber FROM world WHERE id = $1`
	selectFortunes = `SELECT id, message FROM fortune`
	// One statement for the whole batch: the arrays are sorted by id so that
	// concurrent batches lock rows in the same order.
	updateWorlds = `UPDATE world SET randomnumber = u.r
FROM unnest($1::integer[], $2::integer[]) AS u(id, r) WHERE world.id = u.id`
)

// Store runs the suite's queries through a database/sql pool. Statements
// are prepared on first use rather than at start, so the server starts (and
// serves the tests that need no database) while the database is down; a
// failed preparation is retried by the next request.
type Store struct {
	db    *sql.DB
	mu    sync.Mutex // serialises preparation
	stmts atomic.Pointer[statements]
}

type statements struct {
	world, fortunes, update *sql.Stmt
}

// OpenStore configures the pool without connecting. The pool keeps as many
// idle connections as it may open (database/sql keeps 2 by default), so a
// steady load never closes and reopens connections.
func OpenStore(dsn string, pool int) (*Store, error) {
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(pool)
	db.SetMaxIdleConns(pool)
	return &Store{db: db}, nil
}

func (s *Store) Close() error { return s.db.Close() }

func (s *Store) prepared(ctx context.Context) (*statements, error) {
	if st := s.stmts.Load(); st != nil {
		return st, nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if st := s.stmts.Load(); st != nil {
		return st, nil
	}
	var st statements
	var err error
	prepare := func(query string) *sql.Stmt {
		if err != nil {
			return nil
		}
		var stmt *sql.Stmt
		stmt, err = s.db.PrepareContext(ctx, query)
		return stmt
	}
	st.world = prepare(selectWorld)
	st.fortunes = prepare(selectFortunes)
	st.update = prepare(updateWorlds)
	if err != nil {
		for _, stmt := range []*sql.Stmt{st.world, st.fortunes, st.update} {
			if stmt != nil {
				stmt.Close()
			}
		}
		return nil, err
	}
	s.stmts.Store(&st)
	return &st, nil
}

func randomWorldID() int32 { return rand.Int32N(10000) + 1 }

func (s *Store) RandomWorld(ctx context.Context) (World, error) {
	st, err := s.prepared(ctx)
	if err != nil {
		return World{}, err
	}
	return queryWorld(ctx, st, randomWorldID())
}

func queryWorld(ctx context.Context, st *statements, id int32) (World, error) {
	var w World
	err := st.world.QueryRowContext(ctx, id).Scan(&w.ID, &w.RandomNumber)
	return w, err
}

// RandomWorlds reads n random rows, one query each, one after the other:
// concurrency comes from the many requests in flight, not from fanning one
// request out over the pool.
func (s *Store) RandomWorlds(ctx context.Context, n int) ([]World, error) {
	st, err := s.prepared(ctx)
	if err != nil {
		return nil, err
	}
	worlds := make([]World, n)
	for i := range worlds {
		if worlds[i], err = queryWorld(ctx, st, randomWorldID()); err != nil {
			return nil, err
		}
	}
	return worlds, nil
}

func (s *Store) Fortunes(ctx context.Context) ([]Fortune, error) {
	st, err := s.prepared(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := st.fortunes.QueryContext(ctx)
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

	st, err := s.prepared(ctx)
	if err != nil {
		return nil, err
	}
	// Sorted ids make deadlocks between batches unlikely but the plan
	// decides the locking order, so a deadlock victim is retried.
	for attempt := 1; ; attempt++ {
		_, err = st.update.ExecContext(ctx, pq.Array(ids), pq.Array(numbers))
		if err == nil {
			return worlds, nil
		}
		var pqErr *pq.Error
		if attempt == 3 || !errors.As(err, &pqErr) || pqErr.Code != "40P01" {
			return nil, err
		}
	}
}
