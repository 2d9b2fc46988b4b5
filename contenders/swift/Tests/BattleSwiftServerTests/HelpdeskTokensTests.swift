import Foundation
import JWTKit
import Testing

@testable import BattleSwiftServer

@Suite("helpdesk: token verification")
struct HelpdeskTokensTests {
    static let secret = "helpdesk-example-secret-do-not-use-in-production"

    struct Claims: JWTPayload {
        var sub: String?
        var scope: String?
        var exp: Double?
        func verify(using algorithm: some JWTAlgorithm) async throws {}
    }

    static func sign(
        _ claims: Claims, alg: String? = nil, secret: String = secret, digest: DigestAlgorithm = .sha256
    ) async throws -> String {
        let keys = JWTKeyCollection()
        await keys.add(hmac: HMACKey(from: secret), digestAlgorithm: digest)
        var header = JWTHeader()
        header.alg = alg
        return try await keys.sign(claims, header: header)
    }

    static let future = Date().timeIntervalSince1970 + 3600

    static func tokens() async throws -> HelpdeskTokens {
        try #require(await HelpdeskTokens(environment: ["HELPDESK_JWT_SECRET": secret]))
    }

    @Test func noSecretMeansNoVerifier() async {
        #expect(await HelpdeskTokens(environment: [:]) == nil)
        #expect(await HelpdeskTokens(environment: ["HELPDESK_JWT_SECRET": ""]) == nil)
    }

    @Test func acceptsAValidTokenAndReadsItsScopes() async throws {
        let token = try await Self.sign(Claims(sub: "alice", scope: "tickets:read tickets:write", exp: Self.future))
        let claims = try await Self.tokens().verify(token)
        #expect(claims.sub.value == "alice")
        #expect(claims.grants("tickets:read"))
        #expect(claims.grants("tickets:write"))
        #expect(!claims.grants("tickets"))

        let readOnly = try await Self.tokens().verify(
            try await Self.sign(Claims(sub: "erin", scope: "tickets:read", exp: Self.future)))
        #expect(readOnly.grants("tickets:read"))
        #expect(!readOnly.grants("tickets:write"))
        let noScope = try await Self.tokens().verify(try await Self.sign(Claims(sub: "x", exp: Self.future)))
        #expect(!noScope.grants("tickets:read"))
    }

    @Test func refusesEveryInvalidToken() async throws {
        let tokens = try await Self.tokens()
        let good = Claims(sub: "alice", scope: "tickets:read", exp: Self.future)
        let valid = try await Self.sign(good)
        let parts = valid.split(separator: ".")
        let refused: [(String, String)] = [
            ("another secret", try await Self.sign(good, secret: Self.secret + "!")),
            // jwt-kit alone would accept these two: an HS256 signature under another alg's name.
            ("HS512 header, HS256 signature", try await Self.sign(good, alg: "HS512")),
            ("none header, HS256 signature", try await Self.sign(good, alg: "none")),
            ("HS384", try await Self.sign(good, digest: .sha384)),
            ("alg none, no signature", "\(parts[0].replacingOccurrences(of: "HS256", with: "none")).\(parts[1])."),
            ("unsigned none", "eyJhbGciOiJub25lIn0.\(parts[1])."),
            ("expired", try await Self.sign(Claims(sub: "alice", scope: "tickets:read", exp: 946_684_800))),
            ("no exp", try await Self.sign(Claims(sub: "alice", scope: "tickets:read"))),
            ("no sub", try await Self.sign(Claims(scope: "tickets:read", exp: Self.future))),
            ("empty sub", try await Self.sign(Claims(sub: "", scope: "tickets:read", exp: Self.future))),
            ("two parts", "\(parts[0]).\(parts[1])"),
            ("four parts", valid + ".x"),
            ("not a JWT", "not-a-jwt"),
            ("empty", ""),
        ]
        for (what, token) in refused {
            await #expect(throws: (any Error).self, "\(what)") {
                try await tokens.verify(token)
            }
        }
    }

    @Test func readsTheHeaderAlgorithm() {
        #expect(HelpdeskTokens.headerAlgorithm(of: "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.e30.x") == "HS256")
        #expect(HelpdeskTokens.headerAlgorithm(of: "eyJhbGciOiJub25lIn0.e30.") == "none")
        #expect(HelpdeskTokens.headerAlgorithm(of: "%%%.e30.x") == nil)
        #expect(HelpdeskTokens.headerAlgorithm(of: "e30.e30.x") == nil)
    }
}
