import BattleCore

/// Generates `/orders` requests from a seed (docs/SUITE.md, "The request generator").
///
/// Order `n` of a generator depends only on the seed and `n`, so a load
/// generator can draw any order at any time, on any thread, and the verifier
/// can recompute it. Orders have 10-30 items, SKUs 0..9999, quantities 1..20,
/// prices 100..50000 cents, every tier and every spelling of the coupon
/// (absent, null, SAVE10, FREESHIP), and bodies of about 1-3 KB.
///
/// One order in four is a "small basket" (prices 100..1500, quantities 1..3)
/// so that paid shipping is exercised too; the others draw quantities 1..20
/// (about half of their lines get the volume discount) and prices 100..50000.
public struct OrderGenerator: Sendable {
    public let seed: UInt64

    public init(seed: UInt64) { self.seed = seed }

    public static let itemCountRange = 10...30
    public static let quantityRange = 1...20
    public static let priceRange = 100...50_000

    public func order(_ n: Int) -> Order {
        var rng = SplitMix64(seed: seed ^ (UInt64(truncatingIfNeeded: n) &* 0xD1B5_4A32_D192_ED03))
        _ = rng.next()
        let first = rng.pick(Self.firstNames)
        let last = rng.pick(Self.lastNames)
        let customer = Customer(
            id: rng.int(in: 1...9_999_999), name: "\(first) \(last)",
            email: "\(first.lowercased()).\(last.lowercased())@example.com", tier: rng.pick(Tier.allCases),
            country: rng.pick(Self.countries))
        let couponCode: CouponSpelling = rng.pick([.absent, .null, .code(.save10), .code(.freeShip)])
        let smallBasket = rng.chance(1, in: 4)
        let items = (0..<rng.int(in: Self.itemCountRange)).map { _ in
            OrderItem(
                product: rng.int(in: 0...(Catalog.requestableCount - 1)),
                quantity: rng.int(in: smallBasket ? 1...3 : Self.quantityRange),
                unitPriceCents: rng.int(in: smallBasket ? 100...1_500 : Self.priceRange),
                giftWrap: rng.chance(1, in: 3))
        }
        let address: JSONValue = .object([
            ("street", .string("\(rng.int(in: 1...999)) \(rng.pick(Self.streets))")),
            ("city", .string(rng.pick(Self.cities))),
            ("postalCode", .string(String(rng.int(in: 10_000...99_999)))),
        ])
        return Order(
            orderId: "ord-\(String(seed, radix: 16))-\(n)", customer: customer, currency: rng.pick(Self.currencies),
            couponCode: couponCode, items: items,
            extras: [("shippingAddress", address), ("channel", .string(rng.pick(["web", "app", "phone"])))])
    }

    /// The body of order `n` as sent: compact JSON, keys in the spec's order.
    public func body(_ n: Int) -> [UInt8] { Array(order(n).json.compactText.utf8) }

    static let firstNames = [
        "Ada", "Alan", "Grace", "Edsger", "Barbara", "Donald", "Frances", "Niklaus", "Margaret", "Dennis", "Radia",
        "Ken",
    ]
    static let lastNames = [
        "Lovelace", "Turing", "Hopper", "Dijkstra", "Liskov", "Knuth", "Allen", "Wirth", "Hamilton", "Ritchie",
        "Perlman", "Thompson",
    ]
    static let countries = ["DE", "FR", "GB", "US", "JP", "BR", "IN", "NL", "SE", "ES", "CA", "AU"]
    static let currencies = ["EUR", "USD", "GBP", "JPY", "SEK"]
    static let streets = ["Main Street", "Rue de la Paix", "Hauptstrasse", "Elm Avenue", "Harbour Road"]
    static let cities = ["Berlin", "Paris", "London", "Boston", "Osaka", "Lisbon", "Utrecht", "Malmo"]
}
