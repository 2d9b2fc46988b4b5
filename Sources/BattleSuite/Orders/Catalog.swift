/// A product of the resident catalog (docs/SUITE.md, "The resident data set").
public struct Product: Sendable, Equatable {
    public var index: Int
    public var sku: String
    public var name: String
    public var weightGrams: Int
    public var taxClass: TaxClass
    public var tags: [String]

    public enum TaxClass: Int, Sendable {
        case standard = 0, reduced = 1, zero = 2

        /// The tax rate in basis points.
        public var rateBasisPoints: Int {
            switch self {
            case .standard: 2000
            case .reduced: 700
            case .zero: 0
            }
        }
    }
}

/// The catalog every contender builds at start: product `k` is a pure function of `k`.
public enum Catalog {
    /// Products every catalog holds; requests only name these.
    public static let requestableCount = 10_000

    /// Products a server holds for a given `BATTLE_LIVE_HEAP_MB`.
    public static func size(liveHeapMB: Int) -> Int { max(requestableCount, liveHeapMB * 4096) }

    public static func product(_ k: Int) -> Product {
        Product(
            index: k,
            sku: sku(k),
            name: "Product \(k)",
            weightGrams: 50 + (k * 7919) % 4950,
            taxClass: Product.TaxClass(rawValue: k % 3)!,
            tags: ["t\(k % 7)", "t\(k % 11)"])
    }

    /// `SKU-` and `k` as at least five decimal digits.
    public static func sku(_ k: Int) -> String {
        let digits = String(k)
        return "SKU-" + String(repeating: "0", count: max(0, 5 - digits.count)) + digits
    }

    /// The product a SKU names in a catalog of `size` products, or nil.
    /// Only the canonical spelling names a product: `SKU-00042`, not `SKU-42` or `SKU-000042`.
    public static func index(ofSKU sku: String, size: Int = requestableCount) -> Int? {
        guard sku.hasPrefix("SKU-") else { return nil }
        let digits = sku.dropFirst(4)
        guard digits.count >= 5, digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let k = Int(digits),
            k < size, Catalog.sku(k) == sku
        else { return nil }
        return k
    }
}
