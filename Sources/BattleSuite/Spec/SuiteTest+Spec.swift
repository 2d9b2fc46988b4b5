import BattleCore

/// What a response's `Content-Type` must be for a test.
public struct ContentTypeRule: Sendable {
    /// The media type, lower case (`text/plain`).
    public var mediaType: String
    /// Whether `; charset=utf-8` is required (true), allowed (false), and nothing else is.
    public var charsetRequired: Bool

    /// Whether `value` satisfies the rule: the media type (case-insensitive),
    /// then at most a `charset=utf-8` parameter (case-insensitive, quotes allowed).
    public func accepts(_ value: String) -> Bool {
        let parts = value.split(separator: ";", omittingEmptySubsequences: false).map {
            $0.trimmingWhitespace().lowercased()
        }
        guard parts.first == mediaType else { return false }
        let params = parts.dropFirst().filter { !$0.isEmpty }
        guard params.count <= 1 else { return false }
        guard let p = params.first else { return !charsetRequired }
        let kv = p.split(separator: "=", maxSplits: 1).map { $0.trimmingWhitespace() }
        guard kv.count == 2, kv[0] == "charset" else { return false }
        let charset = kv[1].replacingOccurrences(of: "\"", with: "")
        return charset == "utf-8" || charset == "utf8"
    }

    public var description: String { charsetRequired ? "\(mediaType); charset=utf-8" : mediaType }
}

extension SuiteTest {
    public var method: String { self == .orders ? "POST" : "GET" }

    public var contentType: ContentTypeRule {
        switch self {
        case .plaintext: ContentTypeRule(mediaType: "text/plain", charsetRequired: false)
        case .fortunes: ContentTypeRule(mediaType: "text/html", charsetRequired: true)
        default: ContentTypeRule(mediaType: "application/json", charsetRequired: false)
        }
    }

    /// The request target a plain request for this test uses.
    public var defaultTarget: String {
        switch self {
        case .queries, .updates: path + "?queries=20"
        default: path
        }
    }
}

extension String {
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
