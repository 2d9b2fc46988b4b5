import BattleCore

/// The fortunes page compared with the expected one (docs/SUITE.md §2).
public enum FortunesCheck {
    public static func page(_ r: HTTPResponseRecord) -> CheckVerdict {
        guard r.bodyIsUTF8 else { return .fail("the page is not valid UTF-8 (the Japanese row must arrive as UTF-8)") }
        let body = r.bodyText
        if body.contains("<script>") { return .fail("the <script> row is not escaped") }
        let expected = HTMLNormalization.tokens(Fortunes.expectedPage)
        let actual = HTMLNormalization.tokens(body)
        if let i = zip(expected, actual).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset {
            return .fail("the page differs at token \(i): expected \(expected[i]), got \(actual[i])")
        }
        if expected.count != actual.count {
            let which =
                expected.count > actual.count
                ? "missing \(expected[actual.count])" : "extra \(actual[expected.count])"
            return .fail("the page has \(actual.count) tokens, expected \(expected.count): \(which)")
        }
        // Equal after decoding; the spec also asks for " and ' to be escaped.
        let texts = rawTexts(body)
        if let raw = texts.first(where: { $0.contains("\"") || $0.contains("'") || $0.contains(">") }) {
            return .warn("the page matches, but a message has an unescaped \" ' or >: \(raw.prefix(60))")
        }
        return .pass("the page matches (13 rows, sorted, escaped, UTF-8)")
    }

    /// Text between tags as written (not decoded).
    static func rawTexts(_ html: String) -> [String] {
        var texts: [String] = []
        var inTag = false
        var current = ""
        for c in html {
            if c == "<" {
                if !current.trimmingWhitespace().isEmpty { texts.append(current) }
                current = ""
                inTag = true
            } else if c == ">" && inTag {
                inTag = false
            } else if !inTag {
                current.append(c)
            }
        }
        if !current.trimmingWhitespace().isEmpty { texts.append(current) }
        return texts
    }
}
