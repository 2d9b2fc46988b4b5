/// A declared check on one response (docs/SUITE.md, "Checks"). The
/// evaluators are `ResponseCheck.evaluate` (Expect/).
public enum ResponseCheck: Sendable, Equatable {
    /// The status code.
    case status(Int)
    /// Headers that must be present with a non-empty value.
    case headers([String])
    /// Headers that must have exactly this value (the template filled).
    case headerValue(name: String, value: Template)
    /// The media type, compared case-insensitively; `; charset=utf-8` is allowed
    /// unless the expected value names parameters itself, then they must match.
    case contentType(String)
    /// The body, byte for byte, as the template fills it.
    case body(Template)
    /// The body is JSON valid against a JSON Schema (the subset in `JSONSchema`).
    case schema(file: String, JSONSchema)
    /// A field of the JSON body, by JSON pointer, equals a value.
    case field(FieldCheck)
    /// A named check battle knows (`BuiltinCheck`).
    case builtin(BuiltinCheck)

    /// The name the check is reported under.
    public var name: String {
        switch self {
        case .status: "status"
        case .headers: "headers"
        case .headerValue(let name, _): "header \(name)"
        case .contentType: "content-type"
        case .body: "body"
        case .schema: "schema"
        case .field(let f): "field \(f.pointer.text)"
        case .builtin(let b): b.rawValue
        }
    }

    public var readsDatabase: Bool {
        if case .field(let f) = self, case .sql = f.expected { return true }
        return false
    }
}

/// `pointer` in the JSON body equals `expected`.
public struct FieldCheck: Sendable, Equatable {
    public init(pointer: JSONPointer, expected: Expected) {
        self.pointer = pointer
        self.expected = expected
    }

    public enum Expected: Sendable, Equatable {
        /// A JSON value; its strings are templates.
        case value(ValueTemplate)
        /// A parameter's value: a JSON integer for a range, a JSON string for a file of values.
        case parameter(String)
        /// The first column of the first row of a query (its parameters as SQL literals).
        case sql(Template)
    }

    public var pointer: JSONPointer
    public var expected: Expected
}

/// A JSON value whose strings may hold `{{parameter}}` placeholders.
public indirect enum ValueTemplate: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(String)
    case string(Template)
    case array([ValueTemplate])
    case object([ObjectMember])

    public struct ObjectMember: Sendable, Equatable {
        public init(key: String, value: ValueTemplate) {
            self.key = key
            self.value = value
        }

        public var key: String
        public var value: ValueTemplate
    }

    /// The value with `parameters` filled in.
    public func filled(_ parameters: ParameterValues) -> JSONValue {
        switch self {
        case .null: .null
        case .bool(let b): .bool(b)
        case .number(let n): .number(n)
        case .string(let t): .string(t.render(parameters))
        case .array(let a): .array(a.map { $0.filled(parameters) })
        case .object(let members): .object(members.map { ($0.key, $0.value.filled(parameters)) })
        }
    }
}

/// The named checks a suite may call (`builtin = [...]`): battle's own checks
/// for the Battle Suite's tests, for suites that reuse those tests.
public enum BuiltinCheck: String, Sendable, Equatable, CaseIterable {
    /// The body is exactly `Hello, World!`.
    case plaintextBody = "plaintext-body"
    /// The body is the JSON object `{"message":"Hello, World!"}`.
    case jsonMessage = "json-message"
    /// The body is one `{"id":ID,"randomNumber":NUMBER}` row.
    case worldRow = "world-row"
    /// The fortunes page: the added row, byte-wise ordering, escaping (docs/SUITE.md §2).
    case fortunesPage = "fortunes-page"
    /// `Date` is an IMF-fixdate within 5 s of the verifier's clock when the response arrived.
    case dateHeader = "date-header"
    /// `Content-Length` matching the body or `Transfer-Encoding: chunked` (not both), and no `Content-Encoding`.
    case framing = "framing"
    /// The body is a JSON array of `{"id":ID,"randomNumber":NUMBER}` rows, as many as the
    /// request's `queries` parameter asks after clamping (docs/SUITE.md §2).
    case worldRows = "world-rows"
    /// Only the array's length: as many rows as the clamped `queries` parameter.
    case queriesClamping = "queries-clamping"
    /// The answer to a POST /orders whose body is one of the suite's fixed orders
    /// (suite/orders): the reference's summary, or 400 naming the right field.
    case orderAnswer = "order-answer"
}

/// The named checks a test may call on all of its answers together
/// (`[tests.NAME] builtin = [...]`), the world table read after the requests.
public enum TestBuiltinCheck: String, Sendable, Equatable, CaseIterable {
    /// The world rows answered are not all the same row (a cache or a constant).
    case randomRows = "random-rows"
    /// Every world row answered is the table's row.
    case matchesTable = "matches-table"
    /// After `/updates`, the table holds the numbers the server answered last for each id.
    case persisted = "persisted"
    /// The `UPDATE` statements on world changed at least one row per distinct id answered.
    case rowsUpdated = "rows-updated"

    public var readsDatabase: Bool { self != .randomRows }
    public var name: String { rawValue }
}

/// The named checks on the server as a whole (`server_checks = [...]` at the
/// top of suite.toml), run by `battle verify --suite` after the tests.
public enum ServerBuiltinCheck: String, Sendable, Equatable, CaseIterable {
    /// An unknown path answers 404.
    case notFound = "not-found"
    /// Three requests in one write (two tests' first requests around an
    /// unknown path) are answered completely and in order.
    case pipelining = "pipelining"
    /// `Date` changes over 3 s.
    case date = "date"
    /// No connection was closed by the server while verifying.
    case keepAlive = "keep-alive"
}

/// A check on the database after all of a test's requests.
public enum DatabaseCheck: Sendable, Equatable {
    /// A query's single integer value changes as stated between before and after the requests.
    case effect(EffectCheck)
    /// The database ran at least `perRequest` statements of a kind on a table per request
    /// (pg_stat_statements, as the Battle Suite's query counts).
    case queryCount(QueryCountCheck)

    public var name: String {
        switch self {
        case .effect(let e): "effect \(e.name)"
        case .queryCount(let q): "query-count \(q.statement.rawValue) \(q.table)"
        }
    }
}

public struct EffectCheck: Sendable, Equatable {
    public init(name: String, query: String, change: Change) {
        self.name = name
        self.query = query
        self.change = change
    }

    public enum Change: Sendable, Equatable {
        /// after − before = perRequest × requests sent.
        case perRequest(Int)
        /// after ≠ before.
        case changed
        /// after = before.
        case unchanged
    }

    public var name: String
    /// SQL giving one integer (a count, a sum).
    public var query: String
    public var change: Change
}

public struct QueryCountCheck: Sendable, Equatable {
    public init(statement: Statement, table: String, perRequest: Int, perKind: [String: Int]? = nil) {
        self.statement = statement
        self.table = table
        self.perRequest = perRequest
        self.perKind = perKind
    }

    public enum Statement: String, Sendable, Equatable, CaseIterable {
        case select, insert, update, delete
    }

    public var statement: Statement
    /// The table the statements name (a whole word of the statement's text).
    public var table: String
    /// Statements needed per request sent (a whole number).
    public var perRequest: Int
    /// Statements needed per request of each kind, by request name, when the
    /// kinds of a test need different numbers (`per_request = { q20 = 20 }`).
    public var perKind: [String: Int]?

    /// Statements needed for requests of these kinds (request names).
    public func expected(sent kinds: [String]) -> Int {
        guard let perKind else { return perRequest * kinds.count }
        return kinds.reduce(0) { $0 + (perKind[$1] ?? 0) }
    }
}
