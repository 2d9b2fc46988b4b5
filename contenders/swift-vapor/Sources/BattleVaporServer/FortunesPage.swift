/// The `/fortunes` page's data for `Resources/Views/fortunes.leaf`; Leaf's
/// `#(...)` escapes `& < > " '` as HTML.
struct FortunesPage: Encodable, Sendable {
    static let addedAtRequestTime = "Additional fortune added at request time."

    struct Row: Encodable, Sendable, Equatable {
        var id: Int32
        var message: String
    }

    var fortunes: [Row]

    /// Adds the request-time row and sorts by message byte-wise on UTF-8
    /// (Swift's `<` on strings compares by Unicode canonical ordering, not
    /// code points, so the bytes are compared instead).
    init(fromDatabase rows: [Fortune]) {
        var all = rows.map { Row(id: $0.id, message: $0.message) }
        all.append(Row(id: 0, message: Self.addedAtRequestTime))
        all.sort { $0.message.utf8.lexicographicallyPrecedes($1.message.utf8) }
        fortunes = all
    }
}
