/// The `/orders` answer, computed in integer cents (docs/SUITE.md, "The computation").
struct OrderSummary: Encodable, Equatable, Sendable {
    struct Line: Encodable, Equatable, Sendable {
        var sku: String
        var name: String
        var quantity: Int
        var netCents: Int
        var taxCents: Int
        var weightGrams: Int
    }

    var orderId: String
    var customerId: Int
    var currency: String
    var itemCount: Int
    var subtotalCents: Int
    var discountCents: Int
    var taxCents: Int
    var shippingCents: Int
    var totalCents: Int
    var totalWeightGrams: Int
    var lines: [Line]

    static let volumeDiscountMinimumQuantity = 10
    static let couponMinimumNet = 5000
    static let save10Cents = 1000
    static let freeShippingMinimumNet = 100_000
    static let shippingBaseCents = 499
    static let shippingPerKilogramCents = 99

    init(_ order: Order) {
        var subtotal = 0, netAfterVolume = 0, volumeDiscounts = 0
        var tax = 0, weight = 0, itemCount = 0
        var lines: [Line] = []
        lines.reserveCapacity(order.items.count)

        for item in order.items {
            let lineSubtotal = item.quantity * item.unitPriceCents
            let volumeDiscount = item.quantity >= Self.volumeDiscountMinimumQuantity ? lineSubtotal * 5 / 100 : 0
            let lineNet = lineSubtotal - volumeDiscount
            let lineTax = lineNet * item.product.taxClass.rateBasisPoints / 10_000
            let lineWeight = item.quantity * item.product.weightGrams

            subtotal += lineSubtotal
            volumeDiscounts += volumeDiscount
            netAfterVolume += lineNet
            tax += lineTax
            weight += lineWeight
            itemCount += item.quantity
            lines.append(Line(
                sku: item.product.sku, name: item.product.name, quantity: item.quantity,
                netCents: lineNet, taxCents: lineTax, weightGrams: lineWeight
            ))
        }

        let tierDiscount = netAfterVolume * order.tier.discountPercent / 100
        let couponDiscount =
            order.coupon == .save10 && netAfterVolume - tierDiscount >= Self.couponMinimumNet ? Self.save10Cents : 0
        let discount = volumeDiscounts + tierDiscount + couponDiscount
        let freeShipping =
            order.coupon == .freeShip
            || netAfterVolume - tierDiscount - couponDiscount >= Self.freeShippingMinimumNet
        let kilograms = (weight + 999) / 1000  // ceil(weight / 1000) for weight >= 0
        let shipping = freeShipping ? 0 : Self.shippingBaseCents + Self.shippingPerKilogramCents * kilograms

        self.orderId = order.orderId
        self.customerId = order.customerId
        self.currency = order.currency
        self.itemCount = itemCount
        self.subtotalCents = subtotal
        self.discountCents = discount
        self.taxCents = tax
        self.shippingCents = shipping
        self.totalCents = subtotal - discount + tax + shipping
        self.totalWeightGrams = weight
        self.lines = lines
    }
}
