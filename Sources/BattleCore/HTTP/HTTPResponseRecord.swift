/// A response as a client received it: status, headers in order, body
/// bytes after de-chunking. The verifier's checks are pure functions over these.
public struct HTTPResponseRecord: Sendable, Equatable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(status: Int, headers: [(name: String, value: String)], body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public init(status: Int, headers: [(String, String)], body: String) {
        self.init(status: status, headers: headers.map { (name: $0.0, value: $0.1) }, body: Array(body.utf8))
    }

    public static func == (a: HTTPResponseRecord, b: HTTPResponseRecord) -> Bool {
        a.status == b.status && a.body == b.body && a.headers.count == b.headers.count
            && zip(a.headers, b.headers).allSatisfy { $0.name == $1.name && $0.value == $1.value }
    }

    /// The first value of a header, by case-insensitive name.
    public func header(_ name: String) -> String? { values(of: name).first }

    /// Every value of a header, by case-insensitive name.
    public func values(of name: String) -> [String] {
        let lower = name.lowercased()
        return headers.filter { $0.name.lowercased() == lower }.map(\.value)
    }

    public var bodyText: String { String(decoding: body, as: UTF8.self) }

    /// Whether the body is valid UTF-8.
    public var bodyIsUTF8: Bool { bodyText.utf8.elementsEqual(body) }

    /// The `Transfer-Encoding` ends in `chunked`.
    public var isChunked: Bool {
        values(of: "Transfer-Encoding").joined(separator: ",").lowercased()
            .split(separator: ",").last?.trimmingWhitespace() == "chunked"
    }
}
