/// A test's identity: its name. The Battle Suite's tests (docs/SUITE.md §2) are
/// the built-ins below; a data suite's tests (docs/SUITE.md §6) are named by
/// their `[tests.NAME]` key and are just as valid here.
public struct SuiteTest: RawRepresentable, Codable, Sendable, Hashable, Comparable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ name: String) { self.rawValue = name }

    public static let plaintext = SuiteTest("plaintext")
    public static let json = SuiteTest("json")
    public static let db = SuiteTest("db")
    public static let queries = SuiteTest("queries")
    public static let fortunes = SuiteTest("fortunes")
    public static let updates = SuiteTest("updates")
    public static let orders = SuiteTest("orders")

    /// The Battle Suite's tests, in their order.
    public static let builtins: [SuiteTest] = [.plaintext, .json, .db, .queries, .fortunes, .updates, .orders]
    /// The Battle Suite's tests (the name `CaseIterable` gave them when this was an enum).
    public static var allCases: [SuiteTest] { builtins }

    /// The Battle Suite's test of this name, or nil for any other name.
    public static func builtin(named name: String) -> SuiteTest? {
        builtins.first { $0.rawValue == name }
    }

    /// The suite version these tests follow; results record it.
    public static let suiteVersion = 1

    /// Whether this is one of the Battle Suite's tests.
    public var isBuiltin: Bool { Self.builtins.contains(self) }

    /// The path a plain request for this test goes to (`queries` and `updates` take `?queries=N`);
    /// a data-suite test's own paths are in its suite file, so this is `/NAME` for it.
    public var path: String { "/" + rawValue }

    /// Whether the test reads or writes the database (a Battle Suite fact; false for other tests,
    /// whose database use their suite file states).
    public var usesDatabase: Bool { [.db, .queries, .fortunes, .updates].contains(self) }

    public var description: String { rawValue }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }

    /// Built-ins in their order, then any other test by name.
    public static func < (lhs: SuiteTest, rhs: SuiteTest) -> Bool {
        switch (builtins.firstIndex(of: lhs), builtins.firstIndex(of: rhs)) {
        case (let l?, let r?): l < r
        case (.some, nil): true
        case (nil, .some): false
        case (nil, nil): lhs.rawValue < rhs.rawValue
        }
    }

    /// The tests in `seen`, once each: built-ins in their order, then the others in the order
    /// they first appear (results list a data suite's tests in its suite file's order).
    public static func ordered(_ seen: some Sequence<SuiteTest>) -> [SuiteTest] {
        var others: [SuiteTest] = []
        var set = Set<SuiteTest>()
        for t in seen where set.insert(t).inserted && !t.isBuiltin { others.append(t) }
        return builtins.filter(set.contains) + others
    }
}
