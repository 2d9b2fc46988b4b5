/// The structure of an HTML report as indented text: sections, headings,
/// tables (header and row count), charts (marks, axis titles, tick labels),
/// script and policy. Golden-tested instead of the raw page, so that a
/// change of style or coordinates does not churn the golden file while a
/// lost section, chart, column or axis title does.
enum HTMLOutline {
    struct Tag {
        var name: String
        var attributes: String
        var closing: Bool
        var selfClosing: Bool

        func attribute(_ key: String) -> String? {
            guard let r = attributes.range(of: " \(key)=\"") else { return nil }
            let rest = attributes[r.upperBound...]
            return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
        }
    }

    enum Token {
        case tag(Tag)
        case text(String)
    }

    static let voidElements: Set<String> = ["meta", "br", "img", "input", "link", "hr"]

    static func tokens(_ html: String) -> [Token] {
        var out: [Token] = []
        var i = html.startIndex
        while i < html.endIndex {
            if html[i] == "<", let end = html[i...].firstIndex(of: ">") {
                var body = html[html.index(after: i)..<end]
                if body.hasPrefix("!") {
                    i = html.index(after: end)
                    continue
                }
                let closing = body.hasPrefix("/")
                if closing { body = body.dropFirst() }
                let selfClosing = body.hasSuffix("/")
                if selfClosing { body = body.dropLast() }
                let name = String(body.prefix { !$0.isWhitespace }).lowercased()
                let attrs = " " + body.dropFirst(name.count).trimmingCharacters()
                out.append(
                    .tag(
                        Tag(
                            name: name, attributes: attrs, closing: closing,
                            selfClosing: selfClosing || voidElements.contains(name))))
                i = html.index(after: end)
            } else {
                let next = html[i...].firstIndex(of: "<") ?? html.endIndex
                out.append(.text(String(html[i..<next])))
                i = next
            }
        }
        return out
    }

    static func outline(_ html: String) -> String {
        let toks = tokens(html)
        var lines: [String] = []
        var depth = 0
        var k = 0
        func textUntilClose(_ name: String, from start: Int) -> (String, Int) {
            var s = ""
            var j = start
            var level = 0
            while j < toks.count {
                switch toks[j] {
                case .text(let t): s += t
                case .tag(let t) where t.name == name && !t.selfClosing:
                    if t.closing {
                        if level == 0 { return (collapse(s), j) }
                        level -= 1
                    } else {
                        level += 1
                    }
                default: break
                }
                j += 1
            }
            return (collapse(s), j)
        }
        func pad() -> String { String(repeating: "  ", count: depth) }

        while k < toks.count {
            guard case .tag(let t) = toks[k] else {
                k += 1
                continue
            }
            let idPart = t.attribute("id").map { "#" + $0 } ?? ""
            switch (t.name, t.closing) {
            case ("section", false), ("figure", false), ("main", false), ("header", false), ("nav", false),
                ("details", false):
                lines.append(pad() + t.name + idPart)
                depth += 1
            case ("section", true), ("figure", true), ("main", true), ("header", true), ("nav", true),
                ("details", true):
                depth -= 1
            case ("h1", false), ("h2", false), ("h3", false), ("h4", false), ("summary", false), ("dt", false),
                ("title", false):
                let (text, end) = textUntilClose(t.name, from: k + 1)
                if t.name != "title" || depth == 0 { lines.append(pad() + "\(t.name)\(idPart) \"\(text)\"") }
                k = end
            case ("a", false):
                let (text, end) = textUntilClose("a", from: k + 1)
                lines.append(pad() + "a[\(t.attribute("href") ?? "")] \"\(text)\"")
                k = end
            case ("meta", _):
                if let equiv = t.attribute("http-equiv") {
                    lines.append(pad() + "meta[\(equiv)] \(t.attribute("content") ?? "")")
                }
            case ("script", false):
                let (_, end) = textUntilClose("script", from: k + 1)
                lines.append(pad() + "script (inline)")
                k = end
            case ("output", false):
                lines.append(pad() + "output\(idPart)")
            case ("pre", false):
                let (text, end) = textUntilClose("pre", from: k + 1)
                lines.append(pad() + "pre.\(t.attribute("class") ?? "") \"\(text.prefix(80))\"")
                k = end
            case ("table", false):
                k = table(toks, from: k, into: &lines, pad: pad())
                continue
            case ("svg", false):
                k = svg(toks, from: k, tag: t, into: &lines, pad: pad())
                continue
            default: break
            }
            k += 1
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func table(_ toks: [Token], from start: Int, into lines: inout [String], pad: String) -> Int {
        guard case .tag(let open) = toks[start] else { return start + 1 }
        var headers: [String] = []
        var rows = 0
        var inHead = false
        var cell: String? = nil
        var j = start + 1
        while j < toks.count {
            switch toks[j] {
            case .text(let t): if cell != nil { cell! += t }
            case .tag(let t):
                switch (t.name, t.closing) {
                case ("thead", false): inHead = true
                case ("thead", true): inHead = false
                case ("th", false): if inHead { cell = "" }
                case ("th", true):
                    if let c = cell { headers.append(collapse(c)) }
                    cell = nil
                case ("tr", false): if !inHead { rows += 1 }
                case ("table", true):
                    let cls = open.attribute("class").map { "." + $0.replacingSpaces() } ?? ""
                    let head = headers.isEmpty ? "" : " [" + headers.joined(separator: " | ") + "]"
                    lines.append(pad + "table\(cls)\(head) rows=\(rows)")
                    return j + 1
                default: break
                }
            }
            j += 1
        }
        return j
    }

    static func svg(_ toks: [Token], from start: Int, tag: Tag, into lines: inout [String], pad: String) -> Int {
        var marks = 0
        var ticks = 0
        var titles: [String] = []
        var legend: [String] = []
        var refs = 0
        var j = start + 1
        var level = 0
        while j < toks.count {
            if case .tag(let t) = toks[j] {
                if t.name == "svg" && t.closing {
                    if level == 0 { break }
                    level -= 1
                } else if t.name == "svg" && !t.closing && !t.selfClosing {
                    level += 1
                }
                let cls = " " + (t.attribute("class") ?? "") + " "
                if !t.closing {
                    if cls.contains(" mark ") { marks += 1 }
                    if cls.contains(" ref ") { refs += 1 }
                    if t.name == "text" {
                        var text = ""
                        if j + 1 < toks.count, case .text(let s) = toks[j + 1] { text = collapse(s) }
                        if cls.contains(" tick-label ") { ticks += 1 }
                        if cls.contains(" axis-title ") { titles.append(text) }
                        if cls.contains(" legend-label ") { legend.append(text) }
                    }
                }
            }
            j += 1
        }
        let cls = tag.attribute("class").map { "." + $0.replacingSpaces() } ?? ""
        lines.append(
            pad
                + "svg\(cls)#\(tag.attribute("id") ?? "") marks=\(marks) ticks=\(ticks)\(refs > 0 ? " refs=\(refs)" : "")"
        )
        for t in titles { lines.append(pad + "  axis \"\(t)\"") }
        if !legend.isEmpty { lines.append(pad + "  legend [" + legend.joined(separator: " | ") + "]") }
        return j + 1
    }

    static func collapse(_ s: String) -> String {
        s.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}

extension StringProtocol {
    func trimmingCharacters() -> String {
        var s = Substring(self)
        while s.first?.isWhitespace == true { s.removeFirst() }
        while s.last?.isWhitespace == true { s.removeLast() }
        return String(s)
    }

    func replacingSpaces() -> String { split(separator: " ").joined(separator: ".") }
}
