import BattleCore

/// One start of a contender, from its start to its stop: `withServer`
/// makes it and passes it to every step of the session (verification,
/// primer, warm-ups, trials, capacity steps). What lives only as long as
/// the server does lives here, not on the run.
final class ContenderSession {
    let slot: SlotID
    let server: ContenderServer
    /// The start's cgroup: it holds the CPU budget (when there is one) and
    /// finds every process the contender started.
    let cgroup: CPUCgroup?
    /// Wall seconds of load runs so far (progress accounting).
    var loadSeconds = 0.0

    init(slot: SlotID, server: ContenderServer, cgroup: CPUCgroup?) {
        self.slot = slot
        self.server = server
        self.cgroup = cgroup
    }

    var manifest: ContenderManifest { server.manifest }
    var name: String { server.manifest.name }
}
