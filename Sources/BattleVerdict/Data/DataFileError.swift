import BattleCore

/// An error in a dataset, profiles, weights or prices file: a TOML file error,
/// naming the file, the key or line, and the fix.
public typealias DataFileError = TOMLFileError

extension TOMLTable {
    /// Every entry that must itself be a table (`[metric.x]`), with a clear error otherwise.
    func subtables(file: String, prefix: String) throws(DataFileError) -> [(key: String, table: TOMLTable)] {
        var out: [(key: String, table: TOMLTable)] = []
        for (key, value) in entries {
            guard let t = value.table else {
                throw TOMLFileError(
                    file: file, key: prefix + key, message: "must be a table ([\(prefix + key)]), not \(value.typeName)"
                )
            }
            out.append((key, t))
        }
        return out
    }

    func optionalBool(_ key: String, file: String, prefix: String) throws(DataFileError) -> Bool? {
        guard let v = self[key] else { return nil }
        guard let b = v.bool else {
            throw TOMLFileError(file: file, key: prefix + key, message: "must be true or false, not \(v.typeName)")
        }
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
