import ArgumentParser
import BattleArena
import BattleCore
import Foundation
import Logging

/// `battle hosts postgres`: the database host's side of `battle run
/// --hosts`, started over ssh by the coordinator. It starts battle's
/// throwaway PostgreSQL 15 there (pinned to its CPUs, seeded from the
/// schema), listening on 127.0.0.1 and ADDRESS and trusting the hosts of its
/// own subnets (pg_hba `samenet`), prints `{"port": N, "version": "..."}` on
/// stdout, and stops and deletes it when its stdin ends (the coordinator
/// closed it, or the ssh ended) or on SIGTERM.
struct HostsPostgresCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "postgres",
        abstract: "Run battle's throwaway PostgreSQL on this host for `battle run --hosts` (started over ssh).")

    @Option(help: "The CPUs it runs on (taskset list).") var cpus: String
    @Option(help: "suite/schema.sql (the same checkout path as the coordinator's).") var schema: String
    @Option(help: "This host's address, where the server host connects.") var listen: String

    func run() async throws {
        signal(SIGPIPE, SIG_IGN)
        let set: CPUSet
        do { set = try CPUSet(parsing: cpus) } catch { throw CommandFailure(.usage, "--cpus: \(error)") }
        let interruption = Interruption()
        let signals = StopSignals { interruption.trigger(signal: $0) }
        defer { signals.cancel() }
        let supervisor = ProcessSupervisor()
        var logger = Logger(label: "battle.hosts.postgres")
        logger.logLevel = .warning
        do {
            try await PostgresFixture.withDatabase(
                cpus: set, schemaFile: schema, logger: logger, interruption: interruption, supervisor: supervisor,
                network: DatabaseNetwork(listen: listen, allow: "samenet")
            ) { life in
                let h = life.handle!
                let ready = DatabaseReady(port: h.endpoint.port, version: h.version)
                let data = try ResultsCoding.encoder(pretty: false).encode(ready)
                if StandardStream.output.write(String(decoding: data, as: UTF8.self) + "\n") != nil { return }
                while !interruption.isTriggered, !HostsServeCommand.stdinEnded() {
                    try? await Task.sleep(nanoseconds: 100_000_000)
                }
            }
        } catch { throw CommandFailure(.failure, "PostgreSQL on this host: \(error)") }
    }
}
