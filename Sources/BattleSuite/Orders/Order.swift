/// A valid `/orders` request (docs/SUITE.md, "The request").
public struct Order: Sendable, Equatable {
    public var orderId: String
    public var customer: Customer
    public var currency: String
    /// How `couponCode` is written: absent, `null`, or a code.
    public var couponCode: CouponSpelling
    public var items: [OrderItem]
    /// Keys the server must ignore; kept so generated bodies carry them.
    public var extras: [(String, JSONValue)]

    public init(
        orderId: String, customer: Customer, currency: String, couponCode: CouponSpelling, items: [OrderItem],
        extras: [(String, JSONValue)] = []
    ) {
        self.orderId = orderId
        self.customer = customer
        self.currency = currency
        self.couponCode = couponCode
        self.items = items
        self.extras = extras
    }

    /// The coupon that applies.
    public var coupon: Coupon? {
        if case .code(let c) = couponCode { return c }
        return nil
    }

    public static func == (a: Order, b: Order) -> Bool {
        a.orderId == b.orderId && a.customer == b.customer && a.currency == b.currency && a.coupon == b.coupon
            && a.items == b.items
    }
}

public struct Customer: Sendable, Equatable {
    public var id: Int
    public var name: String
    public var email: String
    public var tier: Tier
    public var country: String

    public init(id: Int, name: String, email: String, tier: Tier, country: String) {
        self.id = id
        self.name = name
        self.email = email
        self.tier = tier
        self.country = country
    }
}

public enum Tier: String, Sendable, CaseIterable {
    case standard, silver, gold

    /// The tier discount in percent.
    public var discountPercent: Int {
        switch self {
        case .standard: 0
        case .silver: 5
        case .gold: 10
        }
    }
}

public enum Coupon: String, Sendable, CaseIterable {
    case save10 = "SAVE10"
    case freeShip = "FREESHIP"
}

public struct OrderItem: Sendable, Equatable {
    /// The product index (`sku` is `Catalog.sku(product)`).
    public var product: Int
    public var quantity: Int
    public var unitPriceCents: Int
    /// An unknown key the server must ignore, when set.
    public var giftWrap: Bool?

    public init(product: Int, quantity: Int, unitPriceCents: Int, giftWrap: Bool? = nil) {
        self.product = product
        self.quantity = quantity
        self.unitPriceCents = unitPriceCents
        self.giftWrap = giftWrap
    }

    public static func == (a: OrderItem, b: OrderItem) -> Bool {
        a.product == b.product && a.quantity == b.quantity && a.unitPriceCents == b.unitPriceCents
    }
}

/// How `couponCode` appears in a request body: absent, `null`, or a code.
public enum CouponSpelling: Sendable, Equatable {
    case absent, null
    case code(Coupon)
}

extension Order {
    /// The request body as a JSON document, keys in the spec's order.
    public var json: JSONValue {
        var members: [(String, JSONValue)] = [
            ("orderId", .string(orderId)),
            (
                "customer",
                .object([
                    ("id", .integer(customer.id)), ("name", .string(customer.name)),
                    ("email", .string(customer.email)), ("tier", .string(customer.tier.rawValue)),
                    ("country", .string(customer.country)),
                ])
            ),
            ("currency", .string(currency)),
        ]
        switch couponCode {
        case .absent: break
        case .null: members.append(("couponCode", .null))
        case .code(let c): members.append(("couponCode", .string(c.rawValue)))
        }
        members.append(contentsOf: extras)
        members.append(("items", .array(items.map(\.json))))
        return .object(members)
    }
}

extension OrderItem {
    public var json: JSONValue {
        var members: [(String, JSONValue)] = [
            ("sku", .string(Catalog.sku(product))), ("quantity", .integer(quantity)),
            ("unitPriceCents", .integer(unitPriceCents)),
        ]
        if let giftWrap { members.append(("giftWrap", .bool(giftWrap))) }
        return .object(members)
    }
}
