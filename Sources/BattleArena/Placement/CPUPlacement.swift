import BattleCore
import Foundation

/// Where the server, the load generator and the database run.
///
/// Defaults split the CPUs battle may use (its affinity mask) so that the
/// server has cores nobody else touches:
///
/// | CPUs | server | client | database |
/// |---|---|---|---|
/// | 1 | 0 | 0 | 0 (everything shares; a note says so) |
/// | 2 | first | second | second |
/// | 3 | first | second | third |
/// | 4 ≤ n < 8 | first n/2 | next ⌈(n - n/2)/2⌉ | the rest |
/// | n ≥ 8 | first ⌊(n - n/4)/2⌋ | as many as the server, or one more | the last n/4 |
///
/// From 8 CPUs the load generator gets at least as many CPUs as the server,
/// so the server can be measured without a CPU budget; below that, see
/// `defaultBudget`.
///
/// On two CPUs the database shares the load generator's CPU rather than the
/// server's: the server's core stays clean, so its CPU time and latency are
/// its own, and the load generator's CPU is checked for saturation on every
/// trial (a trial where the client used ≥ 90% of its CPUs is marked
/// client-bound), so a client slowed by the database does not go unnoticed.
public struct CPUPlacement: Sendable, Equatable {
    public var server: CPUSet
    public var client: CPUSet
    public var database: CPUSet

    public init(server: CPUSet, client: CPUSet, database: CPUSet) {
        self.server = server
        self.client = client
        self.database = database
    }

    public var record: CPUPlacementRecord {
        CPUPlacementRecord(server: server.description, client: client.description, database: database.description)
    }

    /// The default placement over the CPUs in `available` (the affinity mask).
    public static func defaults(available: CPUSet) -> CPUPlacement {
        let c = available.cpus
        switch c.count {
        case 0, 1:
            let one = CPUSet(c.prefix(1).isEmpty ? [0] : Array(c.prefix(1)))
            return CPUPlacement(server: one, client: one, database: one)
        case 2:
            return CPUPlacement(server: CPUSet([c[0]]), client: CPUSet([c[1]]), database: CPUSet([c[1]]))
        case 3:
            return CPUPlacement(server: CPUSet([c[0]]), client: CPUSet([c[1]]), database: CPUSet([c[2]]))
        case 4..<8:
            let serverCount = c.count / 2
            let clientCount = (c.count - serverCount + 1) / 2
            return CPUPlacement(
                server: CPUSet(c[0..<serverCount]),
                client: CPUSet(c[serverCount..<(serverCount + clientCount)]),
                database: CPUSet(c[(serverCount + clientCount)...]))
        default:
            let databaseCount = c.count / 4
            let serverCount = (c.count - databaseCount) / 2
            let clientCount = c.count - databaseCount - serverCount
            return CPUPlacement(
                server: CPUSet(c[0..<serverCount]),
                client: CPUSet(c[serverCount..<(serverCount + clientCount)]),
                database: CPUSet(c[(serverCount + clientCount)...]))
        }
    }

    /// Defaults with the user's `--server-cpus`, `--client-cpus`, `--db-cpus` applied.
    /// Errors name the flag and the CPUs that may be used.
    public static func resolve(
        available: CPUSet, server: String?, client: String?, database: String?
    ) throws(PlacementError) -> CPUPlacement {
        var p = defaults(available: available)
        func parse(_ text: String?, flag: String) throws(PlacementError) -> CPUSet? {
            guard let text else { return nil }
            let set: CPUSet
            do { set = try CPUSet(parsing: text) } catch { throw PlacementError(flag: flag, message: error.description) }
            guard set.isSubset(of: available) else {
                throw PlacementError(
                    flag: flag,
                    message: "CPUs \(CPUSet(Set(set.cpus).subtracting(available.cpus))) are not in battle's affinity mask (\(available)); use CPUs from \(available)")
            }
            return set
        }
        if let s = try parse(server, flag: "--server-cpus") { p.server = s }
        if let s = try parse(client, flag: "--client-cpus") { p.client = s }
        if let s = try parse(database, flag: "--db-cpus") { p.database = s }
        return p
    }

    /// Warnings about this placement, printed at start and kept in the results' notes.
    public var warnings: [String] {
        var w: [String] = []
        if server.intersects(client) {
            w.append("the server and the load generator share CPUs \(CPUSet(Set(server.cpus).intersection(client.cpus))): figures measure both; give them separate CPUs (--server-cpus, --client-cpus)")
        }
        if server.intersects(database) {
            w.append("the server and the database share CPUs \(CPUSet(Set(server.cpus).intersection(database.cpus))): database tests take CPU from the server")
        }
        return w
    }

    /// One line for the start of a run.
    public var summaryLine: String {
        var s = "CPUs: server \(server) · load generator \(client) · database \(database)"
        if database == client && server != client {
            s += " (the database shares the load generator's CPU, keeping the server's clean; trials where the load generator saturates are marked)"
        }
        return s
    }
}

public struct PlacementError: Error, CustomStringConvertible, Equatable {
    public let flag: String
    public let message: String
    public var description: String { "\(flag): \(message)" }
}

/// Reads the CPUs a process may run on from `/proc/PID/status` (`Cpus_allowed_list`).
public enum AffinityMask {
    /// Parses the `Cpus_allowed_list:` line of a `/proc/PID/status` text.
    public static func parse(status: String) -> CPUSet? {
        for line in status.split(separator: "\n") where line.hasPrefix("Cpus_allowed_list:") {
            return try? CPUSet(parsing: String(line.dropFirst("Cpus_allowed_list:".count)))
        }
        return nil
    }

    public static func current() -> CPUSet? {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        return parse(status: text)
    }
}
