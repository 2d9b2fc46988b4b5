/// A TOML value, for the small files battle reads: contender manifests,
/// targets files, the cited dataset, team profiles and price lists, and
/// Cargo's files. `TOMLReader` reads TOML 1.0 into it, dates and times aside.
public enum TOMLValue: Sendable, Equatable {
    case string(String)
    case integer(Int)
    case float(Double)
    case bool(Bool)
    case array([TOMLValue])
    case table(TOMLTable)

    public var string: String? { if case .string(let s) = self { s } else { nil } }
    public var integer: Int? { if case .integer(let i) = self { i } else { nil } }
    public var bool: Bool? { if case .bool(let b) = self { b } else { nil } }
    public var array: [TOMLValue]? { if case .array(let a) = self { a } else { nil } }
    public var table: TOMLTable? { if case .table(let t) = self { t } else { nil } }

    /// A float, or an integer read as a float.
    public var number: Double? {
        switch self {
        case .float(let d): d
        case .integer(let i): Double(i)
        default: nil
        }
    }

    /// The TOML type name, for error messages: "string", "integer", ...
    public var typeName: String {
        switch self {
        case .string: "string"
        case .integer: "integer"
        case .float: "float"
        case .bool: "boolean"
        case .array: "array"
        case .table: "table"
        }
    }
}

/// A table with its keys in file order.
public struct TOMLTable: Sendable, Equatable {
    public private(set) var keys: [String] = []
    private var values: [String: TOMLValue] = [:]

    public init() {}

    public subscript(key: String) -> TOMLValue? {
        get { values[key] }
        set {
            if values[key] == nil, newValue != nil { keys.append(key) }
            if newValue == nil { keys.removeAll { $0 == key } }
            values[key] = newValue
        }
    }

    public var entries: [(key: String, value: TOMLValue)] { keys.map { ($0, values[$0]!) } }
    public var isEmpty: Bool { keys.isEmpty }
}

extension TOMLValue: CustomStringConvertible {
    /// The value as it would be written in TOML (`2`, `"two"`, `[1, 2]`), for
    /// messages that quote what a file said.
    public var description: String {
        switch self {
        case .string(let s): TOMLString.quoted(s)
        case .integer(let i): String(i)
        case .float(let d): String(d)
        case .bool(let b): String(b)
        case .array(let a): "[" + a.map(\.description).joined(separator: ", ") + "]"
        case .table(let t): "{ " + t.entries.map { "\($0.key) = \($0.value)" }.joined(separator: ", ") + " }"
        }
    }
}
