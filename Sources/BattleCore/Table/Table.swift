/// One table model for every table battle prints: the report's, the
/// verdict's, the verification's, `battle compare`'s and `battle load`'s
/// summary. Built once, rendered to terminal text (`Table+Text.swift`),
/// Markdown (`Table+Markdown.swift`) or HTML (`Table+HTML.swift`), each
/// format with one escaping rule. A cell says what it means (its `Role`), a
/// column where it is shown (`Formats`); each renderer decides how.
public struct Table: Sendable, Equatable {
    public enum Align: Sendable, Equatable { case left, right }

    /// What a cell (or a row) means. Each format shows a role its own way:
    /// `Table+Text` as a terminal colour, `Table+Markdown` as emphasis or a
    /// sign, `Table+HTML` as a class; the table's builder says only what
    /// the figure is.
    public enum Role: Sendable, Equatable, CaseIterable {
        case plain
        /// The figure the table is about (req/s in a summary).
        case key
        /// Spread and other secondary figures.
        case muted
        /// The best figure of its column, or (on a row) the best row.
        case best
        /// A good outcome that is not a ranking (an improvement, "best").
        case good
        case warning
        case bad
        /// A figure that is only a lower bound: shown with `≥ ` before it.
        case lowerBound

        /// The cell's text as every format shows it: `≥ ` before a lower bound.
        public func shown(_ text: String) -> String { self == .lowerBound ? "≥ " + text : text }
    }

    /// The formats a column is shown in. `detail`: Markdown and HTML, not the
    /// terminal, whose table must fit a screen.
    public struct Formats: OptionSet, Sendable, Equatable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }

        public static let text = Formats(rawValue: 1)
        public static let markdown = Formats(rawValue: 2)
        public static let html = Formats(rawValue: 4)
        public static let all: Formats = [.text, .markdown, .html]
        public static let detail: Formats = [.markdown, .html]
    }

    public struct Column: Sendable, Equatable {
        public var title: String
        public var align: Align
        public var formats: Formats

        public init(_ title: String, _ align: Align = .left, in formats: Formats = .all) {
            self.title = title
            self.align = align
            self.formats = formats
        }
    }

    public struct Cell: Sendable, Equatable, ExpressibleByStringLiteral {
        public var text: String
        public var role: Role
        /// HTML only: shown on hover, the exact figure behind a rounded one.
        public var tooltip: String?
        /// HTML only: already-escaped markup used instead of `text` (a
        /// contender's swatch and badges).
        public var markup: String?
        /// A list of notes: text and Markdown join them with `; `, HTML shows
        /// each as a badge of its role.
        public var notes: [Note]?

        public struct Note: Sendable, Equatable {
            public var text: String
            public var role: Role

            public init(_ text: String, _ role: Role = .warning) {
                self.text = text
                self.role = role
            }
        }

        public init(_ text: String, _ role: Role = .plain, tooltip: String? = nil) {
            self.text = text
            self.role = role
            self.tooltip = tooltip
        }

        public init(stringLiteral value: String) { self.init(value) }

        /// The text as every format shows it (`≥ ` before a lower bound).
        public var shown: String { role.shown(text) }

        public static func markup(_ html: String, text: String = "") -> Cell {
            var c = Cell(text)
            c.markup = html
            return c
        }

        /// A notes cell: a warning when it holds any note.
        public static func notes(_ notes: [Note]) -> Cell {
            var c = Cell(notes.map(\.text).joined(separator: "; "), notes.isEmpty ? .plain : .warning)
            c.notes = notes
            return c
        }
    }

    public struct Row: Sendable, Equatable {
        public var cells: [Cell]
        /// The row as a whole: `.best` marks the row's name (its first cell)
        /// in text and Markdown and classes the row in HTML.
        public var role: Role = .plain
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

    public mutating func add(_ cells: [Cell], role: Role = .plain, cssClass: String? = nil) {
        rows.append(Row(cells: cells, role: role, cssClass: cssClass))
    }

    /// The indices of the columns `format` shows.
    public func columnIndices(in format: Formats) -> [Int] {
        columns.indices.filter { columns[$0].formats.contains(format) }
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
