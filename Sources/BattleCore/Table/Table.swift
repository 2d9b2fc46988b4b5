/// One table model for every table battle prints: the report's, the
/// verdict's, the verification's, `battle compare`'s and `battle load`'s
/// summary. Built once, rendered to terminal text (`Table+Text.swift`),
/// Markdown (`Table+Markdown.swift`) or HTML (`Table+HTML.swift`), each
/// format with one escaping rule.
public struct Table: Sendable, Equatable {
    public enum Align: Sendable, Equatable { case left, right }

    public struct Column: Sendable, Equatable {
        public var title: String
        public var align: Align

        public init(_ title: String, _ align: Align = .left) {
            self.title = title
            self.align = align
        }
    }

    public struct Cell: Sendable, Equatable, ExpressibleByStringLiteral {
        public var text: String
        /// Terminal colour; ignored by Markdown and HTML.
        public var style: TerminalStyle
        /// HTML only: shown on hover, the exact figure behind a rounded one.
        public var tooltip: String?
        /// HTML only: an extra class on the cell.
        public var cssClass: String?
        /// HTML only: already-escaped markup used instead of `text` (badges).
        public var markup: String?

        public init(
            _ text: String, _ style: TerminalStyle = .plain, tooltip: String? = nil, cssClass: String? = nil
        ) {
            self.text = text
            self.style = style
            self.tooltip = tooltip
            self.cssClass = cssClass
        }

        public init(stringLiteral value: String) { self.init(value) }

        public static func markup(_ html: String, text: String = "") -> Cell {
            var c = Cell(text)
            c.markup = html
            return c
        }
    }

    public struct Row: Sendable, Equatable {
        public var cells: [Cell]
        /// HTML only: a class on the row.
        public var cssClass: String?
    }

    public var columns: [Column]
    public var rows: [Row] = []
    /// HTML only: the table's class.
    public var cssClass = "data"
    /// The first column names its row (HTML writes it as a row header).
    public var rowHeaders = false

    public init(_ columns: [Column]) { self.columns = columns }

    /// Titles with one alignment each (missing ones are left-aligned).
    public init(_ titles: [String], align: [Align] = []) {
        columns = titles.enumerated().map { i, t in Column(t, i < align.count ? align[i] : .left) }
    }

    /// Plain text cells; columns of numbers align right, columns of words left.
    public init(header: [String], rows: [[String]]) {
        let numeric = Self.numericColumns(header, rows)
        self.init(header, align: numeric.map { $0 ? .right : .left })
        for r in rows { add(r) }
    }

    public var titles: [String] { columns.map(\.title) }

    public mutating func add(_ cells: [Cell], cssClass: String? = nil) {
        rows.append(Row(cells: cells, cssClass: cssClass))
    }

    public mutating func add(_ texts: [String]) { add(texts.map { Cell($0) }) }

    /// A column (after the first) is numeric when every non-empty cell
    /// starts with a digit, `$` or `-`, or says there is no figure.
    static func numericColumns(_ header: [String], _ rows: [[String]]) -> [Bool] {
        header.indices.map { i in
            i > 0
                && rows.allSatisfy { row in
                    guard i < row.count, let c = row[i].first else { return true }
                    return c.isNumber || c == "$" || c == "-" || row[i] == "no data" || row[i] == "dropped"
                }
        }
    }
}

extension Table {
    /// Titles with the columns at `numeric` aligned right, and an HTML class.
    public init(_ titles: [String], numeric: Set<Int>, cssClass: String = "data") {
        self.init(titles, align: titles.indices.map { numeric.contains($0) ? .right : .left })
        self.cssClass = cssClass
    }
}
