/// One endpoint to load: where, how, how often relative to the others.
public struct LoadTarget: Sendable, Equatable {
    public struct Header: Sendable, Equatable {
        public var name: String
        public var value: String
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// Shown in the per-endpoint breakdown; default `METHOD PATH`.
    public var name: String
    public var url: TargetURL
    public var method: String
    public var headers: [Header]
    /// Request bodies used in rotation; empty for a request without a body.
    public var bodies: [[UInt8]]
    /// Relative share of requests (smooth weighted round robin); at least 1.
    public var weight: Int

    public init(
        name: String? = nil, url: TargetURL, method: String = "GET", headers: [Header] = [], bodies: [[UInt8]] = [],
        weight: Int = 1
    ) {
        self.name = name ?? "\(method) \(url.pathAndQuery)"
        self.url = url
        self.method = method
        self.headers = headers
        self.bodies = bodies
        self.weight = weight
    }

    /// Responses to HEAD carry no body whatever their Content-Length says.
    public var isHead: Bool { method == "HEAD" }

    public struct HeaderFailure: Error, CustomStringConvertible, Equatable {
        public let input: String
        public let reason: String
        public var description: String { "header '\(input)' \(reason)" }
    }

    /// Parses `Name: value` as given to `-H`.
    public static func parseHeader(_ text: String) throws(HeaderFailure) -> Header {
        guard let colon = text.firstIndex(of: ":") else {
            throw HeaderFailure(input: text, reason: "has no colon; write it as 'Name: value'")
        }
        let name = text[..<colon].trimmingCharacters(in: " \t")
        let value = text[text.index(after: colon)...].trimmingCharacters(in: " \t")
        try validate(name: name, input: text)
        return Header(name: name, value: value)
    }

    /// Header names are tokens; battle owns the framing headers.
    static func validate(name: String, input: String) throws(HeaderFailure) {
        guard !name.isEmpty else { throw HeaderFailure(input: input, reason: "has an empty name; write it as 'Name: value'") }
        let separators = Set("()<>@,;:\\\"/[]?={} \t")
        guard name.allSatisfy({ $0.isASCII && !separators.contains($0) && !$0.isNewline }) else {
            throw HeaderFailure(input: input, reason: "has a name with spaces or separators; header names are single words like X-Request-Id")
        }
        switch name.lowercased() {
        case "content-length":
            throw HeaderFailure(input: input, reason: "is set by battle from the body; remove it")
        case "transfer-encoding":
            throw HeaderFailure(input: input, reason: "is not supported; battle sends bodies with Content-Length")
        default: break
        }
    }
}

extension StringProtocol {
    func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let c = s.first, set.contains(c) { s.removeFirst() }
        while let c = s.last, set.contains(c) { s.removeLast() }
        return String(s)
    }
}
