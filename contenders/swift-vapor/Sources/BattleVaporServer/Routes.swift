import Foundation
import Leaf
import PostgresNIO
import Vapor

/// Every route, registered on the application at start.
struct Routes: Sendable {
    var database: DatabaseRoutes
    var orders: OrderRoutes

    func register(on app: Application) {
        app.get("plaintext") { _ in
            "Hello, World!"
        }
        app.get("json") { _ in
            Message(message: "Hello, World!")
        }
        database.register(on: app)
        orders.register(on: app)
    }
}

struct Message: Content {
    var message: String
}

extension World: Content {}

/// `/db`, `/queries`, `/fortunes` and `/updates`: every request runs its own
/// queries on a connection leased from PostgresNIO's pool.
struct DatabaseRoutes: Sendable {
    var client: PostgresClient
    var logger: Logger

    func register(on app: Application) {
        app.get("db") { _ in
            try await client.withConnection { connection in
                try await connection.randomWorld(logger: logger)
            }
        }

        app.get("queries") { request in
            let count = QueryCount.clamp(request.query[String.self, at: "queries"])
            return try await client.withConnection { connection in
                try await connection.randomWorlds(count, logger: logger)
            }
        }

        app.get("fortunes") { request async throws -> View in
            let rows = try await client.withConnection { connection in
                var fortunes: [Fortune] = []
                fortunes.reserveCapacity(16)
                for try await (id, message) in try await connection.execute(Statements.SelectFortunes(), logger: logger) {
                    fortunes.append(Fortune(id: id, message: message))
                }
                return fortunes
            }
            return try await request.view.render("fortunes", FortunesPage(fromDatabase: rows))
        }

        app.get("updates") { request in
            let count = QueryCount.clamp(request.query[String.self, at: "queries"])
            return try await client.withConnection { connection in
                var worlds = try await connection.randomWorlds(count, logger: logger)
                let update = Statements.UpdateWorlds.newNumbers(for: &worlds)
                _ = try await connection.execute(update, logger: logger)
                return worlds
            }
        }
    }
}

extension PostgresConnection {
    /// Reads `count` random rows, each by its own query, one after the other.
    func randomWorlds(_ count: Int, logger: Logger) async throws -> [World] {
        var worlds: [World] = []
        worlds.reserveCapacity(count)
        for _ in 0..<count {
            worlds.append(try await randomWorld(logger: logger))
        }
        return worlds
    }
}

extension Statements.UpdateWorlds {
    /// Gives every row a new random number and returns the one statement that
    /// persists them. A request may draw the same id twice; both rows then
    /// get the same new number, so the answer matches what is stored.
    static func newNumbers(for worlds: inout [World]) -> Self {
        var numbers: [Int32: Int32] = [:]
        numbers.reserveCapacity(worlds.count)
        for index in worlds.indices {
            let id = worlds[index].id
            let number = numbers[id] ?? Statements.randomWorldId()
            numbers[id] = number
            worlds[index].randomNumber = number
        }
        let sorted = numbers.sorted { $0.key < $1.key }
        return Self(ids: sorted.map(\.key), randomNumbers: sorted.map(\.value))
    }
}

/// `POST /orders`: validate, price against the resident catalog, answer.
/// The body is collected as bytes (up to 64 KiB, 413 above) rather than
/// decoded as `Content`: Codable reports the first error in document order,
/// the suite wants the first failure in its own order with the field's path.
struct OrderRoutes: Sendable {
    var catalog: Catalog
    private static let encoder = JSONEncoder()

    func register(on app: Application) {
        app.on(.POST, "orders", body: .collect(maxSize: "64kb")) { request -> Response in
            let body = request.body.data.map { Data($0.readableBytesView) } ?? Data()
            let summary: OrderSummary
            do throws(OrderError) {
                summary = OrderSummary(try Order.validate(body: body, catalog: catalog))
            } catch {
                return try Self.json(error, status: .badRequest)
            }
            return try Self.json(summary, status: .ok)
        }
    }

    static func json(_ value: some Encodable, status: HTTPResponseStatus) throws -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: status, headers: headers, body: .init(data: try encoder.encode(value)))
    }
}
