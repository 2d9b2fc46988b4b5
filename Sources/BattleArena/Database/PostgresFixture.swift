import BattleCore
import Foundation
import Logging

/// A database contenders can use, and the one thing the arena does to it
/// between contenders: put the suite's tables back as they were.
public struct DatabaseHandle: Sendable {
    public var endpoint: DatabaseEndpoint
    /// `PostgreSQL 15.x` as the server reports it.
    public var version: String?
    /// battle created it and deletes it at the end (false for --database-url).
    public var owned: Bool
    let schemaFile: String
    /// The postmaster battle started (nil for --database-url).
    public var postmasterPID: Int32? = nil
    /// The server's log (nil for --database-url).
    public var logFile: String? = nil

    /// Re-runs suite/schema.sql (it drops and recreates the tables with the
    /// same seeded rows) and clears pg_stat_statements.
    public func reset(logger: Logger) async throws {
        let out = try await CapturedCommand.run(
            Psql.command(endpoint, arguments: ["-f", schemaFile, "-c", "SELECT pg_stat_statements_reset()"]),
            timeout: 60)
        guard out.succeeded else {
            throw DatabaseError("resetting the tables (psql -f \(schemaFile)) failed: \(out.stderr.suffix(400))")
        }
    }
}

public struct DatabaseError: Error, CustomStringConvertible {
    public let description: String
    public init(_ d: String) { description = d }
}

enum Psql {
    static func command(
        _ e: DatabaseEndpoint, database: String? = nil, user: String? = nil, arguments: [String]
    ) -> [String] {
        [
            "psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", e.host, "-p", String(e.port), "-U", user ?? e.user, "-d",
            database ?? e.name,
        ]
            + arguments
    }
}

/// The throwaway PostgreSQL 15 a run owns: `initdb` into a temporary folder
/// (as the `postgres` user when battle runs as root: initdb refuses root),
/// listening on 127.0.0.1 at a free port, pinned to the database CPUs,
/// `pg_stat_statements` loaded (the verifier counts queries with it), seeded
/// from suite/schema.sql. The scope always stops it and deletes the folder:
/// on success, on error and when the run is interrupted.
/// Where a database another host connects to listens, and whom it trusts.
public struct DatabaseNetwork: Sendable, Equatable {
    /// Its address there (beside 127.0.0.1).
    public var listen: String
    /// A CIDR whose connections it trusts, like 10.213.7.0/24.
    public var allow: String

    public init(listen: String, allow: String) {
        self.listen = listen
        self.allow = allow
    }
}

public enum PostgresFixture {
    public static let binDirectory = "/usr/lib/postgresql/15/bin"

    public static func withDatabase<T>(
        cpus: CPUSet, schemaFile: String, logger: Logger, interruption: Interruption, supervisor: ProcessSupervisor,
        network: DatabaseNetwork? = nil, _ body: (DatabaseLifecycle) async throws -> T
    ) async throws -> T {
        guard FileManager.default.isExecutableFile(atPath: binDirectory + "/initdb") else {
            throw DatabaseError(
                "PostgreSQL 15 is not installed (\(binDirectory)/initdb is missing); run scripts/bootstrap (apt-get install postgresql), or pass --database-url"
            )
        }
        let life = DatabaseLifecycle(
            cpus: cpus, schemaFile: schemaFile, logger: logger, interruption: interruption, supervisor: supervisor)
        life.network = network
        defer { life.stop() }
        try await life.startFresh()
        return try await body(life)
    }

    /// Uses a server the user runs (`--database-url`): seeds it, never stops it.
    public static func withExisting<T>(
        _ endpoint: DatabaseEndpoint, schemaFile: String, logger: Logger, _ body: (DatabaseHandle) async throws -> T
    ) async throws -> T {
        _ = try? await CapturedCommand.run(
            Psql.command(endpoint, arguments: ["-c", "CREATE EXTENSION IF NOT EXISTS pg_stat_statements"]), timeout: 30)
        let version = try? await CapturedCommand.run(
            Psql.command(endpoint, arguments: ["-tA", "-c", "SHOW server_version"]), timeout: 30)
        let handle = DatabaseHandle(
            endpoint: endpoint, version: version?.firstLine.map { "PostgreSQL \($0)" }, owned: false,
            schemaFile: schemaFile)
        return try await body(handle)
    }

    static var runsAsRoot: Bool { geteuid() == 0 }

    /// `argv` run as the postgres user when battle is root.
    static func asPostgres(_ argv: [String]) -> [String] {
        runsAsRoot ? ["runuser", "-u", "postgres", "--"] + argv : argv
    }

    static func makeFolder() throws -> String {
        let base = (ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp")
        var template = Array("\(base)/battle-pg-XXXXXX".utf8CString)
        guard let p = mkdtemp(&template) else {
            throw DatabaseError(
                "cannot create a temporary folder in \(base): \(String(cString: strerror(errno))); set TMPDIR to a writable folder"
            )
        }
        let dir = String(cString: p)
        for sub in ["data", "sock", "log"] { mkdir(dir + "/" + sub, 0o700) }
        if runsAsRoot {
            guard let pw = getpwnam("postgres") else {
                rmdir(dir + "/data"); rmdir(dir + "/sock"); rmdir(dir + "/log"); rmdir(dir)
                throw DatabaseError(
                    "there is no 'postgres' user to run the database as (initdb refuses root); reinstall the postgresql package"
                )
            }
            for path in [dir, dir + "/data", dir + "/sock", dir + "/log"] {
                chown(path, pw.pointee.pw_uid, pw.pointee.pw_gid)
            }
            // The folder's parent must let the postgres user through.
        }
        return dir
    }

    static func start(
        dir: String, cpus: CPUSet, schemaFile: String, interruption: Interruption, supervisor: ProcessSupervisor,
        network: DatabaseNetwork? = nil
    ) async throws -> DatabaseHandle {
        func run(_ argv: [String], _ what: String, timeout: Double = 120) async throws -> CapturedCommand.Output {
            let out = try await CapturedCommand.run(
                argv, timeout: timeout, interruption: interruption, supervisor: supervisor)
            guard out.succeeded else {
                let log = (try? String(contentsOfFile: dir + "/log/pg.log", encoding: .utf8)) ?? ""
                let detail = [out.stdout, out.stderr, log].joined(separator: "\n").split(separator: "\n").suffix(12)
                    .joined(separator: "\n")
                throw DatabaseError("\(what) failed (\(out.termination?.description ?? "timed out")):\n\(detail)")
            }
            return out
        }
        _ = try await run(
            asPostgres([
                binDirectory + "/initdb", "-D", dir + "/data", "-U", "postgres", "--auth=trust", "-E", "UTF8",
                "--locale=C.UTF-8",
            ]),
            "initdb")
        if let network {
            // Another host's server connects to it (battle run --hosts): trusted from its network only.
            _ = try await run(
                asPostgres([
                    "/bin/sh", "-c", "printf 'host all all %s trust\\n' \"$1\" >> \"$2\"", "sh", network.allow,
                    dir + "/data/pg_hba.conf",
                ]), "allowing \(network.allow) in pg_hba.conf")
        }
        let listen = network.map { "127.0.0.1,\($0.listen)" } ?? "127.0.0.1"
        var lastError: (any Error)?
        for _ in 0..<3 {
            guard let port = FreePort.find() else { throw DatabaseError("no free TCP port on 127.0.0.1") }
            let options = [
                "-p \(port)", "-k \(dir)/sock", "-c listen_addresses=\(listen)", "-c max_connections=300",
                "-c fsync=off",
                "-c synchronous_commit=off", "-c full_page_writes=off",
                "-c shared_preload_libraries=pg_stat_statements",
            ].joined(separator: " ")
            do {
                _ = try await run(
                    ["taskset", "-c", cpus.description]
                        + asPostgres([
                            binDirectory + "/pg_ctl", "-D", dir + "/data", "-l", dir + "/log/pg.log", "-w", "-t", "60",
                            "-o", options, "start",
                        ]),
                    "starting PostgreSQL")
            } catch let e as DatabaseError {
                lastError = e  // most likely the port was taken between FreePort and the bind: try another
                continue
            }
            let admin = DatabaseEndpoint(port: port, name: "postgres", user: "postgres")
            _ = try await run(
                Psql.command(
                    admin,
                    arguments: ["-c", "CREATE USER battle SUPERUSER", "-c", "CREATE DATABASE battle OWNER battle"]),
                "creating the battle database")
            let endpoint = DatabaseEndpoint(port: port)
            _ = try await run(
                Psql.command(
                    endpoint, arguments: ["-c", "CREATE EXTENSION IF NOT EXISTS pg_stat_statements", "-f", schemaFile]),
                "seeding from \(schemaFile)")
            let version = try? await CapturedCommand.run([binDirectory + "/postgres", "--version"], timeout: 10)
            let pidText = try? String(contentsOfFile: dir + "/data/postmaster.pid", encoding: .utf8)
            return DatabaseHandle(
                endpoint: endpoint,
                version: version?.firstLine.map {
                    $0.replacingOccurrences(of: "postgres (PostgreSQL) ", with: "PostgreSQL ")
                },
                owned: true, schemaFile: schemaFile,
                postmasterPID: pidText?.split(separator: "\n").first.flatMap { Int32($0) },
                logFile: dir + "/log/pg.log")
        }
        throw lastError ?? DatabaseError("PostgreSQL did not start")
    }

    /// Stops the server (fast, then immediate, then SIGKILL to the postmaster)
    /// and deletes the folder. Blocking: it runs in cleanup paths.
    static func stop(dir: String, logger: Logger) {
        let data = dir + "/data"
        let pidText = try? String(contentsOfFile: data + "/postmaster.pid", encoding: .utf8)
        let postmaster = pidText?.split(separator: "\n").first.flatMap { Int32($0) }
        // A postmaster that died (a zombie until reaped) would keep pg_ctl
        // waiting for its timeout twice: there is nothing to stop then.
        if let postmaster, ProcessAlive.check(postmaster) {
            let pgctl = asPostgres([binDirectory + "/pg_ctl", "-D", data, "-w", "-t", "20"])
            var stopped =
                (try? CapturedCommand.runBlocking(pgctl + ["-m", "fast", "stop"], timeout: 25))?.succeeded ?? false
            if !stopped {
                stopped =
                    (try? CapturedCommand.runBlocking(pgctl + ["-m", "immediate", "stop"], timeout: 25))?.succeeded
                    ?? false
            }
            if !stopped, let text = try? String(contentsOfFile: data + "/postmaster.pid", encoding: .utf8),
                let pid = text.split(separator: "\n").first.flatMap({ Int32($0) }), pid > 1
            {
                logger.warning("PostgreSQL did not stop; killing its postmaster", metadata: ["pid": "\(pid)"])
                kill(pid, SIGKILL)
                usleep(500_000)
            }
        }
        do { try FileManager.default.removeItem(atPath: dir) } catch {
            logger.error("could not delete the database folder \(dir): \(error)")
        }
    }
}
