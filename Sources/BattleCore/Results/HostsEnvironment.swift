/// Where a `battle run --hosts` put its roles, and the round trips between
/// the load agents' hosts and the server's host: results.json's
/// `environment.hosts`.
public struct HostsEnvironment: Codable, Sendable, Equatable {
    /// The hosts file, as given to --hosts.
    public var file: String
    /// The load agents' destinations, agent i of N first.
    public var clients: [String]
    /// `local`, or the server's ssh destination.
    public var server: String
    /// The address the load was sent to.
    public var serverAddress: String
    /// `local`, a destination, a URL (redacted) or none.
    public var database: String
    /// TCP connect round trips from each agent's host to the server's.
    public var roundTrips: [HostRoundTrip]

    public init(
        file: String, clients: [String], server: String, serverAddress: String, database: String,
        roundTrips: [HostRoundTrip]
    ) {
        self.file = file
        self.clients = clients
        self.server = server
        self.serverAddress = serverAddress
        self.database = database
        self.roundTrips = roundTrips
    }
}

/// TCP connect round trips from one host to another, in microseconds.
public struct HostRoundTrip: Codable, Sendable, Equatable {
    public var from: String
    public var to: String
    public var count: Int
    public var minMicros: Double
    public var medianMicros: Double
    public var maxMicros: Double

    public init(from: String, to: String, count: Int, minMicros: Double, medianMicros: Double, maxMicros: Double) {
        self.from = from
        self.to = to
        self.count = count
        self.minMicros = minMicros
        self.medianMicros = medianMicros
        self.maxMicros = maxMicros
    }
}
