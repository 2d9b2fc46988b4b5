import Mustache

/// The `/fortunes` page: a Mustache template, whose `{{message}}` escapes
/// `& < > " '` as HTML. Parsed once at start; rendered for every request.
struct FortunesPage: Sendable {
    static let source = """
        <!DOCTYPE html><html><head><title>Fortunes</title></head><body><table>\
        <tr><th>id</th><th>message</th></tr>\
        {{#fortunes}}<tr><td>{{id}}</td><td>{{message}}</td></tr>{{/fortunes}}\
        </table></body></html>
        """
    static let addedAtRequestTime = "Additional fortune added at request time."

    private let template: MustacheTemplate

    init() throws {
        template = try MustacheTemplate(string: Self.source)
    }

    /// Adds the request-time row, sorts by message byte-wise on UTF-8 (Swift's
    /// `String <` compares Unicode canonical equivalence instead), and renders.
    func render(fromDatabase rows: [Fortune]) -> String {
        var fortunes = rows
        fortunes.append(Fortune(id: 0, message: Self.addedAtRequestTime))
        fortunes.sort { $0.message.utf8.lexicographicallyPrecedes($1.message.utf8) }
        return template.render(["fortunes": fortunes])
    }
}

/// The template reads `{{id}}` and `{{message}}` through `MustacheParent`, a
/// lookup by name, rather than through `Mirror` reflection, swift-mustache's
/// fallback for other types, which costs more than the rest of the page.
extension Fortune: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": id
        case "message": message
        default: nil
        }
    }
}
