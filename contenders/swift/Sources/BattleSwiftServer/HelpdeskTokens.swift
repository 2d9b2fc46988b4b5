import Foundation
import JWTKit

/// The claims a helpdesk token must carry. jwt-kit decodes them (`exp` as
/// seconds since the epoch) once the HS256 signature matches, then calls
/// `verify(using:)`.
struct HelpdeskClaims: JWTPayload, Equatable {
    var sub: SubjectClaim
    var exp: ExpirationClaim
    /// Space-separated scopes; absent means none.
    var scope: String?

    func verify(using algorithm: some JWTAlgorithm) async throws {
        try exp.verifyNotExpired()
        guard !sub.value.isEmpty else {
            throw JWTError.claimVerificationFailure(failedClaim: sub, reason: "is empty")
        }
    }

    func grants(_ needed: String) -> Bool {
        scope?.split(separator: " ").contains { $0 == needed } ?? false
    }
}

/// Verifies helpdesk tokens: HS256 with the secret of `HELPDESK_JWT_SECRET`,
/// every request, no cache.
struct HelpdeskTokens: Sendable {
    static let secretVariable = "HELPDESK_JWT_SECRET"

    private let keys: JWTKeyCollection

    /// `nil` when the variable is unset or empty: the routes then answer 500.
    init?(environment: [String: String]) async {
        guard let secret = environment[Self.secretVariable], !secret.isEmpty else { return nil }
        keys = JWTKeyCollection()
        await keys.add(hmac: HMACKey(from: secret), digestAlgorithm: .sha256)
    }

    /// The verified claims; throws for any token that is not valid.
    ///
    /// jwt-kit verifies a token with the key it finds (the one key here) and
    /// never compares the header's `alg` with that key's algorithm, so a
    /// token whose header says `HS512` or `none` but carries an HS256
    /// signature would pass. The contract refuses every `alg` but `HS256`,
    /// so the header is checked first.
    func verify(_ token: String) async throws -> HelpdeskClaims {
        guard Self.headerAlgorithm(of: token) == "HS256" else {
            throw JWTError.generic(identifier: "alg", reason: "the header's alg is not HS256")
        }
        return try await keys.verify(token, as: HelpdeskClaims.self)
    }

    private struct Header: Decodable {
        var alg: String?
    }

    /// The `alg` of a compact JWT's JOSE header, or `nil` when the first
    /// part is not base64url-encoded JSON with a string `alg`.
    static func headerAlgorithm(of token: String) -> String? {
        guard let header = token.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false).first,
            let json = base64URLDecode(header)
        else { return nil }
        return (try? JSONDecoder().decode(Header.self, from: json))?.alg
    }

    /// Base64url without padding (RFC 7515 §2), as JWTs carry it.
    static func base64URLDecode(_ text: Substring) -> Data? {
        guard !text.contains("="), !text.contains("+"), !text.contains("/") else { return nil }
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        let remainder = base64.utf8.count % 4
        if remainder == 1 { return nil }
        if remainder > 0 { base64 += String(repeating: "=", count: 4 - remainder) }
        return Data(base64Encoded: base64)
    }
}
