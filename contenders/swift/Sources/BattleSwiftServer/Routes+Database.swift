import Hummingbird
import Logging
import PostgresNIO

/// `/db`, `/queries`, `/fortunes` and `/updates`: every request runs its own
/// queries on a connection leased from PostgresNIO's pool.
struct DatabaseRoutes: Sendable {
    var client: PostgresClient
    var fortunesPage: FortunesPage
    var logger: Logger

    func addRoutes(to router: Router<BattleRequestContext>) {
        router.get("db") { _, _ in
            try await client.withConnection { connection in
                try await connection.randomWorld(logger: logger)
            }
        }

        router.get("queries") { request, _ in
            let count = QueryCount.clamp(request.uri.queryParameters.get("queries"))
            return try await client.withConnection { connection in
                try await connection.randomWorlds(count, logger: logger)
            }
        }

        router.get("fortunes") { _, _ in
            let rows = try await client.withConnection { connection in
                var fortunes: [Fortune] = []
                fortunes.reserveCapacity(16)
                for try await (id, message) in try await connection.execute(Statements.SelectFortunes(), logger: logger) {
                    fortunes.append(Fortune(id: id, message: message))
                }
                return fortunes
            }
            let html = fortunesPage.render(fromDatabase: rows)
            let body = ByteBuffer(string: html)
            var headers = HTTPFields()
            headers[.contentType] = "text/html; charset=utf-8"
            headers[.contentLength] = String(body.readableBytes)
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: body))
        }

        router.get("updates") { request, _ in
            let count = QueryCount.clamp(request.uri.queryParameters.get("queries"))
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

extension World: ResponseEncodable {}
