/// A validated `/orders` request: every field checked, every SKU resolved.
struct Order: Sendable {
    enum Tier: String, Sendable {
        case standard, silver, gold

        var discountPercent: Int {
            switch self {
            case .standard: 0
            case .silver: 5
            case .gold: 10
            }
        }
    }

    enum Coupon: String, Sendable {
        case save10 = "SAVE10"
        case freeShip = "FREESHIP"
    }

    struct Item: Sendable {
        var product: Product
        var quantity: Int
        var unitPriceCents: Int
    }

    var orderId: String
    var customerId: Int
    var tier: Order.Tier
    var currency: String
    var coupon: Coupon?
    var items: [Item]
}

/// The first rule an order broke, in the suite's order: answered as `400`.
struct OrderError: Error, Encodable, Equatable {
    var error: String
    var field: String
}
