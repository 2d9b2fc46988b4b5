//! The resident product catalog `/orders` prices against (docs/SUITE.md, "The
//! resident data set"). Built once at start and shared read-only afterwards.

use std::collections::HashMap;

/// Products always present: requests name SKUs 0..9999.
pub const MIN_PRODUCTS: usize = 10_000;
/// Products added per MB of `BATTLE_LIVE_HEAP_MB`.
pub const PRODUCTS_PER_MB: usize = 4096;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TaxClass {
    Standard,
    Reduced,
    Zero,
}

impl TaxClass {
    /// The tax rate in basis points.
    pub fn rate_bp(self) -> i64 {
        match self {
            TaxClass::Standard => 2000,
            TaxClass::Reduced => 700,
            TaxClass::Zero => 0,
        }
    }
}

#[derive(Debug)]
pub struct Product {
    pub sku: String,
    pub name: String,
    pub weight_grams: i64,
    pub tax_class: TaxClass,
    /// Not used by the pricing; part of the record so that the live heap has
    /// the shape the spec describes.
    #[allow(dead_code)]
    pub tags: Vec<String>,
}

impl Product {
    /// Product `k` as the spec defines it.
    pub fn numbered(k: usize) -> Product {
        Product {
            sku: format!("SKU-{k:05}"),
            name: format!("Product {k}"),
            weight_grams: 50 + (k as i64 * 7919) % 4950,
            tax_class: match k % 3 {
                0 => TaxClass::Standard,
                1 => TaxClass::Reduced,
                _ => TaxClass::Zero,
            },
            tags: vec![format!("t{}", k % 7), format!("t{}", k % 11)],
        }
    }
}

pub struct Catalog {
    by_sku: HashMap<String, Product>,
}

impl Catalog {
    /// The catalog size for `BATTLE_LIVE_HEAP_MB`: `max(10000, mb * 4096)`.
    pub fn size_for_live_heap(mb: usize) -> usize {
        MIN_PRODUCTS.max(mb.saturating_mul(PRODUCTS_PER_MB))
    }

    /// Products 0..`size`.
    pub fn with_products(size: usize) -> Catalog {
        let mut by_sku = HashMap::with_capacity(size);
        for k in 0..size {
            let product = Product::numbered(k);
            by_sku.insert(product.sku.clone(), product);
        }
        Catalog { by_sku }
    }

    pub fn get(&self, sku: &str) -> Option<&Product> {
        self.by_sku.get(sku)
    }
}

#[cfg(test)]
mod tests;
