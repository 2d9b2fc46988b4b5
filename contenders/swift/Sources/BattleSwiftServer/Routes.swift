import Hummingbird

/// Everything a route needs, built once at start.
struct Routes: Sendable {
    var database: DatabaseRoutes
    var orders: OrderRoutes
    var helpdesk: HelpdeskRoutes

    func buildRouter() -> Router<BattleRequestContext> {
        let router = Router(context: BattleRequestContext.self)

        router.get("plaintext") { _, _ in
            "Hello, World!"
        }

        router.get("json") { _, _ in
            Message(message: "Hello, World!")
        }

        database.addRoutes(to: router)
        orders.addRoutes(to: router)
        helpdesk.addRoutes(to: router)
        return router
    }
}

struct Message: ResponseEncodable {
    var message: String
}
