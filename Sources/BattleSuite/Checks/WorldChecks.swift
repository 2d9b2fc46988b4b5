import BattleCore

/// A `world` row as a server answered it.
public struct WorldRow: Sendable, Equatable, Hashable {
    public var id: Int
    public var randomNumber: Int

    public init(id: Int, randomNumber: Int) {
        self.id = id
        self.randomNumber = randomNumber
    }
}

/// Checks for `/db`, `/queries` and `/updates` answers.
public enum WorldChecks {
    public static let idRange = 1...10_000
    public static let numberRange = 1...10_000

    /// One `{"id":ID,"randomNumber":NUMBER}` object: fail when a key is missing
    /// or not an integer; warn on extra keys or values outside 1..10000 (as TFB).
    public static func row(_ value: JSONValue, at path: String) -> (WorldRow?, CheckVerdict) {
        guard case .object(let members) = value else {
            return (
                nil,
                .fail("\(path) is \(value.kindDescription), expected an object {\"id\":ID,\"randomNumber\":NUMBER}")
            )
        }
        guard let id = value["id"]?.integerValue else {
            return (nil, .fail("\(path).id is missing or not an integer: \(value.compactText)"))
        }
        guard let number = value["randomNumber"]?.integerValue else {
            return (nil, .fail("\(path).randomNumber is missing or not an integer: \(value.compactText)"))
        }
        let row = WorldRow(id: id, randomNumber: number)
        let extra = members.map(\.0).filter { $0 != "id" && $0 != "randomNumber" }
        if !extra.isEmpty { return (row, .warn("\(path) has extra keys \(extra.joined(separator: ", "))")) }
        if !idRange.contains(id) { return (row, .warn("\(path).id \(id) is outside 1..10000")) }
        if !numberRange.contains(number) { return (row, .warn("\(path).randomNumber \(number) is outside 1..10000")) }
        return (row, .pass("ok"))
    }

    /// A `/db` answer: one object.
    public static func single(_ r: HTTPResponseRecord) -> (WorldRow?, CheckVerdict) {
        switch r.json {
        case .failure(let e): return (nil, .fail("body is not JSON (\(e.description)): \(BodyChecks.quote(r.body))"))
        case .success(let value): return row(value, at: "$")
        }
    }

    /// A `/queries` or `/updates` answer: an array of `expectedCount` objects.
    public static func array(_ r: HTTPResponseRecord, expectedCount: Int) -> ([WorldRow], CheckVerdict) {
        let value: JSONValue
        switch r.json {
        case .failure(let e): return ([], .fail("body is not JSON (\(e.description)): \(BodyChecks.quote(r.body))"))
        case .success(let v): value = v
        }
        guard let elements = value.arrayValue else {
            return ([], .fail("body is \(value.kindDescription), expected an array of \(expectedCount)"))
        }
        guard elements.count == expectedCount else {
            return ([], .fail("\(elements.count) rows, expected \(expectedCount)"))
        }
        var rows: [WorldRow] = []
        var verdicts: [CheckVerdict] = []
        for (i, e) in elements.enumerated() {
            let (row, verdict) = self.row(e, at: "$[\(i)]")
            if let row { rows.append(row) }
            verdicts.append(verdict)
        }
        return (rows, .worst(verdicts, passDetail: "\(expectedCount) rows"))
    }

    /// Rows across several answers are not all the same row (a cached or
    /// constant answer is). `minimum` rows are needed to judge.
    public static func varied(_ rows: [WorldRow], minimum: Int = 5) -> CheckVerdict {
        guard rows.count >= minimum else { return .warn("only \(rows.count) rows to compare; cannot judge") }
        let ids = Set(rows.map(\.id))
        if ids.count == 1 {
            return .fail("all \(rows.count) rows are id \(ids.first!): the same row every time (cached or constant?)")
        }
        // Uniform ids from 10,000: fewer than half distinct is vanishingly unlikely.
        if ids.count * 2 < rows.count {
            return .warn("only \(ids.count) distinct ids in \(rows.count) rows: ids do not look uniformly random")
        }
        return .pass("\(ids.count) distinct ids in \(rows.count) rows")
    }

    /// Every row answered matches the table (read after the requests, with no
    /// writes in between).
    public static func matchTable(_ rows: [WorldRow], table: [Int: Int]) -> CheckVerdict {
        var wrong: [String] = []
        for row in rows where table[row.id] != row.randomNumber {
            if let n = table[row.id] {
                wrong.append("id \(row.id): server said \(row.randomNumber), the table has \(n)")
            } else {
                wrong.append("id \(row.id) is not in the table")
            }
        }
        guard let first = wrong.first else { return .pass("all \(rows.count) rows match the world table") }
        return .fail(
            "\(wrong.count) of \(rows.count) rows do not match the world table (not read from the database?); first: \(first)"
        )
    }

    /// After `/updates` requests made one after the other, the table holds the
    /// numbers the server answered: for each id, one of the values the last
    /// answer naming it gave (an id drawn twice in one request may keep either).
    public static func persisted(_ answers: [[WorldRow]], tableAfter: [Int: Int]) -> CheckVerdict {
        var last: [Int: Set<Int>] = [:]
        for answer in answers {
            var inThis: [Int: Set<Int>] = [:]
            for row in answer { inThis[row.id, default: []].insert(row.randomNumber) }
            last.merge(inThis) { _, new in new }
        }
        guard !last.isEmpty else { return .fail("no updated rows to check") }
        let wrong = last.filter { id, values in !values.contains(tableAfter[id] ?? Int.min) }
        guard let (id, values) = wrong.min(by: { $0.key < $1.key }) else {
            return .pass("the table holds the answered numbers for all \(last.count) updated ids")
        }
        return .fail(
            "\(wrong.count) of \(last.count) updated ids do not hold the answered number; first: id \(id) answered \(values.sorted()), table has \(tableAfter[id].map(String.init) ?? "no row")"
        )
    }
}

extension WorldChecks {
    /// The `queries-clamping` built-in: the answer is an array as long as the
    /// request's `queries` parameter gives after clamping. Only the length
    /// (and being an array) is judged; the rows are `world-rows`'s.
    public static func clamping(_ r: HTTPResponseRecord, target: String?) -> CheckVerdict {
        let raw = QueryCount.parameter(in: target)
        let expected = QueryCount.clamp(raw)
        let label = raw.map { "queries=\($0)" } ?? "no parameter"
        guard case .success(let value) = r.json, let elements = value.arrayValue else {
            return .fail("\(label): expected an array of \(expected)")
        }
        guard elements.count == expected else {
            return .fail("\(label): \(elements.count) rows, expected \(expected)")
        }
        return .pass("\(label) gives \(expected) rows")
    }

    /// World rows in an answer: one object, or an array of them; rows that do not parse are left out.
    public static func rows(in r: HTTPResponseRecord) -> [WorldRow] {
        guard case .success(let value) = r.json else { return [] }
        let elements = value.arrayValue ?? [value]
        return elements.compactMap { e in
            guard let id = e["id"]?.integerValue, let n = e["randomNumber"]?.integerValue else { return nil }
            return WorldRow(id: id, randomNumber: n)
        }
    }

    /// The world table from `id:randomnumber` pairs separated by commas
    /// (`string_agg`, one line for a scalar read).
    public static func parsePairs(_ text: String) -> [Int: Int] {
        var table: [Int: Int] = [:]
        for pair in text.split(separator: ",") {
            let f = pair.split(separator: ":")
            if f.count == 2, let id = Int(f[0].trimmingWhitespace()), let n = Int(f[1].trimmingWhitespace()) {
                table[id] = n
            }
        }
        return table
    }

    /// The query that reads the world table for `parsePairs`.
    public static let tableQuery =
        "SELECT string_agg(id::text || ':' || randomnumber::text, ',' ORDER BY id) FROM world"
}
