import BattleCore

/// `battle run --hosts FILE`: the hosts file a run places its roles by, and
/// what the run needs to reach them. Pure: the commands that start each
/// agent are built here, `ArenaRun+Hosts` runs them.
public struct HostsRun: Sendable, Equatable {
    public var file: HostsFile
    /// The file's path, for messages and results.
    public var path: String
    /// `--ssh-config`: passed to every `ssh` as `-F`.
    public var sshConfig: String?
    /// `--max-clock-offset`: an agent's clock further off makes the level invalid.
    public var maximumClockOffsetSeconds: Double
    /// Where the load goes: 127.0.0.1, or the server host's address (`resolveServerAddress`).
    public var serverAddress = "127.0.0.1"
    /// The database host's address, when battle starts PostgreSQL there over ssh.
    public var databaseAddress: String?

    public init(
        file: HostsFile, path: String, sshConfig: String? = nil,
        maximumClockOffsetSeconds: Double = AgentAssessment.Policy().maximumClockOffsetSeconds
    ) {
        self.file = file
        self.path = path
        self.sshConfig = sshConfig
        self.maximumClockOffsetSeconds = maximumClockOffsetSeconds
    }

    /// The agents' destinations, in file order (agent i of N is `client[i]`).
    public var destinations: [AgentDestination] {
        file.clients.map { c in
            switch c.host {
            case .local: .local(cpus: c.cpus.description)
            case .ssh(let s): .ssh(s.description)
            }
        }
    }

    /// The command that starts agent `index` on its host: pinned to its CPUs
    /// there (`taskset -c`), battle's path from the hosts file (a local
    /// agent whose file names no path runs this battle, `ownExecutable`).
    public func agentCommand(_ index: Int, ownExecutable: String) -> [String] {
        let c = file.clients[index]
        switch c.host {
        case .local:
            let battle = c.battle == HostsFile.defaultBattle ? ownExecutable : c.battle
            return ["taskset", "-c", c.cpus.description, battle, "agent"]
        case .ssh(let s):
            return sshPrefix(s) + [
                "--", "taskset", "-c", c.cpus.description, AgentDestination.shellQuoted(c.battle), "agent",
            ]
        }
    }

    /// `ssh -o BatchMode=yes [-F CONFIG] [-p PORT] [-i FILE] DEST`: never a
    /// password prompt; the user's own config and agent otherwise.
    public func sshPrefix(_ s: HostsFile.SSHHost) -> [String] {
        var argv = ["ssh", "-o", "BatchMode=yes"]
        if let sshConfig { argv += ["-F", sshConfig] }
        return argv + s.sshArguments
    }

    /// The agents' assessment policy, with this run's clock bound.
    public var policy: AgentAssessment.Policy {
        var p = AgentAssessment.Policy()
        p.maximumClockOffsetSeconds = maximumClockOffsetSeconds
        return p
    }

    /// Why this run cannot place its roles as the file says, or nil.
    /// PostgreSQL is started on this machine only (or given by its url), and
    /// agents over ssh need a server they can reach: one on its own host, or
    /// not this machine's 127.0.0.1.
    public var unsupported: String? {
        if case .ssh = file.server.host, case .host(let db) = file.database, db.host == .local {
            return
                "\(path): 'database' runs on this machine and listens on 127.0.0.1, which the server on \(file.server.host) cannot reach; give [database] a url the server host can reach, or leave [database] out (then only the tests without a database run) (docs/HOSTS.md)"
        }
        if case .ssh = file.server.host, case .url = file.database {
            return
                "\(path): 'database.url' is on this machine (battle takes loopback URLs only), which the server on \(file.server.host) cannot reach; put [database] on a host of its own (ssh = ...), or leave it out (docs/HOSTS.md)"
        }
        if file.server.host == .local,
            let i = file.clients.firstIndex(where: { if case .ssh = $0.host { true } else { false } })
        {
            return
                "\(path): 'client[\(i)]' is reached over ssh, but the server runs on this machine and listens on 127.0.0.1, which another host cannot reach; put [server] on a host of its own (ssh = ...) or every [[client]] on this machine (local = true) (docs/HOSTS.md)"
        }
        return nil
    }

    /// The database's SSH host, when battle starts PostgreSQL there.
    public var databaseSSH: HostsFile.SSHHost? {
        if case .host(let p) = file.database, case .ssh(let s) = p.host { return s }
        return nil
    }

    /// The command that starts battle's PostgreSQL on the database host:
    /// `battle hosts postgres` there, over ssh (the schema at the same checkout path).
    public func postgresCommand(schemaFile: String) -> [String] {
        guard case .host(let p) = file.database, let s = databaseSSH, let address = databaseAddress else { return [] }
        return sshPrefix(s) + ["--"]
            + [
                p.battle, "hosts", "postgres", "--cpus", p.cpus.description, "--schema", schemaFile, "--listen",
                address,
            ]
            .map(AgentDestination.shellQuoted)
    }

    /// The server's SSH host, or nil when it runs here.
    public var serverSSH: HostsFile.SSHHost? {
        if case .ssh(let s) = file.server.host { return s }
        return nil
    }

    /// The address `ssh -G` resolves a destination to: its `hostname` line.
    public static func hostname(fromSSHG output: String) -> String? {
        for line in output.split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1)
            if parts.count == 2, parts[0] == "hostname" { return String(parts[1]).trimmingCharacters(in: .whitespaces) }
        }
        return nil
    }

    /// `ssh -G ...`: how ssh would reach the server (its config applied), to read the address from.
    public func resolveCommand(_ s: HostsFile.SSHHost) -> [String] {
        var argv = ["ssh", "-G"]
        if let sshConfig { argv += ["-F", sshConfig] }
        return argv + s.sshArguments
    }

    /// The command that runs the contender on the server's host: `battle
    /// hosts serve` there, over ssh, with its folder (the same checkout path
    /// as here), its run command, the environment battle gives it (`BATTLE_*`,
    /// run.env, knobs; the host's own login environment otherwise), its CPUs
    /// and the CPU budget.
    public func serveCommand(
        folder: String, command: String, environment: [String: String], budget: CPUBudget?, grace: Double,
        name: String
    ) -> [String] {
        guard let s = serverSSH else { return [] }
        var remote = [
            file.server.battle, "hosts", "serve", "--cpus", file.server.cpus.description, "--dir", folder, "--command",
            command, "--grace", Format.fixed(grace, 1), "--name", name,
        ]
        if let budget {
            remote += ["--cpu-limit", "\(budget.cores)", "--cpu-period-us", String(budget.periodMicros)]
        }
        for (k, v) in environment.sorted(by: { $0.key < $1.key }) { remote += ["--env", "\(k)=\(v)"] }
        return sshPrefix(s) + ["--"] + remote.map(AgentDestination.shellQuoted)
    }

    /// `battle hosts rtt ADDRESS 22` on client `index`'s host, over ssh; nil for a local agent.
    public func roundTripCommand(_ index: Int, to address: String) -> [String]? {
        let c = file.clients[index]
        guard case .ssh(let s) = c.host else { return nil }
        return sshPrefix(s) + [
            "--", AgentDestination.shellQuoted(c.battle), "hosts", "rtt", address, "22", "--count", "20", "--from",
            AgentDestination.shellQuoted(s.description),
        ]
    }
}

extension HostsRun {
    /// The CPU lists the file gives the roles on this machine, as
    /// `--server-cpus`, `--client-cpus` (every local agent's CPUs) and
    /// `--db-cpus` would; nil where the role is elsewhere or not given.
    public var localCPUs: (server: String?, client: String?, database: String?) {
        let clients = file.clients.filter { $0.host == .local }.flatMap(\.cpus.cpus)
        var database: String?
        if case .host(let d) = file.database, d.host == .local { database = d.cpus.description }
        return (
            file.server.host == .local ? file.server.cpus.description : nil,
            clients.isEmpty ? nil : CPUSet(clients).description, database
        )
    }

    /// The database URL the file gives (`[database] url = ...`), or nil.
    public var databaseURL: String? {
        if case .url(let u) = file.database { return u }
        return nil
    }

    /// results.json's `plan.placement` for this run: the CPU lists of the
    /// roles here as `local` gives them, each role on another host as
    /// `CPUS on HOST` (the agents' joined by ", ").
    public func placementRecord(local: CPUPlacementRecord) -> CPUPlacementRecord {
        func on(_ p: HostsFile.Placement, here: String) -> String {
            p.host == .local ? here : "\(p.cpus) on \(p.host)"
        }
        let clients = file.clients.filter { $0.host != .local }.map { on($0, here: "") }
        let client =
            clients.isEmpty
            ? local.client
            : ((file.clients.contains { $0.host == .local } ? [local.client] : []) + clients).joined(separator: ", ")
        var database = local.database
        switch file.database {
        case .none: database = "none"
        case .url: database = "url"
        case .host(let p): database = on(p, here: local.database)
        }
        return CPUPlacementRecord(server: on(file.server, here: local.server), client: client, database: database)
    }
}
