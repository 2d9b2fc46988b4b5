import Foundation

/// Lines of code as Debian's `cloc --json` counts them.
public struct LinesOfCode: Sendable, Equatable {
    public var code: Int
    public var byLanguage: [String: Int]
    /// `cloc 1.96`, or how lines were counted when cloc was missing.
    public var tool: String

    public init(code: Int, byLanguage: [String: Int], tool: String) {
        self.code = code
        self.byLanguage = byLanguage
        self.tool = tool
    }

    /// Reads `cloc --json` output: `SUM.code`, and `code` for each language.
    public static func parseCloc(json: String) -> LinesOfCode? {
        guard let obj = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else { return nil }
        var by: [String: Int] = [:]
        for (key, value) in obj where key != "header" && key != "SUM" {
            if let v = value as? [String: Any], let code = v["code"] as? Int { by[key] = code }
        }
        let header = obj["header"] as? [String: Any]
        let version = (header?["cloc_version"] as? String) ?? "?"
        let sum = ((obj["SUM"] as? [String: Any])?["code"] as? Int) ?? by.values.reduce(0, +)
        return LinesOfCode(code: sum, byLanguage: by, tool: "cloc \(version)")
    }

    /// Non-blank lines, the fallback when cloc is not installed (it is in scripts/bootstrap).
    public static func nonBlankLines(_ texts: [String]) -> Int {
        texts.reduce(0) { n, t in n + t.split(separator: "\n").filter { !$0.allSatisfy(\.isWhitespace) }.count }
    }
}
