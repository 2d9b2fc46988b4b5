/// The reference answer to a valid order (docs/SUITE.md, "The computation").
public struct OrderSummary: Sendable, Equatable {
    public struct Line: Sendable, Equatable {
        public var sku: String
        public var name: String
        public var quantity: Int
        public var netCents: Int
        public var taxCents: Int
        public var weightGrams: Int
    }

    public var orderId: String
    public var customerId: Int
    public var currency: String
    public var itemCount: Int
    public var subtotalCents: Int
    public var discountCents: Int
    public var taxCents: Int
    public var shippingCents: Int
    public var totalCents: Int
    public var totalWeightGrams: Int
    public var lines: [Line]

    /// The `200` body, keys in the spec's order.
    public var json: JSONValue {
        .object([
            ("orderId", .string(orderId)), ("customerId", .integer(customerId)), ("currency", .string(currency)),
            ("itemCount", .integer(itemCount)), ("subtotalCents", .integer(subtotalCents)),
            ("discountCents", .integer(discountCents)), ("taxCents", .integer(taxCents)),
            ("shippingCents", .integer(shippingCents)), ("totalCents", .integer(totalCents)),
            ("totalWeightGrams", .integer(totalWeightGrams)),
            (
                "lines",
                .array(
                    lines.map {
                        .object([
                            ("sku", .string($0.sku)), ("name", .string($0.name)), ("quantity", .integer($0.quantity)),
                            ("netCents", .integer($0.netCents)), ("taxCents", .integer($0.taxCents)),
                            ("weightGrams", .integer($0.weightGrams)),
                        ])
                    })
            ),
        ])
    }
}

public enum OrderReference {
    /// Orders whose net after the tier and coupon discounts reaches this ship free.
    public static let freeShippingThresholdCents = 100_000
    /// SAVE10 applies when the net after the tier discount reaches this.
    public static let save10MinimumCents = 5_000
    public static let save10DiscountCents = 1_000

    public static func summary(of order: Order) -> OrderSummary {
        var subtotal = 0, netAfterVolume = 0, volumeDiscounts = 0, tax = 0, weight = 0, itemCount = 0
        var lines: [OrderSummary.Line] = []
        lines.reserveCapacity(order.items.count)
        for item in order.items {
            let product = Catalog.product(item.product)
            let lineSubtotal = item.quantity * item.unitPriceCents
            let volumeDiscount = item.quantity >= 10 ? lineSubtotal * 5 / 100 : 0
            let lineNet = lineSubtotal - volumeDiscount
            let lineTax = lineNet * product.taxClass.rateBasisPoints / 10_000
            let lineWeight = item.quantity * product.weightGrams
            subtotal += lineSubtotal
            volumeDiscounts += volumeDiscount
            netAfterVolume += lineNet
            tax += lineTax
            weight += lineWeight
            itemCount += item.quantity
            lines.append(
                .init(
                    sku: product.sku, name: product.name, quantity: item.quantity, netCents: lineNet, taxCents: lineTax,
                    weightGrams: lineWeight))
        }
        let tierDiscount = netAfterVolume * order.customer.tier.discountPercent / 100
        let couponDiscount =
            order.coupon == .save10 && netAfterVolume - tierDiscount >= save10MinimumCents ? save10DiscountCents : 0
        let discount = volumeDiscounts + tierDiscount + couponDiscount
        let shipsFree =
            order.coupon == .freeShip || netAfterVolume - tierDiscount - couponDiscount >= freeShippingThresholdCents
        let shipping = shipsFree ? 0 : 499 + 99 * ((weight + 999) / 1000)
        return OrderSummary(
            orderId: order.orderId, customerId: order.customer.id, currency: order.currency, itemCount: itemCount,
            subtotalCents: subtotal, discountCents: discount, taxCents: tax, shippingCents: shipping,
            totalCents: subtotal - discount + tax + shipping, totalWeightGrams: weight, lines: lines)
    }

    /// What a server must answer to `body`: `200` with the summary, or `400` naming `field`.
    public static func expectedAnswer(toBody body: [UInt8]) -> ExpectedOrderAnswer {
        switch OrderValidation.validate(body: body) {
        case .success(let order): .accepted(summary(of: order))
        case .failure(let rejection): .rejected(field: rejection.field)
        }
    }
}

public enum ExpectedOrderAnswer: Sendable, Equatable {
    case accepted(OrderSummary)
    case rejected(field: String)

    public var status: Int {
        switch self {
        case .accepted: 200
        case .rejected: 400
        }
    }
}
