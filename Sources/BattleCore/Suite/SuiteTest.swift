/// The tests of the Battle Suite (docs/SUITE.md §2).
public enum SuiteTest: String, Codable, Sendable, CaseIterable, Hashable, Comparable {
    case plaintext, json, db, queries, fortunes, updates, orders

    /// The suite version these tests follow; results record it.
    public static let suiteVersion = 1

    /// The path a plain request for this test goes to (`queries` and `updates` take `?queries=N`).
    public var path: String {
        switch self {
        case .plaintext: "/plaintext"
        case .json: "/json"
        case .db: "/db"
        case .queries: "/queries"
        case .fortunes: "/fortunes"
        case .updates: "/updates"
        case .orders: "/orders"
        }
    }

    /// Whether the test reads or writes the database.
    public var usesDatabase: Bool {
        switch self {
        case .db, .queries, .fortunes, .updates: true
        case .plaintext, .json, .orders: false
        }
    }

    public static func < (lhs: SuiteTest, rhs: SuiteTest) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
