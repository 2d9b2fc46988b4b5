package main

import (
	"context"
	"fmt"
	"strconv"
)

// Product is one catalog record. Each is its own heap object with its own
// strings, so a large catalog is a large live heap for the garbage collector
// to trace (docs/SUITE.md, /orders).
type Product struct {
	SKU         string
	Name        string
	WeightGrams int64
	TaxClass    int // 0 standard, 1 reduced, 2 zero
	Tags        []string
}

// Catalog maps a SKU to its product. It is built once at start and only read
// afterwards, so concurrent handlers share it without locking.
type Catalog map[string]*Product

// catalogSize is max(10000, liveHeapMB*4096).
func catalogSize(liveHeapMB int) int {
	return max(10000, liveHeapMB*4096)
}

// NewCatalog builds the catalog. A large one takes seconds, so the build
// gives up when ctx is cancelled (a SIGTERM during start-up).
func NewCatalog(ctx context.Context, liveHeapMB int) (Catalog, error) {
	n := catalogSize(liveHeapMB)
	c := make(Catalog, n)
	for k := range n {
		if k%65536 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		p := newProduct(k)
		c[p.SKU] = p
	}
	return c, nil
}

func newProduct(k int) *Product {
	return &Product{
		SKU:         fmt.Sprintf("SKU-%05d", k),
		Name:        "Product " + strconv.Itoa(k),
		WeightGrams: 50 + int64(k)*7919%4950,
		TaxClass:    k % 3,
		Tags:        []string{"t" + strconv.Itoa(k%7), "t" + strconv.Itoa(k%11)},
	}
}
