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
    process(body.to_string().as_bytes(), catalog()).map(|bytes| serde_json::from_slice(&bytes).unwrap())
}

/// The field reported for `order()` changed by `edit`.
fn failing_field(edit: impl FnOnce(&mut Value)) -> String {
    let mut body = order();
    edit(&mut body);
    answer(&body)
        .expect_err("the edited order must be rejected")
        .field
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
    assert_eq!(
        single_item("silver", json!("SAVE10"), "SKU-00002", 1, 5263)["discountCents"],
        263 + 1000
    );
    assert_eq!(
        single_item("silver", json!("SAVE10"), "SKU-00002", 1, 5262)["discountCents"],
        263
    );
}

#[test]
fn shipping_is_free_from_100000_after_discounts_or_with_freeship() {
    // SKU-00002 weighs 50 + 15838 % 4950 = 1038 g: two kilograms started.
    let paid = single_item("standard", Value::Null, "SKU-00002", 1, 99_999);
    assert_eq!(paid["totalWeightGrams"], 1038);
    assert_eq!(paid["shippingCents"], 499 + 99 * 2);
    assert_eq!(paid["totalCents"], 99_999 + 499 + 198);
    assert_eq!(
        single_item("standard", Value::Null, "SKU-00002", 1, 100_000)["shippingCents"],
        0
    );
    // SAVE10 counts: 101000 - 1000 = 100000.
    assert_eq!(
        single_item("standard", json!("SAVE10"), "SKU-00002", 1, 101_000)["shippingCents"],
        0
    );
    assert_eq!(
        single_item("standard", json!("SAVE10"), "SKU-00002", 1, 100_999)["shippingCents"],
        697
    );
    let free = single_item("standard", json!("FREESHIP"), "SKU-00002", 1, 100);
    assert_eq!(
        (free["shippingCents"].as_i64(), free["discountCents"].as_i64()),
        (Some(0), Some(0))
    );
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
    assert_eq!(
        single_item("standard", Value::Null, "SKU-00003", 1, 333)["taxCents"],
        66
    );
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
    let hundred: Vec<Value> = (0..100)
        .map(|_| json!({"sku": "SKU-00000", "quantity": 1, "unitPriceCents": 0}))
        .collect();
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
    assert_eq!(
        failing_field(|o| {
            o.as_object_mut().unwrap().remove("orderId");
        }),
        "orderId"
    );
    assert_eq!(failing_field(|o| o["customer"] = json!("Ada")), "customer");
    assert_eq!(failing_field(|o| o["customer"]["id"] = json!(0)), "customer.id");
    assert_eq!(failing_field(|o| o["customer"]["id"] = json!(-3)), "customer.id");
    assert_eq!(
        failing_field(|o| o["customer"]["id"] = json!("42")),
        "customer.id"
    );
    assert_eq!(
        failing_field(|o| o["customer"]["name"] = json!("")),
        "customer.name"
    );
    assert_eq!(
        failing_field(|o| o["customer"]["email"] = json!("ada.example.com")),
        "customer.email"
    );
    assert_eq!(
        failing_field(|o| o["customer"]["tier"] = json!("platinum")),
        "customer.tier"
    );
    assert_eq!(
        failing_field(|o| o["customer"]["tier"] = json!("Gold")),
        "customer.tier"
    );
    assert_eq!(
        failing_field(|o| o["customer"]["country"] = json!("de")),
        "customer.country"
    );
    assert_eq!(
        failing_field(|o| o["customer"]["country"] = json!("DEU")),
        "customer.country"
    );
    assert_eq!(failing_field(|o| o["currency"] = json!("EU")), "currency");
    assert_eq!(failing_field(|o| o["currency"] = json!("ÉUR")), "currency");
    assert_eq!(failing_field(|o| o["couponCode"] = json!("save10")), "couponCode");
    assert_eq!(failing_field(|o| o["couponCode"] = json!(10)), "couponCode");
    assert_eq!(failing_field(|o| o["items"] = json!([])), "items");
    assert_eq!(
        failing_field(|o| o["items"] = json!({"sku": "SKU-00001"})),
        "items"
    );
    assert_eq!(failing_field(|o| o["items"][1] = json!("SKU-00001")), "items[1]");
    assert_eq!(
        failing_field(|o| o["items"][1]["sku"] = json!("SKU-10000")),
        "items[1].sku"
    );
    assert_eq!(
        failing_field(|o| o["items"][1]["sku"] = json!("SKU-1")),
        "items[1].sku"
    );
    for sku in [json!("SKU-000010"), json!(10), json!(null)] {
        assert_eq!(failing_field(|o| o["items"][1]["sku"] = sku), "items[1].sku");
    }
    assert_eq!(
        failing_field(|o| {
            o["items"][1].as_object_mut().unwrap().remove("sku");
        }),
        "items[1].sku"
    );
    assert_eq!(
        failing_field(|o| o["items"][0]["quantity"] = json!(0)),
        "items[0].quantity"
    );
    assert_eq!(
        failing_field(|o| o["items"][0]["quantity"] = json!(1001)),
        "items[0].quantity"
    );
    assert_eq!(
        failing_field(|o| o["items"][0]["unitPriceCents"] = json!(-1)),
        "items[0].unitPriceCents"
    );
    assert_eq!(
        failing_field(|o| o["items"][0]["unitPriceCents"] = json!(10_000_001)),
        "items[0].unitPriceCents"
    );
}

#[test]
fn numbers_with_a_fraction_or_exponent_are_not_integers() {
    for raw in ["3.0", "1e2", "1E2", "2.5"] {
        let body = order()
            .to_string()
            .replace("\"quantity\":3", &format!("\"quantity\":{raw}"));
        assert!(body.contains(raw));
        let err = process(body.as_bytes(), catalog()).unwrap_err();
        assert_eq!(err.field, "items[0].quantity", "quantity {raw}");
    }
    let body = order().to_string().replace("\"id\":42", "\"id\":42.0");
    assert_eq!(
        process(body.as_bytes(), catalog()).unwrap_err().field,
        "customer.id"
    );
}

#[test]
fn items_longer_than_a_hundred_are_rejected() {
    let items: Vec<Value> = (0..101)
        .map(|_| json!({"sku": "SKU-00000", "quantity": 1, "unitPriceCents": 1}))
        .collect();
    assert_eq!(failing_field(|o| o["items"] = Value::Array(items)), "items");
}

#[test]
fn the_first_failure_in_spec_order_wins() {
    // Document order puts items first; the spec's order puts orderId first.
    let body = br#"{"items":[{"sku":"nope"}],"currency":"x","orderId":""}"#;
    assert_eq!(process(body, catalog()).unwrap_err().field, "orderId");
    assert_eq!(
        failing_field(|o| {
            o["customer"]["country"] = json!("x");
            o["customer"]["email"] = json!("x");
        }),
        "customer.email"
    );
    // Within items: index by index, each item's fields in order.
    assert_eq!(
        failing_field(|o| {
            o["items"][0]["unitPriceCents"] = json!(-5);
            o["items"][1]["sku"] = json!("missing");
        }),
        "items[0].unitPriceCents"
    );
    assert_eq!(
        failing_field(|o| {
            o["items"][0]["quantity"] = json!(0);
            o["items"][0]["sku"] = json!("missing");
        }),
        "items[0].sku"
    );
    assert_eq!(
        failing_field(|o| {
            o["items"] = json!([]);
            o["couponCode"] = json!("BOGUS");
        }),
        "couponCode"
    );
}

#[test]
fn bodies_that_are_not_objects_report_an_empty_field() {
    for body in [
        &b"[]"[..],
        b"\"order\"",
        b"42",
        b"null",
        b"{",
        b"",
        b"not json",
        b"{\"orderId\": }",
    ] {
        let err = process(body, catalog()).unwrap_err();
        assert_eq!(err.field, "", "body {:?}", String::from_utf8_lossy(body));
    }
}

/// Every `suite/orders/NAME.json` with its `NAME.expected.json`: a good
/// order's exact summary, or a bad one's `{"status": 400, "field": ...}`.
#[test]
fn answers_the_suite_fixtures() {
    let root = std::env::var_os("BATTLE_ROOT")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../.."));
    let dir = root.join("suite/orders");
    let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| {
        panic!(
            "cannot read the fixtures in {} ({e}); set BATTLE_ROOT",
            dir.display()
        )
    });
    let mut checked = 0;
    for entry in entries {
        let path = entry.unwrap().path();
        let Some(name) = path
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_suffix(".expected.json"))
        else {
            continue;
        };
        let body = std::fs::read(dir.join(format!("{name}.json"))).unwrap();
        let expected: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
        match (process(&body, catalog()), expected.get("status")) {
            (Ok(summary), None) => {
                let summary: Value = serde_json::from_slice(&summary).unwrap();
                assert_eq!(summary, expected, "{name}");
            }
            (Err(invalid), Some(status)) => {
                assert_eq!(status, 400, "{name}");
                assert_eq!(invalid.field, expected["field"], "{name}");
            }
            (got, _) => panic!("{name}: got {got:?}, expected {expected}"),
        }
        checked += 1;
    }
    assert!(checked > 0, "no NAME.expected.json in {}", dir.display());
}
