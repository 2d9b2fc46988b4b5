import BattleCore
import BattleHTTPClient

/// Sends the verifier's requests over one keep-alive connection, opening a
/// new one when the server closed the last, and remembers when it had to:
/// HTTP/1.1 keep-alive must work (docs/SUITE.md §1). Used from one thread.
final class VerifyClient {
    let host: String
    let port: Int
    let timeout: Double
    private var connection: BlockingHTTPConnection?
    /// Responses received in all.
    private(set) var responses = 0
    /// Times the server closed a connection after a response (or said `Connection: close`).
    private(set) var closes: [String] = []

    init(host: String, port: Int, timeout: Double) {
        self.host = host
        self.port = port
        self.timeout = timeout
    }

    private func open() throws(BlockingHTTPConnection.Failure) -> BlockingHTTPConnection {
        if let connection { return connection }
        let c = try BlockingHTTPConnection(host: host, port: port, timeout: timeout)
        connection = c
        return c
    }

    /// Sends one request and reads its response. When the server had closed
    /// the kept-alive connection, retries once on a new one.
    func send(_ request: ClientRequest) throws(BlockingHTTPConnection.Failure) -> HTTPResponseRecord {
        let reused = connection != nil && responses > 0
        do {
            return try exchange(request)
        } catch {
            guard reused, case .closed = error else { throw error }
            closes.append("the server closed the connection before \(request.method) \(request.target)")
            connection = nil
            return try exchange(request)
        }
    }

    private func exchange(_ request: ClientRequest) throws(BlockingHTTPConnection.Failure) -> HTTPResponseRecord {
        let c = try open()
        do {
            try c.send([request])
        } catch {
            connection = nil
            throw BlockingHTTPConnection.Failure.closed
        }
        do {
            let r = try c.readResponse()
            note(r, after: request)
            return r
        } catch {
            connection = nil
            throw error
        }
    }

    /// Sends `requests` in one write and reads as many responses, in order,
    /// on a fresh connection.
    func pipelined(_ requests: [ClientRequest]) throws(BlockingHTTPConnection.Failure) -> [HTTPResponseRecord] {
        let c = try BlockingHTTPConnection(host: host, port: port, timeout: timeout)
        try c.send(requests)
        var out: [HTTPResponseRecord] = []
        for _ in requests {
            do {
                out.append(try c.readResponse())
            } catch {
                if out.isEmpty { throw error }
                break
            }
        }
        return out
    }

    private func note(_ r: HTTPResponseRecord, after request: ClientRequest) {
        responses += 1
        let connectionTokens = r.values(of: "Connection").joined(separator: ",").lowercased()
        if connectionTokens.contains("close") {
            closes.append("Connection: close on \(request.method) \(request.target)")
            connection = nil
        }
    }

    func disconnect() { connection = nil }
}
