/// One product of the resident catalog. A class on purpose: the suite wants
/// every product to be its own heap object, so that a large catalog is a large
/// live heap of reference-counted objects (docs/SUITE.md, /orders).
final class Product: Sendable {
    let sku: String
    let name: String
    let weightGrams: Int
    let taxClass: TaxClass
    let tags: [String]

    init(index k: Int) {
        sku = Product.sku(k)
        name = "Product \(k)"
        weightGrams = 50 + (k * 7919) % 4950
        taxClass = TaxClass(rawValue: k % 3)!
        tags = ["t\(k % 7)", "t\(k % 11)"]
    }

    /// `SKU-` and `k` as at least five digits, zero-padded.
    static func sku(_ k: Int) -> String {
        let digits = String(k)
        return "SKU-" + String(repeating: "0", count: max(0, 5 - digits.count)) + digits
    }
}

enum TaxClass: Int, Sendable {
    case standard = 0
    case reduced = 1
    case zero = 2

    var rateBasisPoints: Int {
        switch self {
        case .standard: 2000
        case .reduced: 700
        case .zero: 0
        }
    }
}

/// The products, looked up by SKU. Built once at start, read-only after.
struct Catalog: Sendable {
    let products: [String: Product]

    /// `max(10000, liveHeapMB * 4096)` products, as the suite asks.
    static func productCount(liveHeapMB: Int) -> Int {
        max(10_000, liveHeapMB * 4096)
    }

    init(count: Int) {
        var products = [String: Product](minimumCapacity: count)
        for k in 0..<count {
            let product = Product(index: k)
            products[product.sku] = product
        }
        self.products = products
    }

    subscript(sku: String) -> Product? { products[sku] }
}
