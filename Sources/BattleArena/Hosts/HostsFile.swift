/// Where each role of a battle runs across machines: the hosts file
/// (docs/HOSTS.md, schemas/hosts.schema.json), parsed and checked by
/// `HostsFile.parse`. A plain value: nothing here reaches a host.
public struct HostsFile: Sendable, Equatable {
    /// The hosts file format this battle reads (`schema = 1`).
    public static let schemaVersion = 1

    /// The load agents, in file order: agent `i` of `clients.count` is `clients[i]`.
    public var clients: [Placement]
    /// The contender under test.
    public var server: Placement
    /// PostgreSQL: a host battle starts it on, a server the user runs, or none
    /// (then no database test can run).
    public var database: Database

    public init(clients: [Placement], server: Placement, database: Database) {
        self.clients = clients
        self.server = server
        self.database = database
    }

    /// A role's place: the host that runs it and the CPUs it is pinned to there.
    public struct Placement: Sendable, Equatable {
        public var host: Host
        public var cpus: CPUSet
        /// battle's executable on that host: an absolute path, or a command
        /// name looked up on the host's PATH (default `battle`).
        public var battle: String

        public init(host: Host, cpus: CPUSet, battle: String = HostsFile.defaultBattle) {
            self.host = host
            self.cpus = cpus
            self.battle = battle
        }
    }

    /// How battle reaches a host.
    public enum Host: Sendable, Equatable, CustomStringConvertible {
        /// The machine battle runs on; no SSH.
        case local
        /// Over `ssh`: the destination as `ssh` takes it (`[user@]host`), an
        /// optional port and identity file.
        case ssh(SSHHost)

        public var description: String {
            switch self {
            case .local: "local"
            case .ssh(let s): s.description
            }
        }
    }

    public struct SSHHost: Sendable, Equatable, Hashable, CustomStringConvertible {
        public var destination: String
        public var port: Int?
        public var identity: String?

        public init(destination: String, port: Int? = nil, identity: String? = nil) {
            self.destination = destination
            self.port = port
            self.identity = identity
        }

        /// `user@host`, or `user@host:2222` with a port.
        public var description: String { port.map { "\(destination):\($0)" } ?? destination }

        /// The options and destination an `ssh` command line needs, before the
        /// remote command: `-p PORT`, `-i FILE`, then the destination.
        public var sshArguments: [String] {
            var out: [String] = []
            if let port { out += ["-p", String(port)] }
            if let identity { out += ["-i", identity] }
            return out + [destination]
        }
    }

    public enum Database: Sendable, Equatable {
        /// No database: the plan has no database tests.
        case none
        /// battle starts its throwaway PostgreSQL there, pinned to the CPUs.
        case host(Placement)
        /// A PostgreSQL server the user runs (never started or stopped by battle).
        case url(String)
    }

    public static let defaultBattle = "battle"
}

extension HostsFile.Host {
    /// Two places are the same machine when both are local, or both are the
    /// same SSH destination and port (an identity file does not change the host).
    func isSameMachine(as other: HostsFile.Host) -> Bool {
        switch (self, other) {
        case (.local, .local): true
        case (.ssh(let a), .ssh(let b)): a.destination == b.destination && (a.port ?? 22) == (b.port ?? 22)
        default: false
        }
    }
}
