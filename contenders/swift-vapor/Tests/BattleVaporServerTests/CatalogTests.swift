import Testing

@testable import BattleVaporServer

@Suite("resident catalog")
struct CatalogTests {
    @Test func productFieldsFollowTheSpec() {
        let product = Product(index: 42)
        #expect(product.sku == "SKU-00042")
        #expect(product.name == "Product 42")
        #expect(product.weightGrams == 50 + (42 * 7919) % 4950)
        #expect(product.taxClass == .standard)
        #expect(product.tags == ["t0", "t9"])
        #expect(Product(index: 123_456).sku == "SKU-123456")
        #expect(Product(index: 0).sku == "SKU-00000")
        #expect(Product(index: 5).taxClass == .zero)
    }

    @Test func sizeFollowsLiveHeap() {
        #expect(Catalog.productCount(liveHeapMB: 0) == 10_000)
        #expect(Catalog.productCount(liveHeapMB: 2) == 10_000)
        #expect(Catalog.productCount(liveHeapMB: 512) == 2_097_152)
    }

    @Test func looksUpBySku() {
        let catalog = Catalog(count: 10_000)
        #expect(catalog["SKU-09999"]?.name == "Product 9999")
        #expect(catalog["SKU-10000"] == nil)
        #expect(catalog["SKU-42"] == nil)
    }
}
