import BattleCore

/// A `Content-Type` value split into its media type and parameters, lower-cased
/// (parameter values unquoted), for the `content_type` check.
struct MediaType: Equatable {
    var type: String
    var parameters: [String: String]

    static func parse(_ value: String) -> MediaType? {
        let parts = value.split(separator: ";", omittingEmptySubsequences: false).map { $0.trimmingWhitespace() }
        let type = parts[0].lowercased()
        let halves = type.split(separator: "/", omittingEmptySubsequences: false)
        guard halves.count == 2, halves.allSatisfy({ !$0.isEmpty && SuiteParser.isToken(String($0)) }) else {
            return nil
        }
        var parameters: [String: String] = [:]
        for p in parts.dropFirst() where !p.isEmpty {
            let kv = p.split(separator: "=", maxSplits: 1).map { $0.trimmingWhitespace() }
            guard kv.count == 2 else { return nil }
            parameters[kv[0].lowercased()] = kv[1].filter { $0 != "\"" }.lowercased()
        }
        return MediaType(type: type, parameters: parameters)
    }

    /// Whether `actual` satisfies `self` as an expectation: the same type; the
    /// same parameters when some are expected; otherwise none but `charset=utf-8`.
    func accepts(_ actual: MediaType) -> Bool {
        guard actual.type == type else { return false }
        if !parameters.isEmpty { return actual.parameters == parameters }
        let charset = actual.parameters["charset"]
        return actual.parameters.keys.allSatisfy { $0 == "charset" } && (charset == nil || charset == "utf-8")
    }
}
