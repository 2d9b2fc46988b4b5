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
