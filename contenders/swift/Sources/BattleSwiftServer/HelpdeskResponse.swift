import Hummingbird

/// The helpdesk's responses: JSON bodies already written in the contract's
/// key order (`HelpdeskJSON`), as `application/json`.
enum HelpdeskResponse {
    static func json(_ body: String, status: HTTPResponse.Status, location: String? = nil) -> Response {
        let buffer = ByteBuffer(string: body)
        var headers = HTTPFields()
        headers.reserveCapacity(5)
        headers[.contentType] = "application/json"
        headers[.contentLength] = String(buffer.readableBytes)
        if let location { headers[.location] = location }
        return Response(status: status, headers: headers, body: .init(byteBuffer: buffer))
    }

    static func error(_ message: String, status: HTTPResponse.Status) -> Response {
        json(HelpdeskJSON.error(message), status: status)
    }

    /// 401 with the challenge RFC 6750 asks for.
    static func unauthorized() -> Response {
        var response = error("unauthorized", status: .unauthorized)
        response.headers[.wwwAuthenticate] = "Bearer"
        return response
    }
}
