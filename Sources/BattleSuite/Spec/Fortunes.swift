import BattleCore

/// The fortunes test's data and page (docs/SUITE.md §2 "fortunes", suite/schema.sql).
public enum Fortunes {
    /// The 12 rows of `fortune`, as suite/schema.sql seeds them.
    public static let rows: [(id: Int, message: String)] = [
        (1, "fortune: No such file or directory"),
        (2, "A computer scientist is someone who fixes things that aren't broken."),
        (3, "After enough decimal places, nobody gives a damn."),
        (4, "A bad random number generator: 1, 1, 1, 1, 1, 4.33e+67, 1, 1, 1"),
        (5, "A computer program does what you tell it to do, not what you want it to do."),
        (6, "Emacs is a nice operating system, but I prefer UNIX. — Tom Christaensen"),
        (7, "Any program that runs right is obsolete."),
        (8, "A list is only as strong as its weakest link. — Donald Knuth"),
        (9, "Feature: A bug with seniority."),
        (10, "Computers make very fast, very accurate mistakes."),
        (11, "<script>alert(\"This should not be displayed in a browser alert box.\");</script>"),
        (12, "フレームワークのベンチマーク"),
    ]

    public static let addedRow = (id: 0, message: "Additional fortune added at request time.")

    /// Every row of the page, sorted by message byte-wise (UTF-8 order).
    public static var sortedRows: [(id: Int, message: String)] {
        (rows + [addedRow]).sorted { $0.message.utf8.lexicographicallyPrecedes($1.message.utf8) }
    }

    /// The expected page, escaped the way most template engines escape.
    public static var expectedPage: String {
        var page =
            "<!DOCTYPE html><html><head><title>Fortunes</title></head><body><table><tr><th>id</th><th>message</th></tr>"
        for row in sortedRows {
            page += "<tr><td>\(row.id)</td><td>\(escape(row.message))</td></tr>"
        }
        return page + "</table></body></html>"
    }

    /// HTML-escapes `&`, `<`, `>`, `"` and `'`.
    public static func escape(_ text: String) -> String { HTMLEscape.escape(text) }
}
