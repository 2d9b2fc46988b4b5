import BattleCore
import BattleSuite
import Foundation
import Testing

/// The shipped example suite, suite/helpdesk (issue 22, item 4): it parses,
/// it has the tests the contract names with the plan each needs, and its
/// tokens are what README.md says: HS256 signed with the published test
/// secret, or made to be refused.
@Suite struct HelpdeskSuiteTests {
    static let folder = SuiteFixtures.repo + "/suite/helpdesk"
    static let secret = Array("helpdesk-example-secret-do-not-use-in-production".utf8)

    static func files() throws -> SuiteFiles { try SuiteFixtures.files(in: folder, named: "suite/helpdesk") }

    static func lines(_ path: String) throws -> [String] {
        try String(contentsOfFile: folder + "/" + path, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    @Test func parsesWithTheContractsTests() throws {
        let s = try SuiteParser.parse(try Self.files())
        #expect(s.name == "helpdesk")
        #expect(s.seed.map(\.path) == ["sql/schema.sql", "sql/data.sql"])
        #expect(
            s.tests.map(\.name) == [
                "list", "read", "create", "mix", "unauthorized", "forbidden", "invalid", "bad-query",
            ])
        let loaded = s.tests.filter { !$0.plan.isVerifyOnly }.map(\.name)
        #expect(loaded == ["list", "read", "create", "mix"])
        for t in s.tests where t.plan.isVerifyOnly {
            #expect(t.plan == .verifyOnly, "\(t.name)")
        }
        let mix = try #require(s.tests.first { $0.name == "mix" })
        #expect(mix.requests.map(\.name) == ["list", "read", "create"])
        #expect(mix.requests.map(\.weight) == [6, 3, 1])
        #expect(mix.plan.equalRate && mix.plan.capacity)
        // Every /api request but the one testing a missing header sends a token.
        for t in s.tests {
            for r in t.requests where !(t.name == "unauthorized" && r.name == "no-token") {
                #expect(r.headers.contains { $0.name == "Authorization" }, "\(t.name)/\(r.name)")
            }
        }
    }

    @Test func createCountsItsTicketAndItsEvent() throws {
        let s = try SuiteParser.parse(try Self.files())
        let create = try #require(s.tests.first { $0.name == "create" })
        let effects = create.databaseChecks.compactMap { check -> EffectCheck? in
            if case .effect(let e) = check { return e }
            return nil
        }
        #expect(effects.map(\.change) == [.perRequest(1), .perRequest(1), .perRequest(1)])
        #expect(effects[0].query.contains("hd_ticket") && effects[1].query.contains("hd_event"))
        for name in ["forbidden", "invalid"] {
            let t = try #require(s.tests.first { $0.name == name })
            #expect(t.databaseChecks.count == 2, "\(name)")
            for case .effect(let e) in t.databaseChecks { #expect(e.change == .unchanged, "\(name)") }
        }
    }

    // MARK: the tokens

    static func base64url(_ s: Substring) -> [UInt8]? {
        var t = s.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        t += String(repeating: "=", count: (4 - t.count % 4) % 4)
        return Data(base64Encoded: t).map { [UInt8]($0) }
    }

    static func hmacSHA256(key: [UInt8], _ message: [UInt8]) -> [UInt8] {
        var k = key.count > 64 ? SHA256.digest(key) : key
        k += [UInt8](repeating: 0, count: 64 - k.count)
        return SHA256.digest(k.map { $0 ^ 0x5c } + SHA256.digest(k.map { $0 ^ 0x36 } + message))
    }

    /// The header and claims of an HS256 token whose signature matches the secret, else nil.
    static func verified(_ token: String) throws -> (header: JSONValue, claims: JSONValue)? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let h = base64url(parts[0]), let c = base64url(parts[1]),
            let sig = base64url(parts[2])
        else { return nil }
        let header = try JSONParser.parse(h)
        guard header["alg"] == .string("HS256") else { return nil }
        guard sig == hmacSHA256(key: secret, Array("\(parts[0]).\(parts[1])".utf8)) else { return nil }
        return (header, try JSONParser.parse(c))
    }

    @Test func goodTokensAreSignedWithThePublishedSecret() throws {
        for (file, scope) in [
            ("values/tokens-write.txt", "tickets:read tickets:write"), ("values/tokens-read-only.txt", "tickets:read"),
        ] {
            let tokens = try Self.lines(file)
            #expect(tokens.count >= 2, "\(file)")
            var subs = Set<String>()
            for token in tokens {
                let (_, claims) = try #require(try Self.verified(token), "\(file): \(token)")
                #expect(claims["scope"] == .string(scope))
                #expect(claims["exp"] == .integer(4_102_444_800))
                if case .string(let sub)? = claims["sub"] { subs.insert(sub) }
            }
            #expect(subs.count == tokens.count, "\(file): one sub per token")
        }
        #expect(
            try Self.lines("values/tokens-read.txt")
                == (try Self.lines("values/tokens-write.txt")) + (try Self.lines("values/tokens-read-only.txt")))
    }

    @Test func refusedTokensFailTheSignatureOrTheClaims() throws {
        for file in ["values/tokens-bad-signature.txt", "values/tokens-wrong-alg.txt"] {
            for token in try Self.lines(file) {
                #expect(try Self.verified(token) == nil, "\(file): \(token)")
            }
        }
        for token in try Self.lines("values/tokens-expired.txt") {
            let (_, claims) = try #require(try Self.verified(token))
            guard case .number(let exp)? = claims["exp"], let seconds = Int(exp) else {
                Issue.record("no exp: \(token)")
                continue
            }
            #expect(seconds < 1_700_000_000)
        }
        for token in try Self.lines("values/tokens-bad-claims.txt") {
            guard let (_, claims) = try? Self.verified(token) else { continue }  // not a JWT at all
            let sub = claims["sub"]
            let exp = claims["exp"]
            let goodSub: Bool
            if case .string(let s)? = sub { goodSub = !s.isEmpty } else { goodSub = false }
            let goodExp: Bool
            if case .number(let n)? = exp, Int(n) != nil { goodExp = true } else { goodExp = false }
            #expect(!(goodSub && goodExp), "a valid token in tokens-bad-claims.txt: \(token)")
        }
    }
}
