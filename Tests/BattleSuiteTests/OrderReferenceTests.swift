import BattleSuite
import Testing

@Suite struct OrderReferenceTests {
    @Test func catalogProductsFollowTheSpec() {
        let p = Catalog.product(42)
        #expect(p.sku == "SKU-00042")
        #expect(p.name == "Product 42")
        // docs/SUITE.md: weightGrams = 50 + (k * 7919) % 4950, worked by hand
        // (42 * 7919 = 332598 = 67 * 4950 + 948; 5 * 7919 = 39595 = 7 * 4950 + 4945).
        #expect(p.weightGrams == 998)
        #expect([0, 1, 5, 100].map { Catalog.product($0).weightGrams } == [50, 3019, 4995, 4900])
        #expect(p.taxClass == .standard)
        #expect(p.tags == ["t0", "t9"])
        #expect(Catalog.sku(123_456) == "SKU-123456")
        #expect(Catalog.index(ofSKU: "SKU-00042") == 42)
        #expect(Catalog.index(ofSKU: "SKU-42") == nil)
        #expect(Catalog.index(ofSKU: "SKU-000042") == nil)
        #expect(Catalog.index(ofSKU: "SKU-10000") == nil)
        #expect(Catalog.index(ofSKU: "SKU-10000", size: Catalog.size(liveHeapMB: 512)) == 10_000)
        #expect(Catalog.size(liveHeapMB: 0) == 10_000)
        #expect(Catalog.size(liveHeapMB: 512) == 2_097_152)
    }

    /// good-01 worked by hand from docs/SUITE.md.
    @Test func goodOneByHand() throws {
        let c = try #require(OrderFixtures.good.first { $0.name == "good-01" })
        guard case .accepted(let s) = c.expected else {
            Issue.record("good-01 is rejected")
            return
        }
        // line 42: 12 x 350 = 4200, -5% = 3990, tax 20% = 798, weight 998 x 12
        // line 100: 2 x 1999 = 3998, tax 7% = 279, weight 4900 x 2
        // line 5: 2500, tax 0, weight 4995
        #expect(s.lines.map(\.netCents) == [3990, 3998, 2500])
        #expect(s.lines.map(\.taxCents) == [798, 279, 0])
        #expect(s.lines.map(\.weightGrams) == [11976, 9800, 4995])
        #expect(s.subtotalCents == 10698)
        // volume 210 + gold 10% of 10488 = 1048 + SAVE10 (9440 >= 5000) 1000
        #expect(s.discountCents == 2258)
        #expect(s.taxCents == 1077)
        // 8440 < 100000: 499 + 99 x ceil(26771 / 1000)
        #expect(s.shippingCents == 499 + 99 * 27)
        #expect(s.totalCents == 10698 - 2258 + 1077 + 3172)
        #expect(s.itemCount == 15)
    }

    @Test func thresholdsAreInclusive() {
        func summary(_ name: String) -> OrderSummary? {
            guard case .accepted(let s)? = OrderFixtures.good.first(where: { $0.name == name })?.expected else {
                return nil
            }
            return s
        }
        #expect(summary("good-05")?.shippingCents == 0)
        // product 2 weighs 50 + 15838 % 4950 = 1038 g: two started kilograms
        #expect(summary("good-06")?.shippingCents == 499 + 99 * 2)
        #expect(summary("good-02")?.discountCents == 4497 * 5 / 100)
        // SAVE10 at exactly 5000 net applies; the second line then ships free by amount.
        #expect(summary("good-07")?.discountCents == 1000 + 10_000_000_000 * 5 / 100)
    }

    @Test func everyFixtureAgreesWithTheReferenceValidation() {
        for c in OrderFixtures.good + OrderFixtures.bad {
            let computed = OrderReference.expectedAnswer(toBody: c.body)
            #expect(computed == c.expected, "\(c.name): reference says \(computed), fixture says \(c.expected)")
        }
    }

    @Test func badOrdersCoverEveryRule() {
        let fields = Set(
            OrderFixtures.bad.compactMap { c -> String? in
                guard case .rejected(let f) = c.expected else { return nil }
                return f.replacing(/items\[\d+\]/, with: "items[i]")
            })
        let rules = [
            "", "orderId", "customer", "customer.id", "customer.name", "customer.email", "customer.tier",
            "customer.country", "currency", "couponCode", "items", "items[i]", "items[i].sku", "items[i].quantity",
            "items[i].unitPriceCents",
        ]
        #expect(Set(rules) == fields)
    }

    @Test func unknownKeysAndNullCouponAreAccepted() throws {
        let body = OrderFixtures.baseBody.setting(["couponCode"], to: .null).setting(["extra"], to: .array([.null]))
        let order = try OrderValidation.validate(body).get()
        #expect(order.coupon == nil)
    }

    @Test func generatorIsDeterministicAndInRange() {
        let g = OrderGenerator(seed: 7)
        #expect(g.body(3) == OrderGenerator(seed: 7).body(3))
        #expect(g.body(3) != g.body(4))
        #expect(g.body(3) != OrderGenerator(seed: 8).body(3))
        var tiers = Set<String>(), coupons = Set<String>(), sizes: [Int] = [], bigLines = 0, paidShipping = 0
        for n in 0..<500 {
            let order = g.order(n)
            #expect(OrderGenerator.itemCountRange.contains(order.items.count))
            for item in order.items {
                #expect((0..<10_000).contains(item.product))
                #expect(OrderGenerator.quantityRange.contains(item.quantity))
                #expect(OrderGenerator.priceRange.contains(item.unitPriceCents))
                if item.quantity >= 10 { bigLines += 1 }
            }
            tiers.insert(order.customer.tier.rawValue)
            coupons.insert("\(order.couponCode)")
            let body = g.body(n)
            sizes.append(body.count)
            // The generated body validates to the same order.
            #expect((try? OrderValidation.validate(body: body).get()) == order)
            if OrderReference.summary(of: order).shippingCents > 0 { paidShipping += 1 }
        }
        #expect(tiers.count == 3)
        #expect(coupons.count == 4)
        #expect(bigLines > 1000)
        #expect(paidShipping > 20)
        #expect(sizes.min()! >= 900 && sizes.max()! <= 3200, "body sizes \(sizes.min()!)...\(sizes.max()!)")
    }
}
