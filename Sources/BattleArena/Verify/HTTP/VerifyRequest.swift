/// A request the verifier sends, and its bytes on the wire.
public struct VerifyRequest: Sendable, Equatable {
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

    public static func get(_ target: String) -> VerifyRequest { VerifyRequest(target: target) }

    public static func postJSON(_ target: String, _ body: [UInt8]) -> VerifyRequest {
        VerifyRequest(method: "POST", target: target, contentType: "application/json", body: body)
    }

    /// HTTP/1.1 with `Host`, keep-alive (the default), no `Accept-Encoding`.
    public func bytes(host: String) -> [UInt8] {
        var head = "\(method) \(target) HTTP/1.1\r\nHost: \(host)\r\nUser-Agent: battle-verify\r\nAccept: */*\r\n"
        if let contentType { head += "Content-Type: \(contentType)\r\n" }
        if method != "GET" || !body.isEmpty { head += "Content-Length: \(body.count)\r\n" }
        head += "\r\n"
        return Array(head.utf8) + body
    }
}
