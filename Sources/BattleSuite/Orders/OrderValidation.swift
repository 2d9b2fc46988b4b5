/// Why an `/orders` request is refused: the first rule it breaks
/// (docs/SUITE.md, validation table). The server answers `400` with
/// `{"error":message,"field":field}`.
public struct OrderRejection: Error, Sendable, Equatable {
    /// The spec's path of the failing field (`items[3].quantity`); `""` for the body.
    public var field: String
    public var message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }

    /// The `400` body a server might send.
    public var json: JSONValue { .object([("error", .string(message)), ("field", .string(field))]) }
}

/// The reference validation of `/orders` requests, rule by rule in the spec's order.
public enum OrderValidation {
    public static let maxItems = 100
    public static let quantityRange = 1...1000
    public static let unitPriceRange = 0...10_000_000

    /// Parses and validates a request body.
    public static func validate(
        body: [UInt8], catalogSize: Int = Catalog.requestableCount
    ) -> Result<Order, OrderRejection> {
        do {
            return validate(try JSONParser.parse(body), catalogSize: catalogSize)
        } catch {
            return .failure(OrderRejection(field: "", message: "the body is not valid JSON: \(error.reason)"))
        }
    }

    public static func validate(
        _ body: JSONValue, catalogSize: Int = Catalog.requestableCount
    ) -> Result<Order, OrderRejection> {
        Result { () throws(OrderRejection) -> Order in try order(from: body, catalogSize: catalogSize) }
    }

    private static func reject(_ field: String, _ message: String) -> OrderRejection {
        OrderRejection(field: field, message: message)
    }

    private static func order(from body: JSONValue, catalogSize: Int) throws(OrderRejection) -> Order {
        guard body.isObject else { throw reject("", "the body must be a JSON object") }

        guard let orderId = body["orderId"]?.stringValue, (1...64).contains(orderId.unicodeScalars.count) else {
            throw reject("orderId", "orderId must be a string of 1 to 64 characters")
        }
        guard let customerValue = body["customer"], customerValue.isObject else {
            throw reject("customer", "customer must be an object")
        }
        let customer = try self.customer(from: customerValue)

        guard let currency = body["currency"]?.stringValue, isUpperASCII(currency, count: 3) else {
            throw reject("currency", "currency must be three upper-case letters")
        }
        let couponCode: CouponSpelling
        switch body["couponCode"] {
        case nil: couponCode = .absent
        case .null?: couponCode = .null
        case .string(let s)?:
            guard let c = Coupon(rawValue: s) else { throw reject("couponCode", "unknown coupon code") }
            couponCode = .code(c)
        default: throw reject("couponCode", "couponCode must be null, SAVE10 or FREESHIP")
        }

        guard let itemValues = body["items"]?.arrayValue, (1...maxItems).contains(itemValues.count) else {
            throw reject("items", "items must be an array of 1 to \(maxItems) elements")
        }
        var items: [OrderItem] = []
        items.reserveCapacity(itemValues.count)
        for (i, value) in itemValues.enumerated() {
            items.append(try item(from: value, path: "items[\(i)]", catalogSize: catalogSize))
        }
        return Order(orderId: orderId, customer: customer, currency: currency, couponCode: couponCode, items: items)
    }

    private static func customer(from value: JSONValue) throws(OrderRejection) -> Customer {
        guard let id = value["id"]?.integerValue, id >= 1 else {
            throw reject("customer.id", "customer.id must be an integer of at least 1")
        }
        guard let name = value["name"]?.stringValue, !name.isEmpty else {
            throw reject("customer.name", "customer.name must be a non-empty string")
        }
        guard let email = value["email"]?.stringValue, email.contains("@") else {
            throw reject("customer.email", "customer.email must contain @")
        }
        guard let tierName = value["tier"]?.stringValue, let tier = Tier(rawValue: tierName) else {
            throw reject("customer.tier", "customer.tier must be standard, silver or gold")
        }
        guard let country = value["country"]?.stringValue, isUpperASCII(country, count: 2) else {
            throw reject("customer.country", "customer.country must be two upper-case letters")
        }
        return Customer(id: id, name: name, email: email, tier: tier, country: country)
    }

    private static func item(from value: JSONValue, path: String, catalogSize: Int) throws(OrderRejection) -> OrderItem
    {
        guard value.isObject else { throw reject(path, "\(path) must be an object") }
        guard let sku = value["sku"]?.stringValue, let product = Catalog.index(ofSKU: sku, size: catalogSize) else {
            throw reject("\(path).sku", "\(path).sku must name a product in the catalog")
        }
        guard let quantity = value["quantity"]?.integerValue, quantityRange.contains(quantity) else {
            throw reject("\(path).quantity", "\(path).quantity must be an integer from 1 to 1000")
        }
        guard let price = value["unitPriceCents"]?.integerValue, unitPriceRange.contains(price) else {
            throw reject("\(path).unitPriceCents", "\(path).unitPriceCents must be an integer from 0 to 10000000")
        }
        return OrderItem(product: product, quantity: quantity, unitPriceCents: price)
    }

    private static func isUpperASCII(_ s: String, count: Int) -> Bool {
        s.utf8.count == count && s.utf8.allSatisfy { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }
    }
}
