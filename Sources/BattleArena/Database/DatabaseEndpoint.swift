import Foundation

/// Where contenders find the database (docs/SUITE.md §4, the BATTLE_DB_* variables).
public struct DatabaseEndpoint: Sendable, Equatable {
    public var host: String
    public var port: Int
    public var name: String
    public var user: String
    public var password: String

    public init(host: String = "127.0.0.1", port: Int, name: String = "battle", user: String = "battle", password: String = "") {
        self.host = host
        self.port = port
        self.name = name
        self.user = user
        self.password = password
    }

    /// `postgres://user[:password]@host:port/name`
    public var url: String {
        let auth = password.isEmpty ? user : "\(user):\(password)"
        return "postgres://\(auth)@\(host):\(port)/\(name)"
    }

    public var environment: [String: String] {
        [
            "BATTLE_DB_HOST": host, "BATTLE_DB_PORT": String(port), "BATTLE_DB_NAME": name, "BATTLE_DB_USER": user,
            "BATTLE_DB_PASSWORD": password, "BATTLE_DB_URL": url,
        ]
    }

    public struct ParseError: Error, CustomStringConvertible, Equatable {
        public let input: String
        public let reason: String
        public var description: String {
            "--database-url '\(input)': \(reason); write postgres://USER[:PASSWORD]@HOST:PORT/DATABASE, e.g. postgres://battle@127.0.0.1:5432/battle"
        }
    }

    /// Parses `postgres://` / `postgresql://` URLs. Only loopback hosts are
    /// accepted: battle sends traffic to this machine only.
    public init(url text: String) throws(ParseError) {
        guard let c = URLComponents(string: text), let scheme = c.scheme, scheme == "postgres" || scheme == "postgresql" else {
            throw ParseError(input: text, reason: "not a postgres:// URL")
        }
        guard let host = c.host, !host.isEmpty else { throw ParseError(input: text, reason: "no host") }
        guard ["127.0.0.1", "localhost", "::1", "[::1]"].contains(host) else {
            throw ParseError(input: text, reason: "'\(host)' is not a loopback address; battle only talks to 127.0.0.1 or ::1")
        }
        guard let user = c.user, !user.isEmpty else { throw ParseError(input: text, reason: "no user") }
        let name = String(c.path.drop { $0 == "/" })
        guard !name.isEmpty else { throw ParseError(input: text, reason: "no database name after the port") }
        self.init(
            host: host == "localhost" ? "127.0.0.1" : host, port: c.port ?? 5432, name: name,
            user: user.removingPercentEncoding ?? user, password: c.password?.removingPercentEncoding ?? "")
    }
}
