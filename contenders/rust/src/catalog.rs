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
mod tests {
    use super::*;

    #[test]
    fn products_follow_the_spec_formulas() {
        let p = Product::numbered(42);
        assert_eq!(p.sku, "SKU-00042");
        assert_eq!(p.name, "Product 42");
        assert_eq!(p.weight_grams, 50 + (42 * 7919) % 4950);
        assert_eq!(p.weight_grams, 998);
        assert_eq!(p.tax_class, TaxClass::Standard);
        assert_eq!(p.tags, ["t0", "t9"]);

        assert_eq!(Product::numbered(123_456).sku, "SKU-123456");
        assert_eq!(Product::numbered(1).tax_class, TaxClass::Reduced);
        assert_eq!(Product::numbered(2).tax_class, TaxClass::Zero);
    }

    #[test]
    fn the_catalog_size_follows_the_live_heap_setting() {
        assert_eq!(Catalog::size_for_live_heap(0), 10_000);
        assert_eq!(Catalog::size_for_live_heap(2), 10_000);
        assert_eq!(Catalog::size_for_live_heap(3), 12_288);
        assert_eq!(Catalog::size_for_live_heap(512), 2_097_152);
    }

    #[test]
    fn looks_products_up_by_sku() {
        let catalog = Catalog::with_products(10_000);
        assert!(catalog.get("SKU-00000").is_some());
        assert_eq!(catalog.get("SKU-09999").unwrap().name, "Product 9999");
        assert!(catalog.get("SKU-10000").is_none());
        assert!(catalog.get("SKU-42").is_none());
    }
}
