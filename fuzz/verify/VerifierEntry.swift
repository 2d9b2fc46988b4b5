// The one place the verifier's fuzz target touches the verifier's parser
// (Sources/BattleArena/Verify/HTTP/VerifierResponseParser.swift). The verifier's HTTP
// layer is being moved onto NIOHTTP1 (issue 12): after that merge, this
// function is the only one to retarget, and the cross-parser agreement
// invariant (the load engine's and the verifier's parsers agree on every
// input either accepts) can be added once both follow the same rules.

struct VerifiedResponse: Equatable {
    var status: Int
    var headers: [String]
    var body: [UInt8]
    var consumed: Int
}

struct VerifierParseFailure: Error, Equatable {
    var reason: String
}

/// One response at the start of `bytes`, nil when more bytes are needed.
func verifierParse(
    _ bytes: ArraySlice<UInt8>, eof: Bool, headRequest: Bool
) throws(VerifierParseFailure) -> VerifiedResponse? {
    do {
        guard let (r, consumed) = try VerifierResponseParser.parse(bytes, eof: eof, headRequest: headRequest) else {
            return nil
        }
        return VerifiedResponse(
            status: r.status, headers: r.headers.map { "\($0.name): \($0.value)" }, body: r.body, consumed: consumed)
    } catch {
        throw VerifierParseFailure(reason: error.reason)
    }
}

/// The verifier's header limit, for the invariant that it holds.
let verifierMaxHeaderBytes = VerifierResponseParser.maxHeaderBytes
