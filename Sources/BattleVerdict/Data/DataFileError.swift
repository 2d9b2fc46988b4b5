import BattleCore

/// An error in a dataset, profiles, weights or prices file, naming the file,
/// the key or line, and the fix.
public enum DataFileError: Error, CustomStringConvertible, Equatable {
    case syntax(file: String, TOMLParser.Failure)
    case field(TOMLFieldError)

    public var description: String {
        switch self {
        case .syntax(let file, let failure): "\(file): \(failure.description)"
        case .field(let e): e.description
        }
    }

    static func field(_ file: String, _ key: String, _ message: String) -> DataFileError {
        .field(TOMLFieldError(file: file, key: key, message: message))
    }

    static func parse(_ text: String, file: String) throws(DataFileError) -> TOMLTable {
        do { return try TOMLParser.parse(text) } catch { throw .syntax(file: file, error) }
    }
}

/// Runs `body`, turning a field error into a `DataFileError`.
func fields<T>(_ body: () throws(TOMLFieldError) -> T) throws(DataFileError) -> T {
    do { return try body() } catch { throw .field(error) }
}

extension TOMLTable {
    /// Every entry that must itself be a table (`[metric.x]`), with a clear error otherwise.
    func subtables(file: String, prefix: String) throws(DataFileError) -> [(key: String, table: TOMLTable)] {
        var out: [(key: String, table: TOMLTable)] = []
        for (key, value) in entries {
            guard let t = value.table else {
                throw .field(file, prefix + key, "must be a table ([\(prefix + key)]), not \(value.typeName)")
            }
            out.append((key, t))
        }
        return out
    }

    func optionalBool(_ key: String, file: String, prefix: String) throws(DataFileError) -> Bool? {
        guard let v = self[key] else { return nil }
        guard let b = v.bool else { throw .field(file, prefix + key, "must be true or false, not \(v.typeName)") }
        return b
    }

    /// `base` with `overlay` laid over it: tables merge key by key, other values are replaced.
    static func merged(_ base: TOMLTable, _ overlay: TOMLTable) -> TOMLTable {
        var out = base
        for (key, value) in overlay.entries {
            if case .table(let o) = value, case .table(let b)? = base[key] {
                out[key] = .table(merged(b, o))
            } else {
                out[key] = value
            }
        }
        return out
    }
}
