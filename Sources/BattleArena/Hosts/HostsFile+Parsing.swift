import BattleCore
import Foundation

extension HostsFile {
    static let topKeys: Set<String> = ["schema", "client", "server", "database"]
    static let hostKeys: Set<String> = ["ssh", "port", "identity", "local", "battle", "cpus"]
    static let databaseKeys: Set<String> = hostKeys.union(["url"])
    static let help = "docs/HOSTS.md"

    /// Parses and checks a hosts file's text; `file` names it in errors. Every
    /// error names the file and the key and says the fix; unknown keys are
    /// errors, so a typo cannot silently move a role.
    public static func parse(_ text: String, file: String) throws(TOMLFileError) -> HostsFile {
        let t = try TOMLReader.parse(text, file: file, syntaxHelp: "TOML syntax; see \(help)")
        try t.rejectUnknownKeys(topKeys, file: file)
        func fail(_ key: String, _ message: String) -> TOMLFileError {
            TOMLFileError(file: file, key: key, message: message)
        }

        guard let schema = t["schema"] else { throw fail("schema", "missing; add `schema = 1` as the first line") }
        guard schema.integer == schemaVersion else {
            throw fail(
                "schema",
                "is \(schema), but this battle reads hosts schema \(schemaVersion); write `schema = 1` (\(help))")
        }

        guard let clientValue = t["client"] else {
            throw fail("client", "missing; add one [[client]] table per load agent, each with ssh or local, and cpus")
        }
        guard let clientItems = clientValue.array, clientItems.allSatisfy({ $0.table != nil }) else {
            throw fail(
                "client",
                "must be an array of tables: write [[client]] (two brackets), once per load agent, not \(clientValue.typeName == "table" ? "[client]" : clientValue.typeName)"
            )
        }
        guard !clientItems.isEmpty else { throw fail("client", "is empty; add at least one [[client]] table") }
        var clients: [Placement] = []
        for (i, item) in clientItems.enumerated() {
            clients.append(try placement(item.table ?? TOMLTable(), key: "client[\(i)]", file: file))
        }

        guard let serverTable = try t.optionalTable("server", file: file) else {
            throw fail("server", "missing; add a [server] table with ssh or local, and cpus")
        }
        let server = try placement(serverTable, key: "server", file: file)

        var database = Database.none
        if let d = try t.optionalTable("database", file: file) {
            try d.rejectUnknownKeys(databaseKeys, file: file, prefix: "database.")
            if let url = try d.optionalString("url", file: file, prefix: "database.") {
                if let other = d.keys.first(where: { $0 != "url" }) {
                    throw fail(
                        "database.\(other)",
                        "not with database.url: a database given by URL is the user's own server; remove '\(other)', or remove url to have battle start PostgreSQL on a host"
                    )
                }
                try checkDatabaseURL(url, file: file)
                database = .url(url)
            } else {
                database = .host(try placement(d, key: "database", file: file))
            }
        }

        let hosts = HostsFile(clients: clients, server: server, database: database)
        try hosts.checkOverlaps(file: file)
        return hosts
    }

    /// A role's table: `ssh` (with optional `port`, `identity`) or `local = true`, `cpus`, optional `battle`.
    static func placement(_ t: TOMLTable, key: String, file: String) throws(TOMLFileError) -> Placement {
        let p = key + "."
        try t.rejectUnknownKeys(key == "database" ? databaseKeys : hostKeys, file: file, prefix: p)
        func fail(_ k: String, _ message: String) -> TOMLFileError {
            TOMLFileError(file: file, key: p + k, message: message)
        }
        let ssh = try t.optionalString("ssh", file: file, prefix: p)
        var local = false
        if let v = t["local"] {
            guard v.bool == true else {
                throw fail(
                    "local",
                    "must be `local = true` (this machine) or left out; to reach another host write ssh = \"user@host\""
                )
            }
            local = true
        }
        let host: Host
        switch (ssh, local) {
        case (nil, false):
            throw TOMLFileError(
                file: file, key: key,
                message: "says neither how to reach it; add ssh = \"user@host\" or local = true")
        case (.some, true):
            throw fail("local", "and ssh both given; keep ssh for another host, or local = true for this one")
        case (nil, true):
            for k in ["port", "identity"] where t[k] != nil {
                throw fail(k, "only applies with ssh; remove it, or replace local = true with ssh = \"user@host\"")
            }
            host = .local
        case (.some(let destination), false):
            guard !destination.isEmpty, !destination.hasPrefix("-"),
                !destination.contains(where: { $0.isWhitespace || $0 == "'" || $0 == "\"" })
            else {
                throw fail(
                    "ssh",
                    "'\(destination)' is not an SSH destination; write [user@]host as ssh takes it, like \"root@10.0.0.11\" (no spaces or quotes; not starting with '-')"
                )
            }
            var port: Int?
            if let v = t["port"] {
                guard let n = v.integer, (1...65535).contains(n) else {
                    throw fail("port", "\(v) is not a TCP port; write an integer from 1 to 65535, like port = 2222")
                }
                port = n
            }
            let identity = try t.optionalString("identity", file: file, prefix: p)
            if let identity, identity.isEmpty || identity.hasPrefix("-") {
                throw fail(
                    "identity",
                    "'\(identity)' is not a key file; give the private key's path, like \"~/.ssh/id_ed25519\"")
            }
            host = .ssh(SSHHost(destination: destination, port: port, identity: identity))
        }

        guard let cpusText = try t.optionalString("cpus", file: file, prefix: p) else {
            if let v = t["cpus"] {
                throw fail("cpus", "must be a string in quotes, like cpus = \"0-3\", not \(v.typeName)")
            }
            throw fail("cpus", "missing; give the CPUs it is pinned to on that host, like cpus = \"0-3\"")
        }
        let cpus: CPUSet
        do {
            cpus = try CPUSet(parsing: cpusText)
        } catch {
            throw fail("cpus", error.description)
        }
        let battle = try t.optionalString("battle", file: file, prefix: p) ?? defaultBattle
        guard !battle.isEmpty, !battle.hasPrefix("-"), !battle.contains(where: { $0.isNewline || $0 == "'" }) else {
            throw fail(
                "battle",
                "'\(battle)' is not a command; give battle's path on that host, like \"/usr/local/bin/battle\", or leave it out to use `battle` on its PATH"
            )
        }
        return Placement(host: host, cpus: cpus, battle: battle)
    }

    static func checkDatabaseURL(_ url: String, file: String) throws(TOMLFileError) {
        let fix =
            "write postgres://USER[:PASSWORD]@HOST:PORT/DATABASE, like \"postgres://battle@10.0.0.30:5432/battle\""
        guard let c = URLComponents(string: url), c.scheme == "postgres" || c.scheme == "postgresql" else {
            throw TOMLFileError(file: file, key: "database.url", message: "'\(url)' is not a postgres:// URL; \(fix)")
        }
        let problem: String? =
            if (c.host ?? "").isEmpty { "it names no host" } else if (c.user ?? "").isEmpty {
                "it names no user"
            } else if c.path.drop(while: { $0 == "/" }).isEmpty { "it names no database after the host" } else { nil }
        if let problem {
            throw TOMLFileError(file: file, key: "database.url", message: "'\(url)': \(problem); \(fix)")
        }
    }

    /// Every role with its key in the file, in order: `client[0]`, ..., `server`, `database`.
    public var roles: [(key: String, placement: Placement)] {
        var out = clients.enumerated().map { ("client[\($0.offset)]", $0.element) }
        out.append(("server", server))
        if case .host(let d) = database { out.append(("database", d)) }
        return out
    }

    /// Two roles on one machine must not share a CPU: the server's CPUs stay
    /// its own, and two load agents on one CPU would measure each other.
    func checkOverlaps(file: String) throws(TOMLFileError) {
        let all = roles
        for (i, a) in all.enumerated() {
            for b in all[(i + 1)...] where a.placement.host.isSameMachine(as: b.placement.host) {
                guard a.placement.cpus.intersects(b.placement.cpus) else { continue }
                throw TOMLFileError(
                    file: file, key: b.key + ".cpus",
                    message:
                        "\(b.placement.cpus) shares CPUs with \(a.key).cpus (\(a.placement.cpus)) on the same host (\(a.placement.host)); give each role CPUs of its own there"
                )
            }
        }
    }
}
