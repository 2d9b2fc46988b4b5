/// The fix for the two syntax mistakes people make most in battle's files,
/// added to toml++'s own description, which says what is wrong but not what
/// to write: a string without quotes (`name = rust`) and a quoted string
/// broken over lines.
enum TOMLSyntaxHint {
    /// A hint for the error toml++ described as `message` on `line` (its text),
    /// at `column` (from 1), or nil.
    static func hint(line: String, column: Int, message: String) -> String? {
        guard let eq = line.firstIndex(of: "=") else { return nil }
        let key = line[..<eq].trimmingSpaces
        var value = Substring(line[line.index(after: eq)...])
        if message.contains("control characters"), value.contains("\""), column > line.count {
            return "a string in \"quotes\" must end on its line; use \"\"\" for several lines"
        }
        if let hash = value.firstIndex(of: "#") { value = value[..<hash] }
        let word = value.trimmingSpaces
        guard let first = word.unicodeScalars.first, first.properties.isAlphabetic,
            !["true", "false", "inf", "nan"].contains(word),
            !word.unicodeScalars.contains(where: { "\"'[]{},=".unicodeScalars.contains($0) })
        else { return nil }
        return "strings need quotes: \(key) = \(TOMLString.quoted(word))"
    }
}

extension StringProtocol {
    fileprivate var trimmingSpaces: String {
        let scalars = unicodeScalars.drop { $0 == " " || $0 == "\t" }
        return String(
            String.UnicodeScalarView(scalars.reversed().drop { $0 == " " || $0 == "\t" || $0 == "\r" }.reversed()))
    }
}
