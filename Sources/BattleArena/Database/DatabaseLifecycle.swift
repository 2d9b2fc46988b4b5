import BattleCore
import Foundation
import Logging

/// The throwaway database of a run across restarts: a fresh cluster in a
/// fresh folder each time (seeded from suite/schema.sql), the previous one
/// stopped and deleted first. Used by one task (the run's).
public final class DatabaseLifecycle {
    let cpus: CPUSet
    let schemaFile: String
    let logger: Logger
    let interruption: Interruption
    let supervisor: ProcessSupervisor
    /// The folder of the cluster running now.
    private(set) var folder: String?
    public private(set) var handle: DatabaseHandle?
    /// Listening for another host too (battle hosts postgres), or nil.
    var network: DatabaseNetwork?

    init(cpus: CPUSet, schemaFile: String, logger: Logger, interruption: Interruption, supervisor: ProcessSupervisor) {
        self.cpus = cpus
        self.schemaFile = schemaFile
        self.logger = logger
        self.interruption = interruption
        self.supervisor = supervisor
    }

    /// Stops the cluster running now (if any), then initdb, start and seed a new one.
    @discardableResult public func startFresh() async throws -> DatabaseHandle {
        stop()
        let dir = try PostgresFixture.makeFolder()
        folder = dir
        logger.debug("database folder", metadata: ["dir": "\(dir)"])
        let h = try await PostgresFixture.start(
            dir: dir, cpus: cpus, schemaFile: schemaFile, interruption: interruption, supervisor: supervisor,
            network: network)
        handle = h
        return h
    }

    /// Stops the cluster and deletes its folder (blocking: cleanup paths call it).
    public func stop() {
        guard let dir = folder else { return }
        // A dead postmaster and its exiting backends are battle's orphans
        // (it is their subreaper): reap them first.
        supervisor.reapOrphans(waitingUpTo: 2)
        PostgresFixture.stop(dir: dir, logger: logger)
        supervisor.reapOrphans(waitingUpTo: 2)
        folder = nil
        handle = nil
    }
}
