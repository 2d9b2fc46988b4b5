/// An `/orders` request with a name and the answer the reference gives it.
public struct OrderCase: Sendable {
    public var name: String
    /// What the case exercises, for people reading `suite/orders/`.
    public var note: String
    public var body: [UInt8]
    public var expected: ExpectedOrderAnswer

    public init(name: String, note: String, body: [UInt8], expected: ExpectedOrderAnswer) {
        self.name = name
        self.note = note
        self.body = body
        self.expected = expected
    }
}

/// The fixed `/orders` requests the verifier sends and `suite/orders/` shows:
/// hand-made good orders covering every branch of the computation, generated
/// orders, and one bad order per validation rule.
public enum OrderFixtures {
    /// The seed of the generated orders the verifier sends.
    public static let verifierSeed: UInt64 = 0x0BA7_71E5
    public static let verifierGeneratedCount = 20

    /// Every case the verifier sends, good then bad.
    public static var verifierCases: [OrderCase] {
        good + (0..<verifierGeneratedCount).map(generatedCase) + bad
    }

    static func generatedCase(_ n: Int) -> OrderCase {
        let order = OrderGenerator(seed: verifierSeed).order(n)
        return OrderCase(
            name: "generated-\(n)", note: "OrderGenerator(seed: 0x0BA771E5).order(\(n))",
            body: Array(order.json.compactText.utf8), expected: .accepted(OrderReference.summary(of: order)))
    }

    // MARK: Good orders

    static func customer(_ tier: Tier, id: Int = 42) -> Customer {
        Customer(id: id, name: "Ada Lovelace", email: "ada@example.com", tier: tier, country: "DE")
    }

    static func good(_ name: String, _ note: String, _ order: Order) -> OrderCase {
        OrderCase(
            name: name, note: note, body: Array(order.json.prettyText.utf8),
            expected: .accepted(OrderReference.summary(of: order)))
    }

    /// Hand-made good orders, each aimed at a branch of the computation.
    public static var good: [OrderCase] {
        [
            good(
                "good-01",
                "gold tier, SAVE10 met, a line with quantity >= 10 (volume discount), all three tax classes, paid shipping",
                Order(
                    orderId: "ord-000001", customer: customer(.gold), currency: "EUR", couponCode: .code(.save10),
                    items: [
                        OrderItem(product: 42, quantity: 12, unitPriceCents: 350),
                        OrderItem(product: 100, quantity: 2, unitPriceCents: 1999),
                        OrderItem(product: 5, quantity: 1, unitPriceCents: 2500),
                    ])),
            good(
                "good-02", "silver tier, SAVE10 not met (net after tier discount below 5000)",
                Order(
                    orderId: "ord-000002", customer: customer(.silver, id: 7), currency: "USD",
                    couponCode: .code(.save10),
                    items: [
                        OrderItem(product: 1, quantity: 3, unitPriceCents: 999),
                        OrderItem(product: 9999, quantity: 1, unitPriceCents: 1500),
                    ])),
            good(
                "good-03", "standard tier, FREESHIP on a small order",
                Order(
                    orderId: "ord-000003", customer: customer(.standard, id: 3), currency: "GBP",
                    couponCode: .code(.freeShip),
                    items: [OrderItem(product: 0, quantity: 1, unitPriceCents: 100)])),
            good(
                "good-04", "standard tier, couponCode null, free shipping by amount, several lines with quantity >= 10",
                Order(
                    orderId: "ord-000004", customer: customer(.standard, id: 1234), currency: "EUR", couponCode: .null,
                    items: [
                        OrderItem(product: 12, quantity: 10, unitPriceCents: 4999),
                        OrderItem(product: 4711, quantity: 20, unitPriceCents: 2500),
                        OrderItem(product: 8000, quantity: 9, unitPriceCents: 50000),
                        OrderItem(product: 31, quantity: 15, unitPriceCents: 0),
                    ])),
            good(
                "good-05", "gold tier, no couponCode key, net after discounts exactly 100000: ships free",
                Order(
                    orderId: "ord-000005", customer: customer(.gold, id: 5), currency: "SEK", couponCode: .absent,
                    items: [OrderItem(product: 2, quantity: 1, unitPriceCents: 111_111)])),
            good(
                "good-06", "gold tier, net after discounts 99999: pays shipping",
                Order(
                    orderId: "ord-000006", customer: customer(.gold, id: 6), currency: "SEK", couponCode: .absent,
                    items: [OrderItem(product: 2, quantity: 1, unitPriceCents: 111_110)])),
            good(
                "good-07", "SAVE10 exactly at its 5000 threshold, quantities 1000 and the largest price",
                Order(
                    orderId: "ord-000007", customer: customer(.standard, id: 1), currency: "JPY",
                    couponCode: .code(.save10),
                    items: [
                        OrderItem(product: 3, quantity: 1, unitPriceCents: 5000),
                        OrderItem(product: 9998, quantity: 1000, unitPriceCents: 10_000_000),
                    ])),
            good(
                "good-08", "an orderId with a quote, a backslash and non-ASCII text, which the answer must echo",
                Order(
                    orderId: "ord-\"Zoë\"\\8", customer: customer(.silver, id: 8), currency: "EUR",
                    couponCode: .code(.freeShip),
                    items: [OrderItem(product: 77, quantity: 10, unitPriceCents: 123)])),
            good(
                "good-09", "100 items, the most allowed",
                Order(
                    orderId: "ord-000009", customer: customer(.gold, id: 9), currency: "EUR", couponCode: .absent,
                    items: (0..<100).map {
                        OrderItem(product: $0 * 97, quantity: $0 % 20 + 1, unitPriceCents: 100 + $0 * 13)
                    })),
            OrderCase(
                name: "good-10",
                note: "a generated order (OrderGenerator(seed: 0x0BA771E5).order(0)), with unknown keys to ignore",
                body: Array(OrderGenerator(seed: verifierSeed).order(0).json.prettyText.utf8),
                expected: .accepted(OrderReference.summary(of: OrderGenerator(seed: verifierSeed).order(0)))),
        ]
    }

    // MARK: Bad orders

    /// The body every bad order starts from: a valid order with three items.
    public static var baseBody: JSONValue {
        Order(
            orderId: "ord-bad", customer: customer(.gold), currency: "EUR", couponCode: .code(.save10),
            items: [
                OrderItem(product: 42, quantity: 3, unitPriceCents: 1999),
                OrderItem(product: 43, quantity: 12, unitPriceCents: 250),
                OrderItem(product: 44, quantity: 1, unitPriceCents: 99),
            ]
        ).json
    }

    static func bad(_ name: String, _ field: String, _ note: String, _ body: JSONValue) -> OrderCase {
        OrderCase(name: "bad-" + name, note: note, body: Array(body.prettyText.utf8), expected: .rejected(field: field))
    }

    static func bad(_ name: String, _ field: String, _ note: String, raw: String) -> OrderCase {
        OrderCase(name: "bad-" + name, note: note, body: Array(raw.utf8), expected: .rejected(field: field))
    }

    static func edit(_ path: [JSONValue.PathStep], _ value: JSONValue?) -> JSONValue {
        baseBody.setting(path, to: value)
    }

    /// One or more bad orders per validation rule, each with the `field` the `400` must name.
    public static var bad: [OrderCase] {
        let base = baseBody
        let oneItem = base["items"]!.arrayValue![0]
        return [
            bad("invalid-json", "", "truncated JSON", raw: #"{"orderId": "ord-1", "customer": {"id": 42"#),
            bad("empty-body", "", "an empty body", raw: ""),
            bad("trailing-comma", "", "a trailing comma is not JSON", raw: #"{"orderId": "ord-1",}"#),
            bad("array-body", "", "a JSON array, not an object", raw: "[]"),
            bad("string-body", "", "a JSON string, not an object", raw: #""order""#),
            bad("orderId-missing", "orderId", "no orderId", base.removing(["orderId"])),
            bad("orderId-empty", "orderId", "an empty orderId", edit(["orderId"], .string(""))),
            bad(
                "orderId-too-long", "orderId", "65 characters",
                edit(["orderId"], .string(String(repeating: "x", count: 65)))),
            bad("orderId-number", "orderId", "a number, not a string", edit(["orderId"], .integer(17))),
            bad("customer-missing", "customer", "no customer", base.removing(["customer"])),
            bad("customer-string", "customer", "a string, not an object", edit(["customer"], .string("Ada"))),
            bad("customer-id-zero", "customer.id", "0 is less than 1", edit(["customer", "id"], .integer(0))),
            bad("customer-id-negative", "customer.id", "a negative id", edit(["customer", "id"], .integer(-5))),
            bad(
                "customer-id-3.0", "customer.id", "3.0 has a fraction: not an integer",
                edit(["customer", "id"], .number("3.0"))),
            bad(
                "customer-id-1e2", "customer.id", "1e2 has an exponent: not an integer",
                edit(["customer", "id"], .number("1e2"))),
            bad(
                "customer-id-string", "customer.id", "a string, not a number", edit(["customer", "id"], .string("42"))),
            bad("customer-name-empty", "customer.name", "an empty name", edit(["customer", "name"], .string(""))),
            bad("customer-name-missing", "customer.name", "no name", base.removing(["customer", "name"])),
            bad("customer-email", "customer.email", "no @", edit(["customer", "email"], .string("ada.example.com"))),
            bad(
                "customer-tier-unknown", "customer.tier", "not a tier", edit(["customer", "tier"], .string("platinum"))),
            bad(
                "customer-tier-case", "customer.tier", "tiers are lower case",
                edit(["customer", "tier"], .string("Gold"))),
            bad(
                "customer-country-lower", "customer.country", "lower case",
                edit(["customer", "country"], .string("de"))),
            bad(
                "customer-country-three", "customer.country", "three letters",
                edit(["customer", "country"], .string("DEU"))),
            bad("currency-lower", "currency", "lower case", edit(["currency"], .string("eur"))),
            bad("currency-four", "currency", "four letters", edit(["currency"], .string("EURO"))),
            bad("currency-missing", "currency", "no currency", base.removing(["currency"])),
            bad("coupon-unknown", "couponCode", "not a known code", edit(["couponCode"], .string("SAVE20"))),
            bad("coupon-case", "couponCode", "codes are upper case", edit(["couponCode"], .string("save10"))),
            bad("coupon-number", "couponCode", "a number", edit(["couponCode"], .integer(10))),
            bad("items-missing", "items", "no items", base.removing(["items"])),
            bad("items-object", "items", "an object, not an array", edit(["items"], .object([]))),
            bad("items-empty", "items", "no elements", edit(["items"], .array([]))),
            bad(
                "items-101", "items", "101 elements, one more than allowed",
                edit(["items"], .array(Array(repeating: oneItem, count: 101)))),
            bad("item-not-object", "items[1]", "an element that is a number", edit(["items", 1], .integer(7))),
            bad(
                "item-sku-unpadded", "items[0].sku", "SKU-42 is not the catalog's spelling (SKU-00042)",
                edit(["items", 0, "sku"], .string("SKU-42"))),
            bad(
                "item-sku-unknown", "items[2].sku", "not a SKU at all", edit(["items", 2, "sku"], .string("NOT-A-SKU"))),
            bad("item-sku-number", "items[1].sku", "a number, not a string", edit(["items", 1, "sku"], .integer(42))),
            bad("item-sku-missing", "items[0].sku", "no sku", base.removing(["items", 0, "sku"])),
            bad(
                "item-quantity-zero", "items[2].quantity", "0 is below 1", edit(["items", 2, "quantity"], .integer(0))),
            bad(
                "item-quantity-1001", "items[0].quantity", "1001 is above 1000",
                edit(["items", 0, "quantity"], .integer(1001))),
            bad(
                "item-quantity-3.0", "items[1].quantity", "3.0 has a fraction: not an integer",
                edit(["items", 1, "quantity"], .number("3.0"))),
            bad(
                "item-quantity-1e2", "items[1].quantity", "1e2 has an exponent: not an integer",
                edit(["items", 1, "quantity"], .number("1e2"))),
            bad("item-quantity-string", "items[0].quantity", "a string", edit(["items", 0, "quantity"], .string("3"))),
            bad(
                "item-price-negative", "items[2].unitPriceCents", "below 0",
                edit(["items", 2, "unitPriceCents"], .integer(-1))),
            bad(
                "item-price-too-high", "items[0].unitPriceCents", "above 10000000",
                edit(["items", 0, "unitPriceCents"], .integer(10_000_001))),
            bad(
                "item-price-fraction", "items[1].unitPriceCents", "19.99 is not an integer",
                edit(["items", 1, "unitPriceCents"], .number("19.99"))),
            bad(
                "item-price-missing", "items[0].unitPriceCents", "no unitPriceCents",
                base.removing(["items", 0, "unitPriceCents"])),
            bad(
                "order-tier-before-currency", "customer.tier", "two faults: the rule earlier in the table wins",
                edit(["customer", "tier"], .string("bronze")).setting(["currency"], to: .string("euro"))),
            bad(
                "order-first-item-wins", "items[0].quantity", "faults in items 0 and 2: the lower index wins",
                edit(["items", 0, "quantity"], .integer(0)).setting(["items", 2, "quantity"], to: .integer(2000))),
        ]
    }
}
