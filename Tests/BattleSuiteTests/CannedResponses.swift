import BattleCore
import BattleSuite

/// Responses as a correct server and as stripped servers send them.
enum Canned {
    static let now = HTTPDate.parse("Sun, 29 Nov 2026 10:00:00 GMT")!

    static func headers(
        _ contentType: String?, length: Int, date: String = HTTPDate.format(now), server: String? = "test"
    )
        -> [(String, String)]
    {
        var h: [(String, String)] = []
        if let server { h.append(("Server", server)) }
        h.append(("Date", date))
        if let contentType { h.append(("Content-Type", contentType)) }
        h.append(("Content-Length", String(length)))
        return h
    }

    static func response(
        _ body: String, type: String? = "application/json", status: Int = 200, date: String = HTTPDate.format(now),
        server: String? = "test"
    ) -> HTTPResponseRecord {
        HTTPResponseRecord(
            status: status, headers: headers(type, length: body.utf8.count, date: date, server: server), body: body)
    }

    static let plaintext = response("Hello, World!", type: "text/plain")
    static let json = response(#"{"message":"Hello, World!"}"#)
}
