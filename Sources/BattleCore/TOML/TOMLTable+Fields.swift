/// Typed access to a table's fields with errors that name the file, the key
/// and the fix, as manifests, datasets and profiles need.
public struct TOMLFieldError: Error, CustomStringConvertible, Equatable {
    public let file: String
    public let key: String
    public let message: String

    public init(file: String, key: String, message: String) {
        self.file = file
        self.key = key
        self.message = message
    }

    public var description: String { "\(file): '\(key)': \(message)" }
}

extension TOMLTable {
    /// Fails on keys not in `allowed`, so a typo cannot silently change a run.
    public func rejectUnknownKeys(_ allowed: Set<String>, file: String, prefix: String = "") throws(TOMLFieldError) {
        for key in keys where !allowed.contains(key) {
            let known = allowed.sorted().joined(separator: ", ")
            throw TOMLFieldError(file: file, key: prefix + key, message: "unknown key; known keys here: \(known)")
        }
    }

    public func requiredString(_ key: String, file: String, prefix: String = "") throws(TOMLFieldError) -> String {
        guard let v = self[key] else { throw TOMLFieldError(file: file, key: prefix + key, message: "missing; add `\(key) = \"...\"`") }
        guard let s = v.string else { throw TOMLFieldError(file: file, key: prefix + key, message: "must be a string in quotes, not \(v.typeName)") }
        return s
    }

    public func optionalString(_ key: String, file: String, prefix: String = "") throws(TOMLFieldError) -> String? {
        guard let v = self[key] else { return nil }
        guard let s = v.string else { throw TOMLFieldError(file: file, key: prefix + key, message: "must be a string in quotes, not \(v.typeName)") }
        return s
    }

    public func optionalNumber(_ key: String, file: String, prefix: String = "") throws(TOMLFieldError) -> Double? {
        guard let v = self[key] else { return nil }
        guard let d = v.number else { throw TOMLFieldError(file: file, key: prefix + key, message: "must be a number, not \(v.typeName)") }
        return d
    }

    public func optionalInteger(_ key: String, file: String, prefix: String = "") throws(TOMLFieldError) -> Int? {
        guard let v = self[key] else { return nil }
        guard let d = v.integer else { throw TOMLFieldError(file: file, key: prefix + key, message: "must be an integer, not \(v.typeName)") }
        return d
    }

    public func optionalStrings(_ key: String, file: String, prefix: String = "") throws(TOMLFieldError) -> [String]? {
        guard let v = self[key] else { return nil }
        guard let a = v.array else { throw TOMLFieldError(file: file, key: prefix + key, message: "must be an array of strings, like [\"a\", \"b\"]") }
        var out: [String] = []
        for item in a {
            guard let s = item.string else { throw TOMLFieldError(file: file, key: prefix + key, message: "must hold only strings, found \(item.typeName)") }
            out.append(s)
        }
        return out
    }

    public func optionalTable(_ key: String, file: String, prefix: String = "") throws(TOMLFieldError) -> TOMLTable? {
        guard let v = self[key] else { return nil }
        guard let t = v.table else { throw TOMLFieldError(file: file, key: prefix + key, message: "must be a table ([\(prefix + key)] or { ... }), not \(v.typeName)") }
        return t
    }
}
