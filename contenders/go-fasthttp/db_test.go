package main

import (
	"context"
	"os"
	"testing"
)

// These tests need a seeded database (scripts/dev-postgres) named by
// BATTLE_TEST_DB_URL; without it they are skipped.
func testStore(t *testing.T) *Store {
	t.Helper()
	url := os.Getenv("BATTLE_TEST_DB_URL")
	if url == "" {
		t.Skip("BATTLE_TEST_DB_URL is not set")
	}
	cfg, err := LoadConfig(env(map[string]string{"BATTLE_DB_URL": url}))
	if err != nil {
		t.Fatal(err)
	}
	store, err := OpenStore(cfg.DatabaseURL, 4)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	return store
}

func validWorld(w World) bool {
	return w.ID >= 1 && w.ID <= 10000 && w.RandomNumber >= 1 && w.RandomNumber <= 10000
}

func TestStoreReads(t *testing.T) {
	store := testStore(t)
	ctx := context.Background()
	w, err := store.RandomWorld(ctx)
	if err != nil || !validWorld(w) {
		t.Fatalf("RandomWorld = %+v, %v", w, err)
	}
	worlds, err := store.RandomWorlds(ctx, 20)
	if err != nil || len(worlds) != 20 {
		t.Fatalf("RandomWorlds(20): %d rows, %v", len(worlds), err)
	}
	for _, w := range worlds {
		if !validWorld(w) {
			t.Errorf("row out of range: %+v", w)
		}
	}
	fortunes, err := store.Fortunes(ctx)
	if err != nil || len(fortunes) != 12 {
		t.Fatalf("Fortunes: %d rows, %v", len(fortunes), err)
	}
}

func TestStoreUpdatesPersist(t *testing.T) {
	store := testStore(t)
	ctx := context.Background()
	// 500 of 10000 ids: duplicates are all but certain, and each must show
	// the number stored.
	worlds, err := store.UpdateWorlds(ctx, 500)
	if err != nil || len(worlds) != 500 {
		t.Fatalf("UpdateWorlds(500): %d rows, %v", len(worlds), err)
	}
	for _, w := range worlds {
		var stored int32
		if err := store.pool.QueryRow(ctx, "SELECT randomnumber FROM world WHERE id = $1", w.ID).Scan(&stored); err != nil {
			t.Fatal(err)
		}
		if stored != w.RandomNumber || !validWorld(w) {
			t.Errorf("id %d answered %d, stored %d", w.ID, w.RandomNumber, stored)
		}
	}
}
