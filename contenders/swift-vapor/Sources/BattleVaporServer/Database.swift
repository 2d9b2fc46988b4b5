import PostgresNIO

/// A row of `world`, answered as `{"id":ID,"randomNumber":NUMBER}`.
struct World: Codable, Sendable {
    var id: Int32
    var randomNumber: Int32
}

/// A row of `fortune`.
struct Fortune: Sendable {
    var id: Int32
    var message: String
}

/// The suite's statements, prepared once per connection by PostgresNIO
/// (`Parse` on first use, then `Bind`/`Execute` by name). Each names itself:
/// PostgresNIO's default name is `String(reflecting: Self.self)`, built
/// again on every execution.
enum Statements {
    static let worldIds: ClosedRange<Int32> = 1...10_000

    struct SelectWorld: PostgresPreparedStatement {
        static let name = "select_world"
        static let sql = "SELECT id, randomnumber FROM world WHERE id = $1"
        typealias Row = (Int32, Int32)
        var id: Int32

        func makeBindings() -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 1)
            bindings.append(id)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Row {
            try row.decode(Row.self)
        }
    }

    struct SelectFortunes: PostgresPreparedStatement {
        static let name = "select_fortunes"
        static let sql = "SELECT id, message FROM fortune"
        typealias Row = (Int32, String)

        func makeBindings() -> PostgresBindings { PostgresBindings() }

        func decodeRow(_ row: PostgresRow) throws -> Row {
            try row.decode(Row.self)
        }
    }

    /// One statement updates every row of a request: ids and new numbers go
    /// in as two arrays, sorted by id so concurrent requests lock rows in the
    /// same order and cannot deadlock.
    struct UpdateWorlds: PostgresPreparedStatement {
        static let name = "update_worlds"
        static let sql = """
            UPDATE world SET randomnumber = u.r \
            FROM UNNEST($1::int4[], $2::int4[]) AS u(id, r) \
            WHERE world.id = u.id
            """
        typealias Row = ()
        var ids: [Int32]
        var randomNumbers: [Int32]

        func makeBindings() -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 2)
            bindings.append(ids)
            bindings.append(randomNumbers)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Row { () }
    }

    static func randomWorldId() -> Int32 {
        Int32.random(in: worldIds)
    }
}

extension PostgresConnection {
    /// Reads one random `world` row by its own query.
    func randomWorld(logger: Logger) async throws -> World {
        let rows = try await execute(Statements.SelectWorld(id: Statements.randomWorldId()), logger: logger)
        var world: World?
        for try await (id, randomNumber) in rows {
            world = World(id: id, randomNumber: randomNumber)
        }
        guard let world else { throw DatabaseError.missingRow }
        return world
    }
}

enum DatabaseError: Error {
    case missingRow
}
