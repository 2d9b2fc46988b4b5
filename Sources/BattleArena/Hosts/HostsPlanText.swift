import BattleCore

/// What `battle hosts check` prints: which role goes where, and how battle
/// reaches it. Pure: a hosts file in, text out.
public enum HostsPlanText {
    public static func render(_ hosts: HostsFile, file: String) -> String {
        var rows = hosts.roles.map { key, p in
            [key, p.host.description, p.cpus.description, p.battle, reach(p.host)]
        }
        if case .url(let url) = hosts.database {
            rows.append(["database", redacted(url), "-", "-", "its URL (your server)"])
        }
        var table = Table(["role", "host", "cpus", "battle there", "reached by"])
        for r in rows { table.add(r.map { Table.Cell($0) }) }
        var machines: [HostsFile.Host] = []
        for (_, p) in hosts.roles where !machines.contains(where: { $0.isSameMachine(as: p.host) }) {
            machines.append(p.host)
        }
        let agents = hosts.clients.count
        var lines = [
            "\(file): valid. \(agents) load agent\(agents == 1 ? "" : "s"), \(machines.count) machine\(machines.count == 1 ? "" : "s").",
            "",
        ]
        lines += table.textLines()
        lines.append("")
        switch hosts.database {
        case .none: lines.append("No database: only the tests without one (plaintext, json, orders) can run.")
        case .host:
            lines.append("battle starts a throwaway PostgreSQL on the database host and removes it after the run.")
        case .url:
            lines.append("The database is yours: its world and fortune tables are recreated, it is never stopped.")
        }
        lines.append("Load agent i of \(agents) is client[i].")
        return lines.joined(separator: "\n") + "\n"
    }

    static func reach(_ host: HostsFile.Host) -> String {
        switch host {
        case .local: "this machine (no SSH)"
        case .ssh(let s): (["ssh"] + s.sshArguments).joined(separator: " ")
        }
    }

    /// The URL without its password.
    static func redacted(_ url: String) -> String {
        guard let at = url.firstIndex(of: "@"), let scheme = url.range(of: "://"), scheme.upperBound < at else {
            return url
        }
        let auth = url[scheme.upperBound..<at]
        guard let colon = auth.firstIndex(of: ":") else { return url }
        return String(url[..<colon]) + ":***" + String(url[at...])
    }
}
