import Foundation
import Hummingbird

/// `POST /orders`: validate, price against the resident catalog, answer.
struct OrderRoutes: Sendable {
    var catalog: Catalog

    func addRoutes(to router: Router<BattleRequestContext>) {
        router.post("orders") { request, context -> Response in
            let buffer = try await request.body.collect(upTo: context.maxUploadSize)
            let summary: OrderSummary
            do throws(OrderError) {
                let order = try Order.validate(body: Data(buffer.readableBytesView), catalog: catalog)
                summary = OrderSummary(order)
            } catch {
                return try JSONResponseEncoder.response(error, status: .badRequest)
            }
            return try JSONResponseEncoder.response(summary, status: .ok)
        }
    }
}
