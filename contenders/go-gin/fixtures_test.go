package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestSuiteOrderFixtures posts every suite/orders/NAME.json to the handler
// and compares the answer with NAME.expected.json (see that folder's README).
func TestSuiteOrderFixtures(t *testing.T) {
	dir := filepath.Join("..", "..", "suite", "orders")
	if root := os.Getenv("BATTLE_ROOT"); root != "" {
		dir = filepath.Join(root, "suite", "orders")
	}
	expected, _ := filepath.Glob(filepath.Join(dir, "*.expected.json"))
	if len(expected) == 0 {
		t.Skipf("no fixtures in %s", dir)
	}
	handler := (&server{catalog: testCatalog}).routes()
	for _, exp := range expected {
		name := strings.TrimSuffix(filepath.Base(exp), ".expected.json")
		t.Run(name, func(t *testing.T) {
			body, err := os.ReadFile(filepath.Join(dir, name+".json"))
			if err != nil {
				t.Fatal(err)
			}
			want := readJSON(t, mustRead(t, exp))
			rec := httptest.NewRecorder()
			handler.ServeHTTP(rec, httptest.NewRequest("POST", "/orders", strings.NewReader(string(body))))
			got := readJSON(t, rec.Body.Bytes())
			if strings.HasPrefix(name, "good-") {
				if rec.Code != http.StatusOK || !reflect.DeepEqual(got, want) {
					t.Errorf("got %d %s\nwant 200 %s", rec.Code, rec.Body, mustRead(t, exp))
				}
				return
			}
			wantStatus, _ := want.(map[string]any)["status"].(json.Number).Int64()
			wantField := want.(map[string]any)["field"]
			gotField := got.(map[string]any)["field"]
			if int64(rec.Code) != wantStatus || gotField != wantField {
				t.Errorf("got %d field %v (%s), want %d field %v", rec.Code, gotField, rec.Body, wantStatus, wantField)
			}
		})
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func readJSON(t *testing.T, b []byte) any {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("not JSON: %s (%v)", b, err)
	}
	return v
}
