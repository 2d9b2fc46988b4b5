extension String {
    /// Every `target` replaced by `replacement`, without Foundation: the
    /// escaping of Markdown cells and CSV fields.
    public func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for c in self { if c == target { out += replacement } else { out.append(c) } }
        return out
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces, tabs, CRs and LFs (HTTP's optional
    /// white space and a line's ends; durations as typed).
    public func trimmingWhitespace() -> String {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" || c == "\r" || c == "\n" { s = s.dropFirst() }
        while let c = s.last, c == " " || c == "\t" || c == "\r" || c == "\n" { s = s.dropLast() }
        return String(s)
    }
}
