import Foundation

/// Checks an `/orders` body against the suite's rules, in the suite's order,
/// and stops at the first failure (docs/SUITE.md, "Validation").
extension Order {
    static let maxItems = 100
    static let quantityRange = 1...1000
    static let unitPriceRange = 0...10_000_000

    /// Parses and validates a request body.
    static func validate(body: Data, catalog: Catalog) throws(OrderError) -> Order {
        guard let tree = JSONTree.parse(body) else {
            throw OrderError(error: "body is not valid JSON", field: "")
        }
        return try validate(tree: tree, catalog: catalog)
    }

    static func validate(tree: Any, catalog: Catalog) throws(OrderError) -> Order {
        guard let root = JSONTree.object(tree) else {
            throw OrderError(error: "body must be a JSON object", field: "")
        }

        guard let orderId = JSONTree.string(root["orderId"]), (1...64).contains(orderId.count) else {
            throw OrderError(error: "must be a string of 1 to 64 characters", field: "orderId")
        }

        guard let customer = JSONTree.object(root["customer"]) else {
            throw OrderError(error: "must be an object", field: "customer")
        }
        guard let customerId = JSONTree.integer(customer["id"]), customerId >= 1 else {
            throw OrderError(error: "must be an integer >= 1", field: "customer.id")
        }
        guard let name = JSONTree.string(customer["name"]), !name.isEmpty else {
            throw OrderError(error: "must be a non-empty string", field: "customer.name")
        }
        guard let email = JSONTree.string(customer["email"]), email.utf8.contains(UInt8(ascii: "@")) else {
            throw OrderError(error: "must be a string containing @", field: "customer.email")
        }
        guard let tier = JSONTree.string(customer["tier"]).flatMap(Tier.init(rawValue:)) else {
            throw OrderError(error: "must be one of standard, silver, gold", field: "customer.tier")
        }
        guard let country = JSONTree.string(customer["country"]), isUpperASCII(country, length: 2) else {
            throw OrderError(error: "must be two ASCII upper-case letters", field: "customer.country")
        }
        _ = country

        guard let currency = JSONTree.string(root["currency"]), isUpperASCII(currency, length: 3) else {
            throw OrderError(error: "must be three ASCII upper-case letters", field: "currency")
        }

        let coupon: Coupon?
        let rawCoupon = root["couponCode"]
        if rawCoupon == nil || JSONTree.isNull(rawCoupon) {
            coupon = nil
        } else if let code = JSONTree.string(rawCoupon).flatMap(Coupon.init(rawValue:)) {
            coupon = code
        } else {
            throw OrderError(error: "must be absent, null, SAVE10 or FREESHIP", field: "couponCode")
        }

        guard let rawItems = JSONTree.array(root["items"]), (1...maxItems).contains(rawItems.count) else {
            throw OrderError(error: "must be an array of 1 to \(maxItems) items", field: "items")
        }
        var items: [Item] = []
        items.reserveCapacity(rawItems.count)
        for (index, rawItem) in rawItems.enumerated() {
            items.append(try validate(item: rawItem, at: index, catalog: catalog))
        }

        return Order(
            orderId: orderId, customerId: customerId, tier: tier,
            currency: currency, coupon: coupon, items: items
        )
    }

    private static func validate(item rawItem: Any, at index: Int, catalog: Catalog) throws(OrderError) -> Item {
        let path = "items[\(index)]"
        guard let item = JSONTree.object(rawItem) else {
            throw OrderError(error: "must be an object", field: path)
        }
        guard let sku = JSONTree.string(item["sku"]), let product = catalog[sku] else {
            throw OrderError(error: "must be a string naming a product in the catalog", field: path + ".sku")
        }
        guard let quantity = JSONTree.integer(item["quantity"]), quantityRange.contains(quantity) else {
            throw OrderError(error: "must be an integer from 1 to 1000", field: path + ".quantity")
        }
        guard let price = JSONTree.integer(item["unitPriceCents"]), unitPriceRange.contains(price) else {
            throw OrderError(error: "must be an integer from 0 to 10000000", field: path + ".unitPriceCents")
        }
        return Item(product: product, quantity: quantity, unitPriceCents: price)
    }

    private static func isUpperASCII(_ text: String, length: Int) -> Bool {
        text.utf8.count == length && text.utf8.allSatisfy { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }
    }
}
