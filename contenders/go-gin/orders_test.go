package main

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
)

var testCatalog = mustCatalog(0)

// order builds a request body from a valid base with some keys replaced or,
// for a nil value, removed. Keys use dots for customer fields.
func order(changes map[string]any) string {
	customer := map[string]any{"id": 42, "name": "Ada Lovelace", "email": "ada@example.com", "tier": "gold", "country": "DE"}
	root := map[string]any{
		"orderId": "ord-000017", "customer": customer, "currency": "EUR", "couponCode": "SAVE10",
		"items": []any{
			map[string]any{"sku": "SKU-00042", "quantity": 3, "unitPriceCents": 1999},
			map[string]any{"sku": "SKU-00001", "quantity": 12, "unitPriceCents": 2500},
		},
	}
	for k, v := range changes {
		target, key := root, k
		if rest, ok := strings.CutPrefix(k, "customer."); ok {
			target, key = customer, rest
		}
		if v == nil {
			delete(target, key)
		} else {
			target[key] = v
		}
	}
	b, err := json.Marshal(root)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// raw is JSON text spliced into a body as it is (for 3.0, 1e2, null).
type raw string

func (r raw) MarshalJSON() ([]byte, error) { return []byte(r), nil }

func decode(t *testing.T, body string) (Order, *ValidationError) {
	t.Helper()
	o, err := DecodeOrder(strings.NewReader(body), testCatalog)
	if err == nil {
		return o, nil
	}
	var verr *ValidationError
	if !errors.As(err, &verr) {
		t.Fatalf("DecodeOrder(%s): error %v is not a *ValidationError", body, err)
	}
	return o, verr
}

func TestSummarizeExample(t *testing.T) {
	o, verr := decode(t, order(map[string]any{"items": []any{
		map[string]any{"sku": "SKU-00042", "quantity": 3, "unitPriceCents": 1999},
		map[string]any{"sku": "SKU-00001", "quantity": 12, "unitPriceCents": 2500},
		map[string]any{"sku": "SKU-09999", "quantity": 1, "unitPriceCents": 0},
	}}))
	if verr != nil {
		t.Fatal(verr)
	}
	// By hand, from docs/SUITE.md:
	// SKU-00042: weight 998, tax class 0; 3*1999 = 5997, no volume discount, tax 1199, weight 2994.
	// SKU-00001: weight 3019, tax class 1; 12*2500 = 30000, volume 1500, net 28500, tax 1995, weight 36228.
	// SKU-09999: weight 1931, tax class 0; price 0.
	// netAfterVolume 34497; gold 10% = 3449; 34497-3449 >= 5000 so SAVE10 takes 1000.
	// discount 1500+3449+1000 = 5949; shipping 499 + 99*ceil(41153/1000) = 4657.
	// total 35997 - 5949 + 3194 + 4657 = 37899.
	want := OrderSummary{
		OrderID: "ord-000017", CustomerID: 42, Currency: "EUR", ItemCount: 16,
		SubtotalCents: 35997, DiscountCents: 5949, TaxCents: 3194, ShippingCents: 4657,
		TotalCents: 37899, TotalWeightGrams: 41153,
		Lines: []OrderLine{
			{SKU: "SKU-00042", Name: "Product 42", Quantity: 3, NetCents: 5997, TaxCents: 1199, WeightGrams: 2994},
			{SKU: "SKU-00001", Name: "Product 1", Quantity: 12, NetCents: 28500, TaxCents: 1995, WeightGrams: 36228},
			{SKU: "SKU-09999", Name: "Product 9999", Quantity: 1, NetCents: 0, TaxCents: 0, WeightGrams: 1931},
		},
	}
	if got := o.Summarize(); !reflect.DeepEqual(got, want) {
		t.Errorf("Summarize\n got %+v\nwant %+v", got, want)
	}
}

func TestSummarizeRules(t *testing.T) {
	// SKU-00002: tax class 2 (zero), weight 50 + 15838%4950 = 1038.
	item := func(q, price int) []any {
		return []any{map[string]any{"sku": "SKU-00002", "quantity": q, "unitPriceCents": price}}
	}
	tests := []struct {
		name                           string
		changes                        map[string]any
		discount, tax, shipping, total int64
	}{
		// 5555 net; standard: no tier discount; SAVE10 needs >= 5000: 1000 off.
		{"save10 at threshold", map[string]any{"customer.tier": "standard", "items": item(1, 5000)},
			1000, 0, 499 + 99*2, 5000 - 1000 + 499 + 99*2},
		{"save10 below threshold", map[string]any{"customer.tier": "standard", "items": item(1, 4999)},
			0, 0, 499 + 99*2, 4999 + 499 + 99*2},
		// silver 5% of 5000 = 250 leaves 4750 < 5000: no coupon.
		{"silver blocks save10", map[string]any{"customer.tier": "silver", "items": item(1, 5000)},
			250, 0, 499 + 99*2, 5000 - 250 + 499 + 99*2},
		{"freeship", map[string]any{"customer.tier": "standard", "couponCode": "FREESHIP", "items": item(1, 5000)},
			0, 0, 0, 5000},
		// 10 * 10000 = 100000, volume 5000 -> 95000 net: shipping due (10 kg 380 g = 11 started kg).
		{"volume discount, shipping below 100000", map[string]any{"customer.tier": "standard", "couponCode": nil, "items": item(10, 10000)},
			5000, 0, 499 + 99*11, 100000 - 5000 + 499 + 99*11},
		// 10 * 10527 = 105270, volume 5263 -> 100007 net: free shipping.
		{"free shipping from 100000 net", map[string]any{"customer.tier": "standard", "couponCode": nil, "items": item(10, 10527)},
			5263, 0, 0, 105270 - 5263},
		// exactly 1000 g is one started kilogram.
		{"weight rounding", map[string]any{"customer.tier": "standard", "couponCode": nil,
			"items": []any{map[string]any{"sku": "SKU-00000", "quantity": 20, "unitPriceCents": 100}}},
			5 * 20 * 100 / 100, 1900 * 2000 / 10000, 499 + 99*1, 2000 - 100 + 380 + 499 + 99},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o, verr := decode(t, order(tc.changes))
			if verr != nil {
				t.Fatal(verr)
			}
			s := o.Summarize()
			if s.DiscountCents != tc.discount || s.TaxCents != tc.tax || s.ShippingCents != tc.shipping || s.TotalCents != tc.total {
				t.Errorf("discount %d tax %d shipping %d total %d; want %d %d %d %d",
					s.DiscountCents, s.TaxCents, s.ShippingCents, s.TotalCents, tc.discount, tc.tax, tc.shipping, tc.total)
			}
		})
	}
}

func TestValidation(t *testing.T) {
	items := func(it ...any) []any { return it }
	good := map[string]any{"sku": "SKU-00001", "quantity": 1, "unitPriceCents": 1}
	tests := []struct {
		name  string
		body  string
		field string
	}{
		{"not JSON", `{"orderId":`, ""},
		{"empty body", ``, ""},
		{"array body", `[]`, ""},
		{"string body", `"order"`, ""},
		{"two values", `{} {}`, ""},
		{"trailing garbage", order(nil) + "x", ""},
		{"orderId missing", order(map[string]any{"orderId": nil}), "orderId"},
		{"orderId empty", order(map[string]any{"orderId": ""}), "orderId"},
		{"orderId number", order(map[string]any{"orderId": 17}), "orderId"},
		{"orderId 65 chars", order(map[string]any{"orderId": strings.Repeat("x", 65)}), "orderId"},
		{"customer missing", order(map[string]any{"customer": nil}), "customer"},
		{"customer array", order(map[string]any{"customer": []any{}}), "customer"},
		{"customer.id zero", order(map[string]any{"customer.id": 0}), "customer.id"},
		{"customer.id 3.0", order(map[string]any{"customer.id": raw("3.0")}), "customer.id"},
		{"customer.id 1e2", order(map[string]any{"customer.id": raw("1e2")}), "customer.id"},
		{"customer.id string", order(map[string]any{"customer.id": "42"}), "customer.id"},
		{"customer.id overflow", order(map[string]any{"customer.id": raw("9223372036854775808")}), "customer.id"},
		{"customer.name empty", order(map[string]any{"customer.name": ""}), "customer.name"},
		{"customer.email no @", order(map[string]any{"customer.email": "ada"}), "customer.email"},
		{"customer.tier", order(map[string]any{"customer.tier": "Gold"}), "customer.tier"},
		{"customer.country lower", order(map[string]any{"customer.country": "de"}), "customer.country"},
		{"customer.country long", order(map[string]any{"customer.country": "DEU"}), "customer.country"},
		{"customer.country non-ASCII", order(map[string]any{"customer.country": "DÉ"}), "customer.country"},
		{"currency", order(map[string]any{"currency": "EU"}), "currency"},
		{"currency missing", order(map[string]any{"currency": nil}), "currency"},
		{"couponCode unknown", order(map[string]any{"couponCode": "SAVE20"}), "couponCode"},
		{"couponCode number", order(map[string]any{"couponCode": 10}), "couponCode"},
		{"items missing", order(map[string]any{"items": nil}), "items"},
		{"items empty", order(map[string]any{"items": []any{}}), "items"},
		{"items object", order(map[string]any{"items": map[string]any{}}), "items"},
		{"items 101", order(map[string]any{"items": make101(good)}), "items"},
		{"items[1] not object", order(map[string]any{"items": items(good, 5)}), "items[1]"},
		{"items[0].sku unknown", order(map[string]any{"items": items(map[string]any{"sku": "SKU-10000", "quantity": 1, "unitPriceCents": 1})}), "items[0].sku"},
		{"items[0].sku lower case", order(map[string]any{"items": items(map[string]any{"sku": "sku-00001", "quantity": 1, "unitPriceCents": 1})}), "items[0].sku"},
		{"items[0].quantity 0", order(map[string]any{"items": items(map[string]any{"sku": "SKU-00001", "quantity": 0, "unitPriceCents": 1})}), "items[0].quantity"},
		{"items[0].quantity 1001", order(map[string]any{"items": items(map[string]any{"sku": "SKU-00001", "quantity": 1001, "unitPriceCents": 1})}), "items[0].quantity"},
		{"items[0].quantity 3.0", order(map[string]any{"items": items(map[string]any{"sku": "SKU-00001", "quantity": raw("3.0"), "unitPriceCents": 1})}), "items[0].quantity"},
		{"items[2].unitPriceCents negative", order(map[string]any{"items": items(good, good, map[string]any{"sku": "SKU-00001", "quantity": 1, "unitPriceCents": -1})}), "items[2].unitPriceCents"},
		{"items[0].unitPriceCents too big", order(map[string]any{"items": items(map[string]any{"sku": "SKU-00001", "quantity": 1, "unitPriceCents": 10000001})}), "items[0].unitPriceCents"},
		{"items[0].unitPriceCents 1e2", order(map[string]any{"items": items(map[string]any{"sku": "SKU-00001", "quantity": 1, "unitPriceCents": raw("1e2")})}), "items[0].unitPriceCents"},
		// Several failures: the first in the spec's order wins, not the first in the document.
		{"customer.id reported before a currency that comes first in the document", `{"currency":"x","orderId":"o","customer":{"id":0}}`, "customer.id"},
		{"orderId before everything", order(map[string]any{"orderId": "", "customer.id": 0, "items": nil}), "orderId"},
		{"item fields before later items", order(map[string]any{"items": items(map[string]any{"sku": "SKU-00001", "quantity": 0, "unitPriceCents": 1}, 7)}), "items[0].quantity"},
		// Keys are case-sensitive: a differently cased key is unknown, so orderId is missing.
		{"keys are case-sensitive", strings.Replace(order(nil), `"orderId"`, `"OrderID"`, 1), "orderId"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, verr := decode(t, tc.body)
			if verr == nil {
				t.Fatalf("accepted %s; want a 400 on %q", tc.body, tc.field)
			}
			if verr.Field != tc.field {
				t.Errorf("field %q (%s), want %q", verr.Field, verr.Message, tc.field)
			}
		})
	}
}

func make101(item any) []any {
	items := make([]any, 101)
	for i := range items {
		items[i] = item
	}
	return items
}

func TestValidationAccepts(t *testing.T) {
	good := map[string]any{"sku": "SKU-00001", "quantity": 1000, "unitPriceCents": 10000000}
	tests := map[string]string{
		"couponCode absent":               order(map[string]any{"couponCode": nil}),
		"couponCode null":                 order(map[string]any{"couponCode": raw("null")}),
		"couponCode FREESHIP":             order(map[string]any{"couponCode": "FREESHIP"}),
		"unknown keys":                    order(map[string]any{"note": "gift", "customer.vip": true}),
		"orderId 64 chars":                order(map[string]any{"orderId": strings.Repeat("x", 64)}),
		"orderId 64 non-ASCII characters": order(map[string]any{"orderId": strings.Repeat("é", 64)}),
		"100 items at the bounds":         order(map[string]any{"items": append(make101(good)[:99], good)}),
		"price 0":                         order(map[string]any{"items": []any{map[string]any{"sku": "SKU-00001", "quantity": 1, "unitPriceCents": 0}}}),
		"whitespace around":               " \n" + order(nil) + "\n ",
	}
	for name, body := range tests {
		t.Run(name, func(t *testing.T) {
			if _, verr := decode(t, body); verr != nil {
				t.Errorf("rejected: %v", verr)
			}
		})
	}
}

func TestErrorBody(t *testing.T) {
	b, err := json.Marshal(invalid("items[3].quantity", "must be an integer 1..1000"))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(b), `{"error":"must be an integer 1..1000","field":"items[3].quantity"}`; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}
