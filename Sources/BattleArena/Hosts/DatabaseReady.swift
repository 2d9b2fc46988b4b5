/// What `battle hosts postgres` prints once its PostgreSQL is up: where
/// (its port; the host is the database host's address) and which version.
public struct DatabaseReady: Codable, Sendable, Equatable {
    public var port: Int
    public var version: String?

    public init(port: Int, version: String?) {
        self.port = port
        self.version = version
    }
}
