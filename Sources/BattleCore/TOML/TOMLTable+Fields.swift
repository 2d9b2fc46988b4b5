/// Typed access to a table's fields with errors that name the file, the key
/// and the fix (`TOMLFileError`), as manifests, datasets and profiles need.
extension TOMLTable {
    /// Fails on keys not in `allowed`, so a typo cannot silently change a run.
    public func rejectUnknownKeys(_ allowed: Set<String>, file: String, prefix: String = "") throws(TOMLFileError) {
        for key in keys where !allowed.contains(key) {
            let known = allowed.sorted().joined(separator: ", ")
            throw TOMLFileError(file: file, key: prefix + key, message: "unknown key; known keys here: \(known)")
        }
    }

    public func requiredString(_ key: String, file: String, prefix: String = "") throws(TOMLFileError) -> String {
        guard let v = self[key] else {
            throw TOMLFileError(file: file, key: prefix + key, message: "missing; add `\(key) = \"...\"`")
        }
        guard let s = v.string else {
            throw TOMLFileError(file: file, key: prefix + key, message: "must be a string in quotes, not \(v.typeName)")
        }
        return s
    }

    public func optionalString(_ key: String, file: String, prefix: String = "") throws(TOMLFileError) -> String? {
        guard let v = self[key] else { return nil }
        guard let s = v.string else {
            throw TOMLFileError(file: file, key: prefix + key, message: "must be a string in quotes, not \(v.typeName)")
        }
        return s
    }

    public func optionalNumber(_ key: String, file: String, prefix: String = "") throws(TOMLFileError) -> Double? {
        guard let v = self[key] else { return nil }
        guard let d = v.number else {
            throw TOMLFileError(file: file, key: prefix + key, message: "must be a number, not \(v.typeName)")
        }
        return d
    }

    public func optionalInteger(_ key: String, file: String, prefix: String = "") throws(TOMLFileError) -> Int? {
        guard let v = self[key] else { return nil }
        guard let d = v.integer else {
            throw TOMLFileError(file: file, key: prefix + key, message: "must be an integer, not \(v.typeName)")
        }
        return d
    }

    public func optionalStrings(_ key: String, file: String, prefix: String = "") throws(TOMLFileError) -> [String]? {
        guard let v = self[key] else { return nil }
        guard let a = v.array else {
            throw TOMLFileError(
                file: file, key: prefix + key, message: "must be an array of strings, like [\"a\", \"b\"]")
        }
        var out: [String] = []
        for item in a {
            guard let s = item.string else {
                throw TOMLFileError(
                    file: file, key: prefix + key, message: "must hold only strings, found \(item.typeName)")
            }
            out.append(s)
        }
        return out
    }

    public func optionalTable(_ key: String, file: String, prefix: String = "") throws(TOMLFileError) -> TOMLTable? {
        guard let v = self[key] else { return nil }
        guard let t = v.table else {
            throw TOMLFileError(
                file: file, key: prefix + key,
                message: "must be a table ([\(prefix + key)] or { ... }), not \(v.typeName)")
        }
        return t
    }
}
