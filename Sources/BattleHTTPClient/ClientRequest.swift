/// A request battle's checking client sends, and its bytes on the wire.
public struct ClientRequest: Sendable, Equatable {
    public var method: String
    /// The request target: path and query, percent-encoded.
    public var target: String
    public var contentType: String?
    public var body: [UInt8]

    public init(method: String = "GET", target: String, contentType: String? = nil, body: [UInt8] = []) {
        self.method = method
        self.target = target
        self.contentType = contentType
        self.body = body
    }

    public static func get(_ target: String) -> ClientRequest { ClientRequest(target: target) }

    public static func postJSON(_ target: String, _ body: [UInt8]) -> ClientRequest {
        ClientRequest(method: "POST", target: target, contentType: "application/json", body: body)
    }

    /// A header field a request adds (a data suite's request headers).
    public struct HeaderField: Sendable, Equatable {
        public var name: String
        public var value: String

        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// Headers sent after the fixed ones; one named `Accept`, `User-Agent` or
    /// `Content-Type` replaces battle's own.
    public var headers: [HeaderField] = []

    /// Ask the server to close the connection after answering.
    public var close = false
    public var userAgent = "battle-verify"

    /// HTTP/1.1 with `Host`, keep-alive (the default) unless `close`, no `Accept-Encoding`.
    public func bytes(host: String) -> [UInt8] {
        let own = Set(headers.map { $0.name.lowercased() })
        var head = "\(method) \(target) HTTP/1.1\r\nHost: \(host)\r\n"
        if !own.contains("user-agent") { head += "User-Agent: \(userAgent)\r\n" }
        if !own.contains("accept") { head += "Accept: */*\r\n" }
        if close { head += "Connection: close\r\n" }
        if let contentType, !own.contains("content-type") { head += "Content-Type: \(contentType)\r\n" }
        for h in headers { head += "\(h.name): \(h.value)\r\n" }
        if method != "GET" || !body.isEmpty { head += "Content-Length: \(body.count)\r\n" }
        head += "\r\n"
        return Array(head.utf8) + body
    }
}
