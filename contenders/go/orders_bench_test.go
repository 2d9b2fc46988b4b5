package main

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
)

// go test -bench Order -benchmem (see ./test.sh): where /orders spends its time.
func benchBody(b *testing.B) string {
	body, err := os.ReadFile("testdata/order-20-items.json")
	if err != nil {
		b.Fatal(err)
	}
	return string(body)
}

func BenchmarkDecodeOrder(b *testing.B) {
	body := benchBody(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := DecodeOrder(strings.NewReader(body), testCatalog); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSummarizeAndEncode(b *testing.B) {
	o, err := DecodeOrder(strings.NewReader(benchBody(b)), testCatalog)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		s := o.Summarize()
		if _, err := json.Marshal(s); err != nil {
			b.Fatal(err)
		}
	}
}
