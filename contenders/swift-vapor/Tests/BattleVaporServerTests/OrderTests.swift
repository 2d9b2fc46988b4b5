import Foundation
import Testing

@testable import BattleVaporServer

@Suite("orders validation and computation")
struct OrderTests {
    static let catalog = Catalog(count: 10_000)

    static let validBody = """
        {"orderId":"ord-000017","customer":{"id":42,"name":"Ada Lovelace","email":"ada@example.com",
         "tier":"gold","country":"DE"},"currency":"EUR","couponCode":"SAVE10","unknown":[1,2],
         "items":[{"sku":"SKU-00042","quantity":3,"unitPriceCents":1999},
                  {"sku":"SKU-00001","quantity":10,"unitPriceCents":1000}]}
        """

    /// The valid body with one JSON fragment replaced.
    static func body(replacing old: String, with new: String) -> String {
        precondition(validBody.contains(old), "fixture has no \(old)")
        return validBody.replacingOccurrences(of: old, with: new)
    }

    static func failure(_ body: String) -> OrderError? {
        do {
            _ = try Order.validate(body: Data(body.utf8), catalog: catalog)
            return nil
        } catch {
            return error
        }
    }

    @Test func computesTheSummaryByHand() throws {
        let order = try Order.validate(body: Data(Self.validBody.utf8), catalog: Self.catalog)
        let summary = OrderSummary(order)
        // Product 42: weight 998 g, tax class 0 (20 %). Product 1: 3019 g, class 1 (7 %).
        // Line 1: 3 x 1999 = 5997, no volume discount, tax 1199, 2994 g.
        // Line 2: 10 x 1000 = 10000, volume 500, net 9500, tax 665, 30190 g.
        // Net 15497; gold 10 % = 1549; SAVE10 applies (13948 >= 5000): 1000.
        // Shipping: 499 + 99 x ceil(33184 / 1000) = 499 + 99 x 34 = 3865.
        #expect(summary.orderId == "ord-000017")
        #expect(summary.customerId == 42)
        #expect(summary.currency == "EUR")
        #expect(summary.itemCount == 13)
        #expect(summary.subtotalCents == 15997)
        #expect(summary.discountCents == 500 + 1549 + 1000)
        #expect(summary.taxCents == 1199 + 665)
        #expect(summary.totalWeightGrams == 33184)
        #expect(summary.shippingCents == 3865)
        #expect(summary.totalCents == 15997 - 3049 + 1864 + 3865)
        #expect(summary.lines == [
            .init(sku: "SKU-00042", name: "Product 42", quantity: 3, netCents: 5997, taxCents: 1199, weightGrams: 2994),
            .init(sku: "SKU-00001", name: "Product 1", quantity: 10, netCents: 9500, taxCents: 665, weightGrams: 30190),
        ])
    }

    @Test func freeShippingAndNoCoupon() throws {
        let freeShip = try Order.validate(
            body: Data(Self.body(replacing: "\"SAVE10\"", with: "\"FREESHIP\"").utf8), catalog: Self.catalog)
        #expect(OrderSummary(freeShip).shippingCents == 0)
        #expect(OrderSummary(freeShip).discountCents == 500 + 1549)

        let noCoupon = try Order.validate(
            body: Data(Self.body(replacing: "\"couponCode\":\"SAVE10\",", with: "").utf8), catalog: Self.catalog)
        #expect(noCoupon.coupon == nil)
        let nullCoupon = try Order.validate(
            body: Data(Self.body(replacing: "\"SAVE10\"", with: "null").utf8), catalog: Self.catalog)
        #expect(nullCoupon.coupon == nil)
    }

    @Test(arguments: [
        ("not json", ""),
        ("[1,2]", ""),
        ("\"text\"", ""),
        ("{}", "orderId"),
        ("", ""),
        ("{\"orderId\": \"ord-1\",}", ""),
        ("{\"orderId\": \"ord-1\", \"items\": [1, ]}", ""),
        ("{\"orderId\": \"a,}\\\",]\"}", "customer"),
    ])
    func rejectsBodies(body: String, field: String) {
        #expect(Self.failure(body)?.field == field)
    }

    @Test(arguments: [
        ("\"ord-000017\"", "\"\"", "orderId"),
        ("\"ord-000017\"", "\"\(String(repeating: "x", count: 65))\"", "orderId"),
        ("\"ord-000017\"", "17", "orderId"),
        ("\"customer\":{", "\"customer\":[{}],\"c\":{", "customer"),
        ("\"id\":42", "\"id\":0", "customer.id"),
        ("\"id\":42", "\"id\":42.0", "customer.id"),
        ("\"id\":42", "\"id\":\"42\"", "customer.id"),
        ("\"Ada Lovelace\"", "\"\"", "customer.name"),
        ("\"ada@example.com\"", "\"ada.example.com\"", "customer.email"),
        ("\"gold\"", "\"platinum\"", "customer.tier"),
        ("\"DE\"", "\"de\"", "customer.country"),
        ("\"DE\"", "\"DEU\"", "customer.country"),
        ("\"EUR\"", "\"EU\"", "currency"),
        ("\"SAVE10\"", "\"SAVE20\"", "couponCode"),
        ("\"SAVE10\"", "10", "couponCode"),
        ("\"items\":[", "\"items\":{},\"x\":[", "items"),
        ("\"SKU-00042\"", "\"SKU-10000\"", "items[0].sku"),
        ("\"SKU-00001\"", "\"SKU-1\"", "items[1].sku"),
        ("\"quantity\":10", "\"quantity\":1001", "items[1].quantity"),
        ("\"quantity\":3", "\"quantity\":3.0", "items[0].quantity"),
        ("\"quantity\":3", "\"quantity\":1e2", "items[0].quantity"),
        ("\"quantity\":3", "\"quantity\":true", "items[0].quantity"),
        ("\"unitPriceCents\":1000", "\"unitPriceCents\":-1", "items[1].unitPriceCents"),
        ("\"unitPriceCents\":1999", "\"unitPriceCents\":10000001", "items[0].unitPriceCents"),
    ])
    func reportsTheFailingField(old: String, new: String, field: String) {
        #expect(Self.failure(Self.body(replacing: old, with: new))?.field == field)
    }

    @Test func reportsTheFirstFailureInSpecOrder() {
        // orderId comes before customer.id, whatever the key order in the text.
        let both = Self.body(replacing: "\"id\":42", with: "\"id\":-1")
            .replacingOccurrences(of: "\"ord-000017\"", with: "\"\"")
        #expect(Self.failure(both)?.field == "orderId")
        // items[0] is checked in full before items[1].
        let twoItems = Self.body(replacing: "\"quantity\":10", with: "\"quantity\":0")
            .replacingOccurrences(of: "\"unitPriceCents\":1999", with: "\"unitPriceCents\":-5")
        #expect(Self.failure(twoItems)?.field == "items[0].unitPriceCents")
    }

    @Test func itemCountLimits() {
        let item = "{\"sku\":\"SKU-00001\",\"quantity\":1,\"unitPriceCents\":1}"
        let empty = Self.body(replacing: "\"items\":[", with: "\"items\":[],\"x\":[")
        #expect(Self.failure(empty)?.field == "items")
        let hundred = "[" + Array(repeating: item, count: 100).joined(separator: ",") + "],\"x\":["
        #expect(Self.failure(Self.body(replacing: "\"items\":[", with: "\"items\":" + hundred)) == nil)
        let tooMany = "[" + Array(repeating: item, count: 101).joined(separator: ",") + "],\"x\":["
        #expect(Self.failure(Self.body(replacing: "\"items\":[", with: "\"items\":" + tooMany))?.field == "items")
    }

    @Test func trailingCommasAreNotJSON() {
        #expect(JSONTree.parse(Data("[1,]".utf8)) == nil)
        #expect(JSONTree.parse(Data("{\"a\":1 ,\n}".utf8)) == nil)
        #expect(JSONTree.parse(Data("[\",]\"]".utf8)) != nil)
        #expect(JSONTree.parse(Data("[\"\\\\\",[]]".utf8)) != nil)
    }

    @Test func integersKeepTheirLiteralForm() {
        #expect(JSONTree.integer(JSONTree.parse(Data("3".utf8))) == 3)
        #expect(JSONTree.integer(JSONTree.parse(Data("-0".utf8))) == 0)
        #expect(JSONTree.integer(JSONTree.parse(Data("9223372036854775807".utf8))) == Int.max)
        #expect(JSONTree.integer(JSONTree.parse(Data("9223372036854775808".utf8))) == nil)
        #expect(JSONTree.integer(JSONTree.parse(Data("3.0".utf8))) == nil)
        #expect(JSONTree.integer(JSONTree.parse(Data("1e2".utf8))) == nil)
        #expect(JSONTree.integer(JSONTree.parse(Data("1E2".utf8))) == nil)
        #expect(JSONTree.integer(JSONTree.parse(Data("true".utf8))) == nil)
        #expect(JSONTree.integer(JSONTree.parse(Data("1".utf8))) == 1)
    }
}
