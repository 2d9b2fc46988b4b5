/// An `http://host:port/path?query` URL, the only kind `battle load` speaks.
public struct TargetURL: Sendable, Equatable, CustomStringConvertible {
    /// Host as written, without brackets for IPv6 (`::1`).
    public var host: String
    public var port: Int
    /// Path and query, always starting with `/`.
    public var pathAndQuery: String

    public init(host: String, port: Int, pathAndQuery: String) {
        self.host = host
        self.port = port
        self.pathAndQuery = pathAndQuery
    }

    /// `host:port` as a `Host` header wants it (`[::1]:8080` for IPv6).
    public var authority: String {
        (host.contains(":") ? "[\(host)]" : host) + ":\(port)"
    }

    public var description: String { "http://\(authority)\(pathAndQuery)" }

    public struct Failure: Error, CustomStringConvertible, Equatable {
        public let input: String
        public let reason: String
        public var description: String { "'\(input)' is not a usable URL: \(reason)" }
    }

    /// Parses `text`; errors say what is wrong and how to write it.
    public static func parse(_ text: String) throws(Failure) -> TargetURL {
        func fail(_ reason: String) -> Failure { Failure(input: text, reason: reason) }
        var rest = Substring(text)
        if let schemeEnd = rest.range(of: "://") {
            let scheme = rest[..<schemeEnd.lowerBound].lowercased()
            if scheme == "https" {
                throw fail("https is not supported; battle load speaks plain HTTP/1.1 (use http:// against the server's plain port)")
            }
            guard scheme == "http" else { throw fail("scheme '\(scheme)' is not supported; use http://") }
            rest = rest[schemeEnd.upperBound...]
        } else {
            throw fail("it has no scheme; write it as http://\(text)")
        }
        if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
        let pathStart = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
        var authority = rest[..<pathStart]
        var path = String(rest[pathStart...])
        if path.isEmpty { path = "/" } else if path.first == "?" { path = "/" + path }
        if authority.contains("@") { throw fail("user:password@ is not supported; send credentials with -H 'Authorization: ...'") }
        guard !authority.isEmpty else { throw fail("it has no host; write http://127.0.0.1:8080/") }

        var host: String
        var port = 80
        if authority.first == "[" {
            guard let close = authority.firstIndex(of: "]") else { throw fail("an IPv6 host needs a closing ']', as in http://[::1]:8080/") }
            host = String(authority[authority.index(after: authority.startIndex)..<close])
            authority = authority[authority.index(after: close)...]
            if !authority.isEmpty {
                guard authority.first == ":" else { throw fail("expected ':PORT' after the IPv6 host") }
                port = try parsePort(authority.dropFirst(), fail)
            }
        } else if let colon = authority.lastIndex(of: ":") {
            host = String(authority[..<colon])
            port = try parsePort(authority[authority.index(after: colon)...], fail)
        } else {
            host = String(authority)
        }
        guard !host.isEmpty else { throw fail("it has no host; write http://127.0.0.1:8080/") }
        if path.contains(" ") { throw fail("the path contains a space; encode it as %20") }
        return TargetURL(host: host, port: port, pathAndQuery: path)
    }

    private static func parsePort(_ s: Substring, _ fail: (String) -> Failure) throws(Failure) -> Int {
        guard let p = Int(s), (1...65535).contains(p) else { throw fail("port '\(s)' must be a number from 1 to 65535") }
        return p
    }
}
