internal import TOMLKit

/// Reads a TOML file into battle's `TOMLTable`: TOMLKit (toml++, TOML 1.0)
/// parses and checks the syntax; the tree is then copied into `TOMLTable`,
/// with every table's keys in file order (`TOMLKeyOrder`), since TOMLKit
/// hands them back sorted.
///
/// Every error is a `TOMLFileError` naming the file: a syntax error gives
/// toml++'s line, column and description (with the fix for the commonest
/// mistakes, `TOMLSyntaxHint`); a date or time (which battle's files write as
/// strings) names its key.
public enum TOMLReader {
    /// Parses `text`; `file` names it in errors, and a syntax error ends with
    /// `(syntaxHelp)` when one is given, such as where the format is described.
    public static func parse(_ text: String, file: String, syntaxHelp: String? = nil) throws(TOMLFileError) -> TOMLTable
    {
        let root: TOMLKit.TOMLTable
        do {
            root = try TOMLKit.TOMLTable(string: text)
        } catch let e as TOMLParseError {
            let (line, column) = (e.source.begin.line, e.source.begin.column)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            let lineText = line >= 1 && line <= lines.count ? String(lines[line - 1]) : ""
            let hint = TOMLSyntaxHint.hint(line: lineText, column: column, message: e.description)
            throw TOMLFileError(
                file: file, line: line, column: column,
                message: e.description + (hint.map { "; \($0)" } ?? "") + (syntaxHelp.map { " (\($0))" } ?? ""))
        } catch {
            throw TOMLFileError(file: file, message: "cannot parse it as TOML (\(error))")
        }
        let order = TOMLKeyOrder.scan(text)
        return try Converter(file: file, order: order).table(root, at: [])
    }

    /// The key a quoted key `"raw"` stands for, its escapes decoded by TOMLKit.
    static func basicStringKey(_ raw: String) -> String {
        guard raw.contains("\\") else { return raw }
        return (try? TOMLKit.TOMLTable(string: "k = \"\(raw)\""))?["k"]?.string ?? raw
    }
}

/// Copies TOMLKit's tree into battle's values, refusing dates and times.
private struct Converter {
    let file: String
    let order: TOMLKeyOrder

    func table(_ t: TOMLKit.TOMLTable, at path: [TOMLKeyOrder.Step]) throws(TOMLFileError) -> TOMLTable {
        let present = t.keys
        let placed = order.keys[path] ?? []
        let inFile = Set(placed)
        var out = TOMLTable()
        for key in placed.filter(Set(present).contains) + present.filter({ !inFile.contains($0) }) {
            guard let v = t[key] else { continue }
            out[key] = try value(v, at: path + [.key(key)])
        }
        return out
    }

    func value(_ v: any TOMLValueConvertible, at path: [TOMLKeyOrder.Step]) throws(TOMLFileError) -> TOMLValue {
        switch v.type {
        case .string: return .string(v.string ?? "")
        case .int: return .integer(v.int ?? 0)
        case .double: return .float(v.double ?? .nan)
        case .bool: return .bool(v.bool ?? false)
        case .table: return .table(try table(v.table ?? TOMLKit.TOMLTable(), at: path))
        case .array:
            var items: [TOMLValue] = []
            if let array = v.array {
                for i in 0..<array.count { items.append(try value(array[i], at: path + [.index(i)])) }
            }
            return .array(items)
        case .date, .time, .dateTime:
            throw TOMLFileError(
                file: file, key: Self.name(path),
                message: "dates and times are not supported here; write '\(v.debugDescription)' as a string in quotes")
        }
    }

    /// `a.b[0].c`, as the field errors name keys.
    static func name(_ path: [TOMLKeyOrder.Step]) -> String {
        var s = ""
        for step in path {
            switch step {
            case .key(let k): s += s.isEmpty ? k : "." + k
            case .index(let i): s += "[\(i)]"
            }
        }
        return s
    }
}
