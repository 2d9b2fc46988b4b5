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
        Invalid {
            field: field.into(),
            message,
        }
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
            _ => {
                return Err(Invalid::new(
                    "couponCode",
                    "must be absent, null, SAVE10 or FREESHIP",
                ))
            }
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

    Ok(Order {
        order_id,
        customer_id,
        tier,
        currency,
        coupon,
        items,
    })
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
        .ok_or_else(|| {
            Invalid::new(
                format!("items[{i}].quantity"),
                "must be an integer from 1 to 1000",
            )
        })?;
    let unit_price_cents = item
        .get("unitPriceCents")
        .and_then(Value::as_i64)
        .filter(|p| (0..=10_000_000).contains(p))
        .ok_or_else(|| {
            Invalid::new(
                format!("items[{i}].unitPriceCents"),
                "must be an integer from 0 to 10000000",
            )
        })?;
    Ok(Item {
        product,
        quantity,
        unit_price_cents,
    })
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
        let volume_discount = if item.quantity >= 10 {
            line_subtotal * 5 / 100
        } else {
            0
        };
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
    let coupon_discount = if order.coupon == Some(Coupon::Save10) && net_after_volume - tier_discount >= 5000
    {
        1000
    } else {
        0
    };
    let discount_cents = volume_discounts + tier_discount + coupon_discount;
    let free_shipping = order.coupon == Some(Coupon::FreeShip)
        || net_after_volume - tier_discount - coupon_discount >= 100_000;
    let shipping_cents = if free_shipping {
        0
    } else {
        499 + 99 * div_ceil(total_weight_grams, 1000)
    };

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
mod tests;
