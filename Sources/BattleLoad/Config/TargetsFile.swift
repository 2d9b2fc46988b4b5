import BattleCore
import Foundation

/// The `--targets FILE` format: several endpoints with weights and their own
/// method, headers and body (docs/LOAD.md):
///
///     [[target]]
///     name = "orders"
///     url = "http://127.0.0.1:8080/orders"
///     method = "POST"
///     weight = 3
///     headers = { "Content-Type" = "application/json" }
///     bodies_file = "orders.jsonl"
///
/// Relative paths are relative to the targets file. Unknown keys are errors.
public enum TargetsFile {
    /// Why a targets file was refused: a TOML file error, naming the file, the key and the fix.
    public typealias Failure = TOMLFileError

    static let targetKeys: Set<String> = [
        "name", "url", "method", "weight", "headers", "body", "body_file", "bodies_file",
    ]

    /// Reads and parses the targets file at `path`.
    public static func load(path: String) throws(Failure) -> [LoadTarget] {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw Failure(
                file: path, message: "cannot read the targets file (\(error.localizedDescription)); check --targets")
        }
        let dir = (path as NSString).deletingLastPathComponent
        return try parse(text, file: path) { name throws(Failure) in
            let full = name.hasPrefix("/") ? name : (dir.isEmpty ? name : dir + "/" + name)
            guard let data = FileManager.default.contents(atPath: full) else {
                throw Failure(file: path, message: "cannot read '\(full)'")
            }
            return [UInt8](data)
        }
    }

    /// Parses targets-file `text`; `file` names it in errors and `read`
    /// returns the bytes of a file the targets name (already resolved by the caller).
    public static func parse(
        _ text: String, file: String, read: (String) throws(Failure) -> [UInt8]
    ) throws(Failure) -> [LoadTarget] {
        let root = try TOMLReader.parse(text, file: file)
        try root.rejectUnknownKeys(["target"], file: file)
        guard let items = root["target"]?.array, !items.isEmpty else {
            throw Failure(file: file, message: "no targets; add at least one [[target]] with a url")
        }
        var targets: [LoadTarget] = []
        for (i, item) in items.enumerated() {
            guard let table = item.table else {
                throw Failure(file: file, message: "'target' must be written as [[target]] tables")
            }
            targets.append(try target(table, index: i, file: file, read: read))
        }
        let first = targets[0].url
        for t in targets.dropFirst() where t.url.host != first.host || t.url.port != first.port {
            throw Failure(
                file: file,
                message:
                    "every target must use the same host and port; found \(first.authority) and \(t.url.authority). "
                    + "Run battle load once per server.")
        }
        var seen = Set<String>()
        for t in targets where !seen.insert(t.name).inserted {
            throw Failure(file: file, message: "two targets are named '\(t.name)'; give each a distinct name")
        }
        return targets
    }

    private static func target(
        _ t: TOMLTable, index: Int, file: String, read: (String) throws(Failure) -> [UInt8]
    ) throws(Failure) -> LoadTarget {
        let prefix = "target[\(index)]."
        func fail(_ key: String, _ message: String) -> Failure {
            Failure(file: file, key: prefix + key, message: message)
        }
        try t.rejectUnknownKeys(targetKeys, file: file, prefix: prefix)
        let urlText = try t.requiredString("url", file: file, prefix: prefix)
        let url: TargetURL
        do { url = try TargetURL.parse(urlText) } catch { throw fail("url", error.reason) }
        let method = try t.optionalString("method", file: file, prefix: prefix) ?? "GET"
        guard !method.isEmpty, method.allSatisfy({ $0.isASCII && ($0.isUppercase || $0 == "-") }) else {
            throw fail("method", "must be an HTTP method in capitals, like \"GET\" or \"POST\"")
        }
        let weight = try t.optionalInteger("weight", file: file, prefix: prefix) ?? 1
        guard (1...10_000).contains(weight) else { throw fail("weight", "must be an integer from 1 to 10000") }

        var headers: [LoadTarget.Header] = []
        if let h = try t.optionalTable("headers", file: file, prefix: prefix) {
            for (name, value) in h.entries {
                guard let v = value.string else {
                    throw fail("headers.\(name)", "must be a string in quotes, not \(value.typeName)")
                }
                do { try LoadTarget.validate(name: name, input: "\(name): \(v)") } catch {
                    throw fail("headers.\(name)", error.reason)
                }
                headers.append(.init(name: name, value: v))
            }
        }

        let bodyKeys = ["body", "body_file", "bodies_file"].filter { t[$0] != nil }
        guard bodyKeys.count <= 1 else {
            throw fail(bodyKeys[1], "only one of body, body_file and bodies_file may be given")
        }
        var bodies: [[UInt8]] = []
        if let body = try t.optionalString("body", file: file, prefix: prefix) {
            bodies = [Array(body.utf8)]
        } else if let name = try t.optionalString("body_file", file: file, prefix: prefix) {
            do { bodies = [try read(name)] } catch {
                throw fail("body_file", "\(error.message); paths are relative to the targets file")
            }
        } else if let name = try t.optionalString("bodies_file", file: file, prefix: prefix) {
            let bytes: [UInt8]
            do { bytes = try read(name) } catch {
                throw fail("bodies_file", "\(error.message); paths are relative to the targets file")
            }
            bodies = lines(bytes)
            guard !bodies.isEmpty else {
                throw fail("bodies_file", "'\(name)' has no non-empty lines; put one body per line")
            }
        }
        let name = try t.optionalString("name", file: file, prefix: prefix)
        if let name, name.isEmpty { throw fail("name", "must not be empty") }
        return LoadTarget(name: name, url: url, method: method, headers: headers, bodies: bodies, weight: weight)
    }

    /// Non-empty lines, without their `\n` or `\r\n`.
    static func lines(_ bytes: [UInt8]) -> [[UInt8]] {
        bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true).compactMap { line in
            var l = line[...]
            if l.last == UInt8(ascii: "\r") { l = l.dropLast() }
            return l.isEmpty ? nil : Array(l)
        }
    }
}
