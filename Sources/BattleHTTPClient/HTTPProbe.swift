/// One HTTP/1.1 GET on a fresh connection, for readiness and liveness checks
/// (not for load: that is `battle load`). Blocking, with a hard timeout; the
/// response is read whole and parsed under `HTTPResponseRules`, as the
/// verifier's are.
public enum HTTPProbe {
    public enum Outcome: Sendable, Equatable {
        case status(Int)
        /// Nothing listening (connection refused).
        case refused
        /// Connected (or tried to) but no complete response within the timeout.
        case timedOut
        case failed(String)
    }

    public static func get(host: String = "127.0.0.1", port: Int, path: String, timeout: Double) -> Outcome {
        do {
            let connection = try BlockingHTTPConnection(host: host, port: port, timeout: timeout)
            var request = ClientRequest.get(path)
            request.close = true
            request.userAgent = "battle"
            try connection.send([request])
            return .status(try connection.readResponse().status)
        } catch {
            return outcome(error)
        }
    }

    static func outcome(_ error: BlockingHTTPConnection.Failure) -> Outcome {
        switch error {
        case .refused: .refused
        case .timeout, .connectTimeout: .timedOut
        case .closed: .failed("the connection closed without a response")
        default: .failed(error.description)
        }
    }
}
