import Foundation
import Hummingbird

/// The request context of every route. Only its response encoder differs
/// from `BasicRequestContext`: JSON goes out as `application/json`, the
/// suite's content type, rather than Hummingbird's `...; charset=utf-8`.
struct BattleRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }

    var responseEncoder: JSONResponseEncoder { JSONResponseEncoder() }
}

struct JSONResponseEncoder: ResponseEncoder {
    /// One encoder for every response: its settings never change, and
    /// `encode` keeps no state between calls, so it is safe to share.
    private static let encoder = JSONEncoder()

    func encode(_ value: some Encodable, from request: Request, context: some RequestContext) throws -> Response {
        try Self.response(value, status: .ok)
    }

    static func response(_ value: some Encodable, status: HTTPResponse.Status) throws -> Response {
        let data = try encoder.encode(value)
        var headers = HTTPFields()
        headers.reserveCapacity(4)
        headers[.contentType] = "application/json"
        headers[.contentLength] = String(data.count)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
