import BattleCore

/// A small document model the verdict is written in once and rendered three
/// ways: terminal text, Markdown and an HTML fragment.
public enum Block: Sendable, Equatable {
    /// Level 1 is the top of whatever embeds the document.
    case heading(Int, String)
    case paragraph(String)
    case bullets([String])
    case table(Table)

    /// A table of plain cells: columns of numbers align right, words left.
    public static func table(header: [String], rows: [[String]]) -> Block {
        var t = Table(header: header, rows: rows)
        t.cssClass = "verdict-table"
        t.rowHeaders = true
        return .table(t)
    }
}

public enum BlockRenderer {
    // MARK: text

    public static func text(_ blocks: [Block]) -> String {
        var out: [String] = []
        for block in blocks {
            switch block {
            case .heading(let level, let title):
                out.append(
                    level <= 1
                        ? "\(title)\n\(String(repeating: "=", count: title.count))"
                        : "\(title)\n\(String(repeating: "-", count: title.count))")
            case .paragraph(let p): out.append(plain(p))
            case .bullets(let items): out.append(items.map { "  - \(plain($0))" }.joined(separator: "\n"))
            case .table(let t): out.append(String(t.text(rule: true).dropLast()))
            }
        }
        return out.joined(separator: "\n\n") + "\n"
    }

    // MARK: Markdown

    /// `base` is added to every heading level (a section under `##` uses 2).
    public static func markdown(_ blocks: [Block], base: Int = 1) -> String {
        var out: [String] = []
        for block in blocks {
            switch block {
            case .heading(let level, let title):
                out.append(String(repeating: "#", count: min(6, level + base - 1)) + " " + title)
            case .paragraph(let p): out.append(p)
            case .bullets(let items): out.append(items.map { "- \($0)" }.joined(separator: "\n"))
            case .table(let t): out.append(String(t.markdown().dropLast()))
            }
        }
        return out.joined(separator: "\n\n") + "\n"
    }

    // MARK: HTML

    /// A fragment: no scripts, no styles from elsewhere, every text escaped.
    public static func html(_ blocks: [Block], base: Int = 2) -> String {
        var out: [String] = []
        for block in blocks {
            switch block {
            case .heading(let level, let title):
                let h = min(6, level + base - 1)
                out.append("<h\(h)>\(inline(title))</h\(h)>")
            case .paragraph(let p): out.append("<p>\(inline(p))</p>")
            case .bullets(let items): out.append("<ul>" + items.map { "<li>\(inline($0))</li>" }.joined() + "</ul>")
            case .table(let t): out.append(t.html())
            }
        }
        return out.joined(separator: "\n")
    }

    /// Text with `**bold**` and `code` marks dropped, for the terminal.
    static func plain(_ s: String) -> String { s.replacingOccurrences("**", with: "") }

    /// Escaped HTML with `**bold**` as <strong> and `code` as <code>.
    static func inline(_ s: String) -> String {
        var out = ""
        var bold = false
        var code = false
        var i = s.startIndex
        while i < s.endIndex {
            if s[i...].hasPrefix("**"), !code {
                out += bold ? "</strong>" : "<strong>"
                bold.toggle()
                i = s.index(i, offsetBy: 2)
                continue
            }
            if s[i] == "`" {
                out += code ? "</code>" : "<code>"
                code.toggle()
            } else {
                out += escape(String(s[i]))
            }
            i = s.index(after: i)
        }
        if code { out += "</code>" }
        if bold { out += "</strong>" }
        return out
    }

    public static func escape(_ s: String) -> String { HTMLEscape.escape(s) }
}

extension String {
    var trimmedRight: String {
        var s = Substring(self)
        while s.last == " " { s.removeLast() }
        return String(s)
    }

    func replacingOccurrences(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var out = ""
        var rest = Substring(self)
        while let r = rest.firstRange(of: target) {
            out += rest[..<r.lowerBound] + replacement
            rest = rest[r.upperBound...]
        }
        return out + rest
    }
}
