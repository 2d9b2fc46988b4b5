package main

import (
	"encoding/json"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Order is a validated /orders request: every product is resolved and every
// number is in range, so Summarize cannot fail.
type Order struct {
	OrderID    string
	CustomerID int64
	Tier       string
	Currency   string
	CouponCode string // "" when absent or null
	Items      []OrderItem
}

type OrderItem struct {
	Product        *Product
	Quantity       int64
	UnitPriceCents int64
}

// OrderSummary is the 200 answer; field order follows docs/SUITE.md.
type OrderSummary struct {
	OrderID          string      `json:"orderId"`
	CustomerID       int64       `json:"customerId"`
	Currency         string      `json:"currency"`
	ItemCount        int64       `json:"itemCount"`
	SubtotalCents    int64       `json:"subtotalCents"`
	DiscountCents    int64       `json:"discountCents"`
	TaxCents         int64       `json:"taxCents"`
	ShippingCents    int64       `json:"shippingCents"`
	TotalCents       int64       `json:"totalCents"`
	TotalWeightGrams int64       `json:"totalWeightGrams"`
	Lines            []OrderLine `json:"lines"`
}

type OrderLine struct {
	SKU         string `json:"sku"`
	Name        string `json:"name"`
	Quantity    int64  `json:"quantity"`
	NetCents    int64  `json:"netCents"`
	TaxCents    int64  `json:"taxCents"`
	WeightGrams int64  `json:"weightGrams"`
}

// ValidationError is the 400 answer: the first rule the body broke, in the
// order docs/SUITE.md lists them. Field is "" for the body as a whole.
type ValidationError struct {
	Message string `json:"error"`
	Field   string `json:"field"`
	err     error  // the decoder's error, if any
}

func (e *ValidationError) Error() string { return e.Field + ": " + e.Message }
func (e *ValidationError) Unwrap() error { return e.err }

func invalid(field, message string) *ValidationError {
	return &ValidationError{Message: message, Field: field}
}

// DecodeOrder reads one JSON value from r and validates it against the
// catalog. Errors are *ValidationError; one that wraps a read error (such
// as *http.MaxBytesError) is the caller's to tell apart.
//
// The body is decoded into generic values rather than a struct: a struct
// decode stops at the first type error in document order and matches keys
// case-insensitively, while the spec wants the first failure in its own
// field order, exact key names and integers that reject 3.0 and 1e2 (kept
// as json.Number text by UseNumber).
func DecodeOrder(r io.Reader, catalog Catalog) (Order, error) {
	dec := json.NewDecoder(r)
	dec.UseNumber()
	var body any
	if err := dec.Decode(&body); err != nil {
		return Order{}, &ValidationError{Message: "body is not valid JSON: " + err.Error(), err: err}
	}
	if _, err := dec.Token(); err != io.EOF {
		return Order{}, &ValidationError{Message: "body has data after the JSON value", err: err}
	}
	order, verr := validateOrder(body, catalog)
	if verr != nil {
		return Order{}, verr
	}
	return order, nil
}

func validateOrder(body any, catalog Catalog) (Order, *ValidationError) {
	root, ok := body.(map[string]any)
	if !ok {
		return Order{}, invalid("", "body must be a JSON object")
	}
	var o Order
	o.OrderID, ok = root["orderId"].(string)
	if n := utf8.RuneCountInString(o.OrderID); !ok || n < 1 || n > 64 {
		return Order{}, invalid("orderId", "must be a string of 1..64 characters")
	}
	customer, ok := root["customer"].(map[string]any)
	if !ok {
		return Order{}, invalid("customer", "must be an object")
	}
	if o.CustomerID, ok = integer(customer["id"], 1, math.MaxInt64); !ok {
		return Order{}, invalid("customer.id", "must be an integer of at least 1")
	}
	if name, ok := customer["name"].(string); !ok || name == "" {
		return Order{}, invalid("customer.name", "must be a non-empty string")
	}
	if email, ok := customer["email"].(string); !ok || !strings.Contains(email, "@") {
		return Order{}, invalid("customer.email", "must be a string containing @")
	}
	o.Tier, _ = customer["tier"].(string)
	if _, ok := tierPercent[o.Tier]; !ok {
		return Order{}, invalid("customer.tier", "must be one of standard, silver, gold")
	}
	if !upperLetters(customer["country"], 2) {
		return Order{}, invalid("customer.country", "must be two ASCII upper-case letters")
	}
	if !upperLetters(root["currency"], 3) {
		return Order{}, invalid("currency", "must be three ASCII upper-case letters")
	}
	o.Currency = root["currency"].(string)
	switch c := root["couponCode"].(type) {
	case nil: // absent or null
	case string:
		if c != "SAVE10" && c != "FREESHIP" {
			return Order{}, invalid("couponCode", "must be SAVE10, FREESHIP or null")
		}
		o.CouponCode = c
	default:
		return Order{}, invalid("couponCode", "must be SAVE10, FREESHIP or null")
	}
	items, ok := root["items"].([]any)
	if !ok || len(items) < 1 || len(items) > 100 {
		return Order{}, invalid("items", "must be an array of 1..100 items")
	}
	o.Items = make([]OrderItem, len(items))
	for i, raw := range items {
		item, ok := raw.(map[string]any)
		if !ok {
			return Order{}, invalid(itemPath(i, ""), "must be an object")
		}
		sku, _ := item["sku"].(string)
		p := catalog[sku]
		if p == nil {
			return Order{}, invalid(itemPath(i, ".sku"), "must name a product in the catalog")
		}
		q, ok := integer(item["quantity"], 1, 1000)
		if !ok {
			return Order{}, invalid(itemPath(i, ".quantity"), "must be an integer 1..1000")
		}
		price, ok := integer(item["unitPriceCents"], 0, 10_000_000)
		if !ok {
			return Order{}, invalid(itemPath(i, ".unitPriceCents"), "must be an integer 0..10000000")
		}
		o.Items[i] = OrderItem{Product: p, Quantity: q, UnitPriceCents: price}
	}
	return o, nil
}

// integer accepts a JSON number written as an integer (no fraction, no
// exponent) within [lo, hi].
func integer(v any, lo, hi int64) (int64, bool) {
	n, ok := v.(json.Number)
	if !ok {
		return 0, false
	}
	i, err := strconv.ParseInt(string(n), 10, 64)
	if err != nil || i < lo || i > hi {
		return 0, false
	}
	return i, true
}

func upperLetters(v any, length int) bool {
	s, ok := v.(string)
	if !ok || len(s) != length {
		return false
	}
	for i := range len(s) {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}

func itemPath(i int, suffix string) string {
	return "items[" + strconv.Itoa(i) + "]" + suffix
}

var tierPercent = map[string]int64{"standard": 0, "silver": 5, "gold": 10}

// taxRateBp is indexed by Product.TaxClass, in basis points.
var taxRateBp = [3]int64{2000, 700, 0}

// Summarize prices the order (docs/SUITE.md, "The computation"). All values
// are non-negative, so Go's truncating division is the spec's floor.
func (o *Order) Summarize() OrderSummary {
	s := OrderSummary{
		OrderID:    o.OrderID,
		CustomerID: o.CustomerID,
		Currency:   o.Currency,
		Lines:      make([]OrderLine, len(o.Items)),
	}
	var netAfterVolume, volumeDiscounts int64
	for i, it := range o.Items {
		subtotal := it.Quantity * it.UnitPriceCents
		var volume int64
		if it.Quantity >= 10 {
			volume = subtotal * 5 / 100
		}
		net := subtotal - volume
		tax := net * taxRateBp[it.Product.TaxClass] / 10000
		weight := it.Quantity * it.Product.WeightGrams

		s.ItemCount += it.Quantity
		s.SubtotalCents += subtotal
		netAfterVolume += net
		volumeDiscounts += volume
		s.TaxCents += tax
		s.TotalWeightGrams += weight
		s.Lines[i] = OrderLine{
			SKU: it.Product.SKU, Name: it.Product.Name, Quantity: it.Quantity,
			NetCents: net, TaxCents: tax, WeightGrams: weight,
		}
	}
	tierDiscount := netAfterVolume * tierPercent[o.Tier] / 100
	var coupon int64
	if o.CouponCode == "SAVE10" && netAfterVolume-tierDiscount >= 5000 {
		coupon = 1000
	}
	s.DiscountCents = volumeDiscounts + tierDiscount + coupon
	if o.CouponCode != "FREESHIP" && netAfterVolume-tierDiscount-coupon < 100_000 {
		s.ShippingCents = 499 + 99*((s.TotalWeightGrams+999)/1000)
	}
	s.TotalCents = s.SubtotalCents - s.DiscountCents + s.TaxCents + s.ShippingCents
	return s
}
