//! `POST /orders`: validation and pricing (docs/SUITE.md, "orders"). Pure: bytes
//! in, bytes or a field error out; the HTTP handler only wraps the result.
//!
//! The body is parsed into a `serde_json::Value` and validated by hand rather
//! than deserialized straight into structs, because the spec wants the first
//! failing field *in its table's order* with its full path (`items[3].quantity`);
//! serde's derived errors report whatever fails first in document order, without
//! a path. The validated `Order` borrows its strings from the parsed `Value`.

use serde::Serialize;
use serde_json::Value;

use crate::catalog::{Catalog, Product};

pub const MAX_ITEMS: usize = 100;

/// A request the spec rejects with `400 {"error": message, "field": field}`.
#[derive(Debug, PartialEq, Eq)]
pub struct Invalid {
    pub field: String,
    pub message: &'static str,
}

impl Invalid {
    fn new(field: impl Into<String>, message: &'static str) -> Invalid {
        Invalid { field: field.into(), message }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tier {
    Standard,
    Silver,
    Gold,
}

impl Tier {
    fn discount_percent(self) -> i64 {
        match self {
            Tier::Standard => 0,
            Tier::Silver => 5,
            Tier::Gold => 10,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Coupon {
    Save10,
    FreeShip,
}

/// A request that passed validation.
#[derive(Debug)]
pub struct Order<'a> {
    pub order_id: &'a str,
    pub customer_id: i64,
    pub tier: Tier,
    pub currency: &'a str,
    pub coupon: Option<Coupon>,
    pub items: Vec<Item<'a>>,
}

#[derive(Debug)]
pub struct Item<'a> {
    pub product: &'a Product,
    pub quantity: i64,
    pub unit_price_cents: i64,
}

/// The response body.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Summary<'a> {
    pub order_id: &'a str,
    pub customer_id: i64,
    pub currency: &'a str,
    pub item_count: i64,
    pub subtotal_cents: i64,
    pub discount_cents: i64,
    pub tax_cents: i64,
    pub shipping_cents: i64,
    pub total_cents: i64,
    pub total_weight_grams: i64,
    pub lines: Vec<Line<'a>>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Line<'a> {
    pub sku: &'a str,
    pub name: &'a str,
    pub quantity: i64,
    pub net_cents: i64,
    pub tax_cents: i64,
    pub weight_grams: i64,
}

/// Answers one request body: the JSON summary, or the first validation failure.
pub fn process(body: &[u8], catalog: &Catalog) -> Result<Vec<u8>, Invalid> {
    let value: Value =
        serde_json::from_slice(body).map_err(|_| Invalid::new("", "the body is not valid JSON"))?;
    let order = validate(&value, catalog)?;
    Ok(serde_json::to_vec(&price(&order)).expect("a summary always serializes"))
}

/// Checks the body field by field in the spec's order and returns the first failure.
pub fn validate<'a>(body: &'a Value, catalog: &'a Catalog) -> Result<Order<'a>, Invalid> {
    let order = body
        .as_object()
        .ok_or_else(|| Invalid::new("", "the body must be a JSON object"))?;

    let order_id = order
        .get("orderId")
        .and_then(Value::as_str)
        .filter(|id| (1..=64).contains(&id.chars().count()))
        .ok_or_else(|| Invalid::new("orderId", "must be a string of 1 to 64 characters"))?;

    let customer = order
        .get("customer")
        .and_then(Value::as_object)
        .ok_or_else(|| Invalid::new("customer", "must be an object"))?;
    let customer_id = customer
        .get("id")
        .and_then(Value::as_i64)
        .filter(|&id| id >= 1)
        .ok_or_else(|| Invalid::new("customer.id", "must be an integer >= 1"))?;
    customer
        .get("name")
        .and_then(Value::as_str)
        .filter(|name| !name.is_empty())
        .ok_or_else(|| Invalid::new("customer.name", "must be a non-empty string"))?;
    customer
        .get("email")
        .and_then(Value::as_str)
        .filter(|email| email.contains('@'))
        .ok_or_else(|| Invalid::new("customer.email", "must be a string containing '@'"))?;
    let tier = match customer.get("tier").and_then(Value::as_str) {
        Some("standard") => Tier::Standard,
        Some("silver") => Tier::Silver,
        Some("gold") => Tier::Gold,
        _ => return Err(Invalid::new("customer.tier", "must be standard, silver or gold")),
    };
    customer
        .get("country")
        .and_then(Value::as_str)
        .filter(|country| is_upper_code(country, 2))
        .ok_or_else(|| Invalid::new("customer.country", "must be two upper-case ASCII letters"))?;

    let currency = order
        .get("currency")
        .and_then(Value::as_str)
        .filter(|currency| is_upper_code(currency, 3))
        .ok_or_else(|| Invalid::new("currency", "must be three upper-case ASCII letters"))?;

    let coupon = match order.get("couponCode") {
        None | Some(Value::Null) => None,
        Some(code) => match code.as_str() {
            Some("SAVE10") => Some(Coupon::Save10),
            Some("FREESHIP") => Some(Coupon::FreeShip),
            _ => return Err(Invalid::new("couponCode", "must be absent, null, SAVE10 or FREESHIP")),
        },
    };

    let raw_items = order
        .get("items")
        .and_then(Value::as_array)
        .filter(|items| (1..=MAX_ITEMS).contains(&items.len()))
        .ok_or_else(|| Invalid::new("items", "must be an array of 1 to 100 items"))?;
    let mut items = Vec::with_capacity(raw_items.len());
    for (i, item) in raw_items.iter().enumerate() {
        items.push(validate_item(i, item, catalog)?);
    }

    Ok(Order { order_id, customer_id, tier, currency, coupon, items })
}

fn validate_item<'a>(i: usize, item: &'a Value, catalog: &'a Catalog) -> Result<Item<'a>, Invalid> {
    let item = item
        .as_object()
        .ok_or_else(|| Invalid::new(format!("items[{i}]"), "must be an object"))?;
    let product = item
        .get("sku")
        .and_then(Value::as_str)
        .and_then(|sku| catalog.get(sku))
        .ok_or_else(|| Invalid::new(format!("items[{i}].sku"), "must name a product in the catalog"))?;
    let quantity = item
        .get("quantity")
        .and_then(Value::as_i64)
        .filter(|q| (1..=1000).contains(q))
        .ok_or_else(|| Invalid::new(format!("items[{i}].quantity"), "must be an integer from 1 to 1000"))?;
    let unit_price_cents = item
        .get("unitPriceCents")
        .and_then(Value::as_i64)
        .filter(|p| (0..=10_000_000).contains(p))
        .ok_or_else(|| {
            Invalid::new(format!("items[{i}].unitPriceCents"), "must be an integer from 0 to 10000000")
        })?;
    Ok(Item { product, quantity, unit_price_cents })
}

/// `len` ASCII upper-case letters. (`serde_json` only ever gives integers to
/// `as_i64`/`as_u64`: `3.0` and `1e2` parse as floats, so they fail the checks above.)
fn is_upper_code(s: &str, len: usize) -> bool {
    s.len() == len && s.bytes().all(|b| b.is_ascii_uppercase())
}

/// The spec's computation, in integer cents.
pub fn price<'a>(order: &Order<'a>) -> Summary<'a> {
    let mut lines = Vec::with_capacity(order.items.len());
    let mut item_count = 0;
    let mut subtotal_cents = 0;
    let mut net_after_volume = 0;
    let mut volume_discounts = 0;
    let mut tax_cents = 0;
    let mut total_weight_grams = 0;

    for item in &order.items {
        let line_subtotal = item.quantity * item.unit_price_cents;
        let volume_discount = if item.quantity >= 10 { line_subtotal * 5 / 100 } else { 0 };
        let line_net = line_subtotal - volume_discount;
        let line_tax = line_net * item.product.tax_class.rate_bp() / 10_000;
        let line_weight = item.quantity * item.product.weight_grams;

        item_count += item.quantity;
        subtotal_cents += line_subtotal;
        net_after_volume += line_net;
        volume_discounts += volume_discount;
        tax_cents += line_tax;
        total_weight_grams += line_weight;
        lines.push(Line {
            sku: &item.product.sku,
            name: &item.product.name,
            quantity: item.quantity,
            net_cents: line_net,
            tax_cents: line_tax,
            weight_grams: line_weight,
        });
    }

    let tier_discount = net_after_volume * order.tier.discount_percent() / 100;
    let coupon_discount =
        if order.coupon == Some(Coupon::Save10) && net_after_volume - tier_discount >= 5000 { 1000 } else { 0 };
    let discount_cents = volume_discounts + tier_discount + coupon_discount;
    let free_shipping = order.coupon == Some(Coupon::FreeShip)
        || net_after_volume - tier_discount - coupon_discount >= 100_000;
    let shipping_cents = if free_shipping { 0 } else { 499 + 99 * div_ceil(total_weight_grams, 1000) };

    Summary {
        order_id: order.order_id,
        customer_id: order.customer_id,
        currency: order.currency,
        item_count,
        subtotal_cents,
        discount_cents,
        tax_cents,
        shipping_cents,
        total_cents: subtotal_cents - discount_cents + tax_cents + shipping_cents,
        total_weight_grams,
        lines,
    }
}

/// Ceiling division for non-negative values.
fn div_ceil(n: i64, d: i64) -> i64 {
    (n + d - 1) / d
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use std::sync::OnceLock;

    fn catalog() -> &'static Catalog {
        static CATALOG: OnceLock<Catalog> = OnceLock::new();
        CATALOG.get_or_init(|| Catalog::with_products(10_000))
    }

    fn order() -> Value {
        json!({
            "orderId": "ord-000017",
            "customer": {"id": 42, "name": "Ada Lovelace", "email": "ada@example.com",
                         "tier": "gold", "country": "DE"},
            "currency": "EUR",
            "couponCode": "SAVE10",
            "items": [
                {"sku": "SKU-00042", "quantity": 3, "unitPriceCents": 1999},
                {"sku": "SKU-00010", "quantity": 10, "unitPriceCents": 1000, "note": "ignored"}
            ],
            "unknown": [1, 2, 3]
        })
    }

    fn answer(body: &Value) -> Result<Value, Invalid> {
        process(body.to_string().as_bytes(), catalog())
            .map(|bytes| serde_json::from_slice(&bytes).unwrap())
    }

    /// The field reported for `order()` changed by `edit`.
    fn failing_field(edit: impl FnOnce(&mut Value)) -> String {
        let mut body = order();
        edit(&mut body);
        answer(&body).expect_err("the edited order must be rejected").field
    }

    #[test]
    fn prices_the_example_by_hand() {
        // SKU-00042: weight 998 g, standard tax. 3 x 1999 = 5997, tax 1199.
        // SKU-00010: weight 4990 g, reduced tax. 10 x 1000 = 10000, volume
        // discount 500, net 9500, tax 665.
        // net after volume 15497; gold 10% = 1549; 13948 >= 5000 so SAVE10
        // takes 1000; weight 52894 g -> 53 kg -> shipping 499 + 99 * 53.
        let expected = json!({
            "orderId": "ord-000017", "customerId": 42, "currency": "EUR",
            "itemCount": 13, "subtotalCents": 15997, "discountCents": 3049,
            "taxCents": 1864, "shippingCents": 5746, "totalCents": 20558,
            "totalWeightGrams": 52894,
            "lines": [
                {"sku": "SKU-00042", "name": "Product 42", "quantity": 3,
                 "netCents": 5997, "taxCents": 1199, "weightGrams": 2994},
                {"sku": "SKU-00010", "name": "Product 10", "quantity": 10,
                 "netCents": 9500, "taxCents": 665, "weightGrams": 49900}
            ]
        });
        assert_eq!(answer(&order()).unwrap(), expected);
    }

    fn single_item(tier: &str, coupon: Value, sku: &str, quantity: i64, price: i64) -> Value {
        let mut body = order();
        body["customer"]["tier"] = json!(tier);
        body["couponCode"] = coupon;
        body["items"] = json!([{"sku": sku, "quantity": quantity, "unitPriceCents": price}]);
        answer(&body).unwrap()
    }

    #[test]
    fn save10_applies_from_5000_after_the_tier_discount() {
        // SKU-00002 has the zero tax class. 5000 net, standard tier: coupon applies.
        let at = single_item("standard", json!("SAVE10"), "SKU-00002", 1, 5000);
        assert_eq!(at["discountCents"], 1000);
        let below = single_item("standard", json!("SAVE10"), "SKU-00002", 1, 4999);
        assert_eq!(below["discountCents"], 0);
        // silver takes 5% first: 5263 - 263 = 5000 still qualifies, 5262 - 263 does not.
        assert_eq!(single_item("silver", json!("SAVE10"), "SKU-00002", 1, 5263)["discountCents"], 263 + 1000);
        assert_eq!(single_item("silver", json!("SAVE10"), "SKU-00002", 1, 5262)["discountCents"], 263);
    }

    #[test]
    fn shipping_is_free_from_100000_after_discounts_or_with_freeship() {
        // SKU-00002 weighs 50 + 15838 % 4950 = 1038 g: two kilograms started.
        let paid = single_item("standard", Value::Null, "SKU-00002", 1, 99_999);
        assert_eq!(paid["totalWeightGrams"], 1038);
        assert_eq!(paid["shippingCents"], 499 + 99 * 2);
        assert_eq!(paid["totalCents"], 99_999 + 499 + 198);
        assert_eq!(single_item("standard", Value::Null, "SKU-00002", 1, 100_000)["shippingCents"], 0);
        // SAVE10 counts: 101000 - 1000 = 100000.
        assert_eq!(single_item("standard", json!("SAVE10"), "SKU-00002", 1, 101_000)["shippingCents"], 0);
        assert_eq!(single_item("standard", json!("SAVE10"), "SKU-00002", 1, 100_999)["shippingCents"], 697);
        let free = single_item("standard", json!("FREESHIP"), "SKU-00002", 1, 100);
        assert_eq!((free["shippingCents"].as_i64(), free["discountCents"].as_i64()), (Some(0), Some(0)));
    }

    #[test]
    fn volume_discount_starts_at_ten_and_rounds_down() {
        let nine = single_item("standard", Value::Null, "SKU-00002", 9, 999);
        assert_eq!(nine["discountCents"], 0);
        let ten = single_item("standard", Value::Null, "SKU-00002", 10, 999);
        assert_eq!(ten["discountCents"], 499); // 9990 * 5 / 100 = 499.5
        assert_eq!(ten["lines"][0]["netCents"], 9491);
    }

    #[test]
    fn tax_rounds_down_per_line() {
        // SKU-00001 is reduced (7%): 333 * 700 / 10000 = 23.31.
        let reduced = single_item("standard", Value::Null, "SKU-00001", 1, 333);
        assert_eq!(reduced["taxCents"], 23);
        // SKU-00003 is standard (20%): 333 * 2000 / 10000 = 66.6.
        assert_eq!(single_item("standard", Value::Null, "SKU-00003", 1, 333)["taxCents"], 66);
    }

    #[test]
    fn accepts_absent_or_null_coupons_and_extreme_legal_values() {
        answer(&order()).unwrap();
        assert!(answer(&{
            let mut o = order();
            o.as_object_mut().unwrap().remove("couponCode");
            o
        })
        .is_ok());
        let max = single_item("gold", Value::Null, "SKU-09999", 1000, 10_000_000);
        assert_eq!(max["subtotalCents"], 10_000_000_000i64);
        let hundred: Vec<Value> =
            (0..100).map(|_| json!({"sku": "SKU-00000", "quantity": 1, "unitPriceCents": 0})).collect();
        let mut body = order();
        body["items"] = Value::Array(hundred);
        body["orderId"] = json!("é".repeat(64)); // 64 characters, 128 bytes
        assert_eq!(answer(&body).unwrap()["lines"].as_array().unwrap().len(), 100);
    }

    #[test]
    fn each_rule_reports_its_field() {
        assert_eq!(failing_field(|o| o["orderId"] = json!("")), "orderId");
        assert_eq!(failing_field(|o| o["orderId"] = json!("x".repeat(65))), "orderId");
        assert_eq!(failing_field(|o| o["orderId"] = json!(17)), "orderId");
        assert_eq!(failing_field(|o| { o.as_object_mut().unwrap().remove("orderId"); }), "orderId");
        assert_eq!(failing_field(|o| o["customer"] = json!("Ada")), "customer");
        assert_eq!(failing_field(|o| o["customer"]["id"] = json!(0)), "customer.id");
        assert_eq!(failing_field(|o| o["customer"]["id"] = json!(-3)), "customer.id");
        assert_eq!(failing_field(|o| o["customer"]["id"] = json!("42")), "customer.id");
        assert_eq!(failing_field(|o| o["customer"]["name"] = json!("")), "customer.name");
        assert_eq!(failing_field(|o| o["customer"]["email"] = json!("ada.example.com")), "customer.email");
        assert_eq!(failing_field(|o| o["customer"]["tier"] = json!("platinum")), "customer.tier");
        assert_eq!(failing_field(|o| o["customer"]["tier"] = json!("Gold")), "customer.tier");
        assert_eq!(failing_field(|o| o["customer"]["country"] = json!("de")), "customer.country");
        assert_eq!(failing_field(|o| o["customer"]["country"] = json!("DEU")), "customer.country");
        assert_eq!(failing_field(|o| o["currency"] = json!("EU")), "currency");
        assert_eq!(failing_field(|o| o["currency"] = json!("ÉUR")), "currency");
        assert_eq!(failing_field(|o| o["couponCode"] = json!("save10")), "couponCode");
        assert_eq!(failing_field(|o| o["couponCode"] = json!(10)), "couponCode");
        assert_eq!(failing_field(|o| o["items"] = json!([])), "items");
        assert_eq!(failing_field(|o| o["items"] = json!({"sku": "SKU-00001"})), "items");
        assert_eq!(failing_field(|o| o["items"][1] = json!("SKU-00001")), "items[1]");
        assert_eq!(failing_field(|o| o["items"][1]["sku"] = json!("SKU-10000")), "items[1].sku");
        assert_eq!(failing_field(|o| o["items"][1]["sku"] = json!("SKU-1")), "items[1].sku");
        assert_eq!(failing_field(|o| o["items"][0]["quantity"] = json!(0)), "items[0].quantity");
        assert_eq!(failing_field(|o| o["items"][0]["quantity"] = json!(1001)), "items[0].quantity");
        assert_eq!(failing_field(|o| o["items"][0]["unitPriceCents"] = json!(-1)), "items[0].unitPriceCents");
        assert_eq!(
            failing_field(|o| o["items"][0]["unitPriceCents"] = json!(10_000_001)),
            "items[0].unitPriceCents"
        );
    }

    #[test]
    fn numbers_with_a_fraction_or_exponent_are_not_integers() {
        for raw in ["3.0", "1e2", "1E2", "2.5"] {
            let body = order().to_string().replace("\"quantity\":3", &format!("\"quantity\":{raw}"));
            assert!(body.contains(raw));
            let err = process(body.as_bytes(), catalog()).unwrap_err();
            assert_eq!(err.field, "items[0].quantity", "quantity {raw}");
        }
        let body = order().to_string().replace("\"id\":42", "\"id\":42.0");
        assert_eq!(process(body.as_bytes(), catalog()).unwrap_err().field, "customer.id");
    }

    #[test]
    fn items_longer_than_a_hundred_are_rejected() {
        let items: Vec<Value> =
            (0..101).map(|_| json!({"sku": "SKU-00000", "quantity": 1, "unitPriceCents": 1})).collect();
        assert_eq!(failing_field(|o| o["items"] = Value::Array(items)), "items");
    }

    #[test]
    fn the_first_failure_in_spec_order_wins() {
        // Document order puts items first; the spec's order puts orderId first.
        let body = br#"{"items":[{"sku":"nope"}],"currency":"x","orderId":""}"#;
        assert_eq!(process(body, catalog()).unwrap_err().field, "orderId");
        assert_eq!(failing_field(|o| {
            o["customer"]["country"] = json!("x");
            o["customer"]["email"] = json!("x");
        }), "customer.email");
        // Within items: index by index, each item's fields in order.
        assert_eq!(failing_field(|o| {
            o["items"][0]["unitPriceCents"] = json!(-5);
            o["items"][1]["sku"] = json!("missing");
        }), "items[0].unitPriceCents");
        assert_eq!(failing_field(|o| {
            o["items"][0]["quantity"] = json!(0);
            o["items"][0]["sku"] = json!("missing");
        }), "items[0].sku");
        assert_eq!(failing_field(|o| {
            o["items"] = json!([]);
            o["couponCode"] = json!("BOGUS");
        }), "couponCode");
    }

    #[test]
    fn bodies_that_are_not_objects_report_an_empty_field() {
        for body in [&b"[]"[..], b"\"order\"", b"42", b"null", b"{", b"", b"not json", b"{\"orderId\": }"] {
            let err = process(body, catalog()).unwrap_err();
            assert_eq!(err.field, "", "body {:?}", String::from_utf8_lossy(body));
        }
    }
}
