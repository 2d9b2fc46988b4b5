import BattleCore

/// One row of `pg_stat_statements`: a normalised statement and its totals.
public struct StatementStat: Sendable, Equatable {
    public var query: String
    public var calls: Int
    public var rows: Int

    public init(query: String, calls: Int, rows: Int) {
        self.query = query
        self.calls = calls
        self.rows = rows
    }
}

/// Statements executed against the suite's tables since the last reset.
public struct QueryCounts: Sendable, Equatable {
    public var worldSelects = 0
    public var worldUpdates = 0
    /// Rows the `UPDATE`s on `world` changed.
    public var worldRowsUpdated = 0
    public var fortuneSelects = 0
    /// Statements whose text the reading user may not see (`<insufficient privilege>`).
    public var hiddenStatements = 0

    public init(worldSelects: Int = 0, worldUpdates: Int = 0, worldRowsUpdated: Int = 0, fortuneSelects: Int = 0) {
        self.worldSelects = worldSelects
        self.worldUpdates = worldUpdates
        self.worldRowsUpdated = worldRowsUpdated
        self.fortuneSelects = fortuneSelects
    }

    /// Sorts statements by what they do. A statement is a read of `world` when
    /// it starts with `SELECT` and names `world`; an update when it starts with
    /// `UPDATE` (or a `WITH` ending in one) and names `world`.
    public init(_ stats: [StatementStat]) {
        for s in stats {
            let q = s.query.lowercased().trimmingWhitespace()
            if q == "<insufficient privilege>" {
                hiddenStatements += s.calls
                continue
            }
            let words = Set(q.split(whereSeparator: { !($0.isLetter || $0 == "_") }).map(String.init))
            if words.contains("world") {
                if q.hasPrefix("update") || (q.hasPrefix("with") && words.contains("update")) {
                    worldUpdates += s.calls
                    worldRowsUpdated += s.rows
                } else if q.hasPrefix("select") || q.hasPrefix("with") {
                    worldSelects += s.calls
                }
            } else if words.contains("fortune"), q.hasPrefix("select") {
                fortuneSelects += s.calls
            }
        }
    }

    /// Parses `psql -At -F '\x1f'` output of `query, calls, rows`.
    public static func parseStats(_ output: String, separator: Character = "\u{1F}") -> [StatementStat] {
        output.split(separator: "\n").compactMap { line in
            let f = line.split(separator: separator, omittingEmptySubsequences: false)
            guard f.count == 3, let calls = Int(f[1]), let rows = Int(f[2]) else { return nil }
            return StatementStat(query: String(f[0]), calls: calls, rows: rows)
        }
    }
}

/// What the verifier reads of `world`: a digest to see whether it changed.
public struct WorldSnapshot: Sendable, Equatable {
    public var count: Int
    public var sum: Int
    public var digest: String

    public init(count: Int, sum: Int, digest: String) {
        self.count = count
        self.sum = sum
        self.digest = digest
    }

    /// Parses `count|sum|md5` (psql -At).
    public static func parse(_ output: String) -> WorldSnapshot? {
        let f = output.trimmingWhitespace().split(separator: "|", omittingEmptySubsequences: false)
        guard f.count == 3, let count = Int(f[0]), let sum = Int(f[1]) else { return nil }
        return WorldSnapshot(count: count, sum: sum, digest: String(f[2]))
    }
}

public enum DatabaseChecks {
    /// The table as `id|randomnumber` lines (psql -At).
    public static func parseTable(_ output: String) -> [Int: Int] {
        var table: [Int: Int] = [:]
        for line in output.split(separator: "\n") {
            let f = line.split(separator: "|")
            if f.count == 2, let id = Int(f[0]), let n = Int(f[1]) { table[id] = n }
        }
        return table
    }

    /// Whether the database ran at least `expected` statements of a kind for
    /// `requests` requests: fewer means answers came from a cache, or several
    /// reads were merged into one statement (`IN (...)`, `ANY($1)`).
    public static func enoughQueries(
        _ kind: String, executed: Int, expected: Int, requests: Int, hidden: Int = 0
    ) -> CheckVerdict {
        if executed >= expected {
            return .pass("\(executed) \(kind) for \(requests) requests (at least \(expected) needed)")
        }
        if hidden > 0 {
            return .warn(
                "\(executed) \(kind) seen, \(expected) needed, but \(hidden) statements of another user are hidden: give --database-url a superuser or pg_read_all_stats"
            )
        }
        let hint =
            executed == 0
            ? "none reached the database: cached or precomputed answers?"
            : "fewer than one per row: batched (IN/ANY) or cached reads?"
        return .fail("\(executed) \(kind) for \(requests) requests, expected at least \(expected): \(hint)")
    }

    /// `/updates` changed the table.
    public static func tableChanged(before: WorldSnapshot, after: WorldSnapshot) -> CheckVerdict {
        if after.count != before.count {
            return .fail("world had \(before.count) rows before the updates and \(after.count) after")
        }
        if after.digest == before.digest {
            return .fail("world is unchanged after the /updates requests: nothing was persisted")
        }
        return .pass("world changed (sum of randomnumber \(before.sum) → \(after.sum))")
    }

    /// The tables are intact after requests with SQL-shaped parameters.
    public static func tablesIntact(worldRows: Int?, fortuneRows: Int?) -> CheckVerdict {
        guard let worldRows, let fortuneRows else { return .fail("world or fortune cannot be read any more") }
        if worldRows != 10_000 || fortuneRows != 12 {
            return .fail("world has \(worldRows) rows (expected 10000), fortune \(fortuneRows) (expected 12)")
        }
        return .pass("world has 10000 rows and fortune 12 after SQL-shaped parameters")
    }
}
