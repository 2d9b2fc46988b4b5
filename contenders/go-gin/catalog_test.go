package main

import (
	"context"
	"slices"
	"testing"
)

func TestNewProduct(t *testing.T) {
	p := newProduct(42)
	// 42*7919 = 332598 = 67*4950 + 948
	want := Product{SKU: "SKU-00042", Name: "Product 42", WeightGrams: 998, TaxClass: 0, Tags: []string{"t0", "t9"}}
	if p.SKU != want.SKU || p.Name != want.Name || p.WeightGrams != want.WeightGrams ||
		p.TaxClass != want.TaxClass || !slices.Equal(p.Tags, want.Tags) {
		t.Errorf("newProduct(42) = %+v, want %+v", *p, want)
	}
	if got := newProduct(123456).SKU; got != "SKU-123456" {
		t.Errorf("SKU of 123456 = %q, want SKU-123456", got)
	}
	if got := newProduct(0).SKU; got != "SKU-00000" {
		t.Errorf("SKU of 0 = %q, want SKU-00000", got)
	}
}

func mustCatalog(liveHeapMB int) Catalog {
	c, err := NewCatalog(context.Background(), liveHeapMB)
	if err != nil {
		panic(err)
	}
	return c
}

func TestNewCatalogCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if c, err := NewCatalog(ctx, 512); err == nil || c != nil {
		t.Errorf("NewCatalog on a cancelled context: %d products, err %v", len(c), err)
	}
}

func TestCatalogSize(t *testing.T) {
	for _, tc := range []struct{ mb, want int }{{0, 10000}, {1, 10000}, {2, 10000}, {3, 12288}, {512, 2097152}} {
		if got := catalogSize(tc.mb); got != tc.want {
			t.Errorf("catalogSize(%d) = %d, want %d", tc.mb, got, tc.want)
		}
	}
	c := mustCatalog(0)
	if len(c) != 10000 || c["SKU-09999"] == nil || c["SKU-10000"] != nil {
		t.Errorf("mustCatalog(0): %d products, SKU-09999 present %v, SKU-10000 present %v",
			len(c), c["SKU-09999"] != nil, c["SKU-10000"] != nil)
	}
	if p := c["SKU-00007"]; p.Name != "Product 7" || p.TaxClass != 1 {
		t.Errorf("SKU-00007 = %+v", *p)
	}
}
